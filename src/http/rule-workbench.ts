import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";

/**
 * The analysts' rule workbench: one page and the bundle `npm run build` makes of src/workbench
 * (CodeMirror included), served by the server itself so that it works offline and talks to
 * /graphql alone.
 */
export const workbenchPagePath = "/rules";
export const workbenchAssetPath = "/rules/assets/";

/** The only files served: a name outside this list is 404, so no path reaches another file. */
const assets: Record<string, string> = {
  "workbench.js": "text/javascript; charset=utf-8",
  "workbench.css": "text/css; charset=utf-8",
  "workbench.js.map": "application/json; charset=utf-8",
  "workbench.css.map": "application/json; charset=utf-8",
};

/** The page reaches nothing but this server: a script or style from elsewhere is refused by the browser too. */
const contentSecurityPolicy = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'";

const page = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Customer graph · rule workbench</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="${workbenchAssetPath}workbench.css" />
  </head>
  <body>
    <main id="workbench">Loading the rule workbench…</main>
    <script src="${workbenchAssetPath}workbench.js"></script>
  </body>
</html>
`;

/** Where the bundle is: dist/workbench of the project, found from this file in src/http or in dist/src/http. */
export function defaultWorkbenchAssetDirectory(from = __dirname): string {
  let folder = from;
  while (!existsSync(path.join(folder, "package.json")) && path.dirname(folder) !== folder) folder = path.dirname(folder);
  return path.join(folder, "dist", "workbench");
}

export function isWorkbenchRequest(pathname: string): boolean {
  return pathname === workbenchPagePath || pathname === `${workbenchPagePath}/` || pathname.startsWith(workbenchAssetPath);
}

/** GET (or HEAD) /rules is the page, /rules/assets/<name> one of its files; anything else there is 404 or 405. */
export async function sendWorkbench(request: IncomingMessage, response: ServerResponse, pathname: string, assetDirectory: string): Promise<void> {
  if (request.method !== "GET" && request.method !== "HEAD") {
    response.writeHead(405, { allow: "GET, HEAD" }).end();
    return;
  }
  if (!pathname.startsWith(workbenchAssetPath)) {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-cache", "content-security-policy": contentSecurityPolicy });
    response.end(request.method === "HEAD" ? undefined : page);
    return;
  }
  await sendAsset(request, response, pathname.slice(workbenchAssetPath.length), assetDirectory);
}

/** A rebuild changes the bundle under the same name: browsers ask again each time (ETag, 304 when unchanged). */
async function sendAsset(request: IncomingMessage, response: ServerResponse, name: string, assetDirectory: string): Promise<void> {
  const contentType = Object.hasOwn(assets, name) ? assets[name] : undefined;
  const file = path.join(assetDirectory, name);
  const stats = contentType ? await stat(file).catch(() => undefined) : undefined;
  if (!contentType || !stats) {
    response.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end(`No workbench file ${name}`);
    return;
  }
  const etag = `"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`;
  const headers = { "content-type": contentType, "cache-control": "no-cache", etag };
  if (request.headers["if-none-match"] === etag) {
    response.writeHead(304, headers).end();
    return;
  }
  response.writeHead(200, headers);
  response.end(request.method === "HEAD" ? undefined : await readFile(file));
}
