import { ApolloServer } from "@apollo/server";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { RunningHttpServer, startGraphQLHttpServer } from "../../src/http/graphql-http-server";
import { defaultWorkbenchAssetDirectory } from "../../src/http/rule-workbench";

/** The rule workbench's page and files as the server sends them (the page itself is driven in test/browser). */
describe("the rule workbench at /rules", () => {
  let folder: string;
  let http: RunningHttpServer;
  let apollo: ApolloServer;
  const get = (pathname: string, headers: Record<string, string> = {}) => fetch(new URL(pathname, http.url), { headers });

  beforeAll(async () => {
    // A stand-in for the bundle `npm run build` writes to dist/workbench: what is served, not how it was built.
    folder = await mkdtemp(path.join(tmpdir(), "customer-graph-workbench-"));
    await writeFile(path.join(folder, "workbench.js"), "console.log('workbench');");
    await writeFile(path.join(folder, "workbench.css"), "body { margin: 0; }");
    await writeFile(path.join(folder, "secret.txt"), "not an asset");
    apollo = new ApolloServer({ typeDefs: "type Query { ping: Int }" });
    http = await startGraphQLHttpServer(apollo, {
      port: 0,
      host: "127.0.0.1",
      maxRequestBytes: 10_000,
      shutdownGraceMilliseconds: 1_000,
      ide: false,
      workbenchAssetDirectory: folder,
      readiness: async () => ({ ready: true }),
      context: async () => ({}),
    });
  });
  afterAll(async () => {
    await http.close();
    await apollo.stop();
    await rm(folder, { recursive: true, force: true });
  });

  test("when a browser opens /rules, then it gets the page, which loads its script and style from /rules/assets only", async () => {
    const answer = await get("/rules");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(answer.headers.get("content-security-policy")).toContain("default-src 'self'");
    const page = await answer.text();
    expect(page).toContain('<script src="/rules/assets/workbench.js"></script>');
    expect(page).toContain('href="/rules/assets/workbench.css"');
    const addresses = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    // Besides its own files, an empty icon in the page itself: the browser asks for no /favicon.ico.
    expect(addresses.filter((url) => !url.startsWith("/rules/assets/"))).toEqual(["data:,"]);
  });

  test("when an asset is asked for, then it comes with its content type and an ETag, and 304 when the browser has it", async () => {
    const script = await get("/rules/assets/workbench.js");
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(await script.text()).toBe("console.log('workbench');");
    const style = await get("/rules/assets/workbench.css");
    expect(style.headers.get("content-type")).toBe("text/css; charset=utf-8");
    const etag = script.headers.get("etag")!;
    expect(script.headers.get("cache-control")).toBe("no-cache");
    expect((await get("/rules/assets/workbench.js", { "if-none-match": etag })).status).toBe(304);
  });

  test("when an unknown asset, a file beside the assets or a path out of the folder is asked for, then 404", async () => {
    for (const pathname of [
      "/rules/assets/nothing.js",
      "/rules/assets/secret.txt",
      "/rules/assets/..%2F..%2Fpackage.json",
      "/rules/assets/%2e%2e/secret.txt",
    ]) {
      const answer = await get(pathname);
      expect({ pathname, status: answer.status }).toEqual({ pathname, status: 404 });
    }
  });

  test("when the page is posted to, then 405 with the methods it takes", async () => {
    const answer = await fetch(new URL("/rules", http.url), { method: "POST", body: "{}" });
    expect(answer.status).toBe(405);
    expect(answer.headers.get("allow")).toBe("GET, HEAD");
  });

  test("when the server runs from src/http or from the build's dist/src/http, then it finds the bundle in the project's dist/workbench", () => {
    const root = path.resolve(__dirname, "../..");
    expect(defaultWorkbenchAssetDirectory(path.join(root, "src", "http"))).toBe(path.join(root, "dist", "workbench"));
    expect(defaultWorkbenchAssetDirectory(path.join(root, "dist", "src", "http"))).toBe(path.join(root, "dist", "workbench"));
  });
});
