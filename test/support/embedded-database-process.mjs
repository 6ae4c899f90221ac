// An in-memory PGlite on a loopback socket, in a process of its own: jest's module sandbox cannot load
// PGlite (it imports its WebAssembly dynamically), so a test that needs a second database starts this.
// Prints the database's URL on a line; ends when its parent closes its stdin.
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

const database = await PGlite.create({ extensions: { pg_trgm } });
const server = new PGLiteSocketServer({ db: database, host: "127.0.0.1", port: 0, maxConnections: 32 });
await server.start();
console.log(`postgres://postgres@${server.getServerConn()}/postgres`);
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
