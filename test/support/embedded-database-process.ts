import { ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";

export interface EmbeddedDatabaseProcess {
  url: string;
  stop(): Promise<void>;
}

const script = `
const { startEmbeddedDatabase } = require("./dist/src/database/embedded-database");
startEmbeddedDatabase(undefined, 0).then((database) => {
  console.log(database.url);
  process.once("SIGTERM", () => database.stop().then(() => process.exit(0)));
});
`;

/**
 * The compiled embedded database (in memory) in a child process: PGlite does not load in jest's VM
 * (it imports modules dynamically), and it runs in a process of its own in production too.
 */
export async function startEmbeddedDatabaseProcess(): Promise<EmbeddedDatabaseProcess> {
  const child: ChildProcess = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const line = /^postgres:\/\/\S+/m.exec(output)?.[0];
      if (line) resolve(line);
    });
    child.once("exit", (code) => reject(new Error(`The embedded database exited with ${code}: ${output}`)));
  });
  return {
    url,
    async stop() {
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      await exited;
    },
  };
}
