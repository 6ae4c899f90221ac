import { mkdir, mkdtemp, readFile, rm, stat, symlink, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { BuildFailedError, buildStamp, ensureBuilt } from "../../src/commands/harness/ensure-built";

/** A project of one source file, built as this one is (tsconfig.build.json, incremental), with this project's TypeScript. */
async function makeProject(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), "ensure-built-"));
  await mkdir(path.join(root, "src"));
  await symlink(path.resolve(__dirname, "../../node_modules"), path.join(root, "node_modules"), "dir");
  await writeFile(
    path.join(root, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { target: "ES2022", module: "commonjs", strict: true, outDir: "dist", rootDir: ".", types: [] } }),
  );
  const build = { extends: "./tsconfig.json", compilerOptions: { incremental: true, tsBuildInfoFile: buildStamp }, include: ["src"] };
  await writeFile(path.join(root, "tsconfig.build.json"), JSON.stringify(build));
  await writeFile(path.join(root, "src", "answer.ts"), "export const answer: number = 41;\n");
  return root;
}

describe("the commands' build step", () => {
  let root: string;
  const announced: string[] = [];
  const build = () => ensureBuilt(root, (line) => announced.push(line));
  const output = () => readFile(path.join(root, "dist/src/answer.js"), "utf8");

  beforeAll(async () => {
    root = await makeProject();
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  test("when nothing was built yet, then it compiles; when nothing changed since, then it compiles nothing, in milliseconds", async () => {
    expect(build()).toBe("rebuilt");
    expect(await output()).toMatch(/answer = 41/);
    announced.length = 0;
    const started = performance.now();
    expect(build()).toBe("fresh");
    expect(performance.now() - started).toBeLessThan(200);
    expect(announced).toEqual([]);
  });

  test("when a source changes, then it compiles the change and says so", async () => {
    await writeFile(path.join(root, "src", "answer.ts"), "export const answer: number = 42;\n");
    expect(build()).toBe("rebuilt");
    expect(announced).toEqual([expect.stringMatching(/sources changed since the last build/)]);
    expect(await output()).toMatch(/answer = 42/);
    expect(build()).toBe("fresh");
  });

  test("when a source is removed, then its folder's change makes the build run", async () => {
    await writeFile(path.join(root, "src", "extra.ts"), "export const extra = 1;\n");
    expect(build()).toBe("rebuilt");
    await rm(path.join(root, "src", "extra.ts"));
    // Folder times can be as coarse as the file system's clock: make the removal plainly later than the build.
    const later = new Date((await stat(path.join(root, buildStamp))).mtimeMs + 2_000);
    await utimes(path.join(root, "src"), later, later);
    expect(build()).toBe("rebuilt");
    // Back to a plain past time, so that the folder's made-up future does not make the next test's builds stale.
    const earlier = new Date(Date.now() - 10_000);
    await utimes(path.join(root, "src"), earlier, earlier);
  });

  test("when the sources do not compile, then it throws, and the next run compiles again rather than trusting dist/", async () => {
    await writeFile(path.join(root, "src", "answer.ts"), 'export const answer: number = "forty-three";\n');
    announced.length = 0;
    expect(build).toThrow(BuildFailedError);
    expect(announced).toContainEqual(expect.stringMatching(/answer\.ts.*TS2322/));
    expect(build).toThrow(BuildFailedError);
    await writeFile(path.join(root, "src", "answer.ts"), "export const answer: number = 43;\n");
    expect(build()).toBe("rebuilt");
    expect(build()).toBe("fresh");
  });

  test("when the workbench page's sources change, then the page is bundled again; when they do not, then not", async () => {
    const bundle = () => readFile(path.join(root, "dist/workbench/workbench.js"), "utf8");
    // A stand-in for esbuild: the bundle is the page's source, copied.
    const copy =
      "node -e \"require('fs').mkdirSync('dist/workbench',{recursive:true});require('fs').copyFileSync('src/workbench/workbench.ts','dist/workbench/workbench.js')\"";
    await writeFile(path.join(root, "package.json"), JSON.stringify({ name: "ensure-built-workbench", private: true, scripts: { "build:workbench": copy } }));
    await mkdir(path.join(root, "src", "workbench"));
    await writeFile(path.join(root, "src", "workbench", "workbench.ts"), "export const page = 1;\n");
    expect(build()).toBe("rebuilt");
    expect(await bundle()).toBe("export const page = 1;\n");
    expect(build()).toBe("fresh");
    await writeFile(path.join(root, "src", "workbench", "workbench.ts"), "export const page = 2;\n");
    const later = new Date(Date.now() + 2_000);
    await utimes(path.join(root, "src", "workbench", "workbench.ts"), later, later);
    announced.length = 0;
    expect(build()).toBe("rebuilt");
    expect(announced).toContainEqual(expect.stringMatching(/workbench page changed/));
    expect(await bundle()).toBe("export const page = 2;\n");
  });
});
