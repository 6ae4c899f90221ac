import { readFile } from "node:fs/promises";
import { intersects, minVersion } from "semver";

interface LockedPackage {
  version?: string;
  engines?: { node?: string } | string[];
}

// The lock holds older releases of @graphql-tools/* (and graphql-codegen 6) because their newest ones
// need Node 22; `npm update` would bring those back, and npm only warns (README, "Notes on choices").
describe("the lock file", () => {
  it("when it is installed, then every package admits the oldest Node line package.json's engines admit", async () => {
    const manifest = JSON.parse(await readFile("package.json", "utf8")) as { engines: { node: string } };
    const lock = JSON.parse(await readFile("package-lock.json", "utf8")) as { packages: Record<string, LockedPackage> };
    const oldestLine = `${minVersion(manifest.engines.node)?.major}.x`;
    const refusing = Object.entries(lock.packages)
      .filter(([, locked]) => !Array.isArray(locked.engines) && locked.engines?.node !== undefined && !intersects(oldestLine, locked.engines.node))
      .map(([path, locked]) => `${path}@${locked.version} wants node ${(locked.engines as { node: string }).node}`);
    expect(refusing).toEqual([]);
  });
});
