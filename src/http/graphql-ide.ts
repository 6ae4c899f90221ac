import { readFile } from "node:fs/promises";
import { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";

/**
 * GraphiQL served from our own node_modules (its UMD build and React's), so that the IDE works
 * without the internet: Apollo's default landing page loads its code from a CDN.
 */
const javascript = "text/javascript; charset=utf-8";
const assets: Record<string, { packageName: string; file: string; contentType: string }> = {
  "react.js": { packageName: "react", file: "umd/react.production.min.js", contentType: javascript },
  "react-dom.js": { packageName: "react-dom", file: "umd/react-dom.production.min.js", contentType: javascript },
  "graphiql.js": { packageName: "graphiql", file: "graphiql.min.js", contentType: javascript },
  "graphiql.css": { packageName: "graphiql", file: "graphiql.min.css", contentType: "text/css; charset=utf-8" },
};

/** Where the IDE's files are served: under the endpoint, so one path prefix routes the whole API. */
export const ideAssetPath = "/graphql/ide/";

const page = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Customer graph · GraphiQL</title>
    <link rel="stylesheet" href="${ideAssetPath}graphiql.css" />
    <style>body { margin: 0; } #graphiql { height: 100vh; }</style>
  </head>
  <body>
    <div id="graphiql">Loading GraphiQL…</div>
    <script src="${ideAssetPath}react.js"></script>
    <script src="${ideAssetPath}react-dom.js"></script>
    <script src="${ideAssetPath}graphiql.js"></script>
    <script>
      // Requests need an API key: paste the one npm start printed into the headers below.
      const plainFetcher = GraphiQL.createFetcher({ url: location.pathname });
      const unauthenticated = (result) => Boolean(result && result.errors && result.errors.some((error) => error.extensions && error.extensions.code === "UNAUTHENTICATED"));
      // The headers GraphiQL keeps (shouldPersistHeaders) once they differ from those just refused.
      const changedHeaders = (refused) => new Promise((resolve) => {
        const look = () => {
          try {
            const headers = JSON.parse(localStorage.getItem("graphiql:headers") || "{}");
            if (JSON.stringify(headers) !== refused) return resolve(headers);
          } catch (notJsonYet) {}
          setTimeout(look, 500);
        };
        look();
      });
      // The schema is asked for as the page opens, before a key is in the headers: refused, it is
      // asked again as soon as the headers change, so the docs load without a manual re-fetch.
      const fetcher = async (params, options) => {
        let result = await plainFetcher(params, options);
        while (params.operationName === "IntrospectionQuery" && unauthenticated(result)) {
          options = { ...options, headers: await changedHeaders(JSON.stringify((options && options.headers) || {})) };
          result = await plainFetcher(params, options);
        }
        return result;
      };
      ReactDOM.createRoot(document.getElementById("graphiql")).render(
        React.createElement(GraphiQL, {
          fetcher,
          isHeadersEditorEnabled: true,
          shouldPersistHeaders: true,
          defaultHeaders: JSON.stringify({ Authorization: "Bearer <your API key>" }, null, 2),
          defaultQuery: "{\\n  ruleSets {\\n    family\\n    version\\n  }\\n}\\n",
        }),
      );
    </script>
  </body>
</html>
`;

/** A browser asking for the endpoint itself (GET, HTML accepted) gets the IDE page. */
export function wantsIdePage(request: IncomingMessage, pathname: string): boolean {
  return request.method === "GET" && pathname === "/graphql" && (request.headers.accept ?? "").includes("text/html");
}

export function sendIdePage(response: ServerResponse): void {
  response.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  response.end(page);
}

/** One of the IDE's files, read from node_modules; anything else under the prefix is 404. */
export async function sendIdeAsset(response: ServerResponse, pathname: string): Promise<void> {
  const asset = assets[pathname.slice(ideAssetPath.length)];
  if (!asset) {
    response.writeHead(404).end();
    return;
  }
  // The packages' exports do not list their UMD builds: found from each package's folder instead.
  const content = await readFile(path.join(path.dirname(require.resolve(`${asset.packageName}/package.json`)), asset.file));
  response.writeHead(200, { "content-type": asset.contentType, "cache-control": "public, max-age=86400" });
  response.end(content);
}
