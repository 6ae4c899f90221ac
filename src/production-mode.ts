/**
 * Imported first by the server's entry point, because libraries read NODE_ENV as they load:
 * outside production graphql-js inspects every failed `instanceof` for a second copy of itself,
 * about 5% of the server's CPU on the 360° list (npm run bench -- --profile). An operator's
 * NODE_ENV wins. Our own behaviour never depends on it: introspection, stack traces and the
 * landing page are set explicitly (src/server.ts).
 */
process.env.NODE_ENV ??= "production";
