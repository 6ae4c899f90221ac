import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

const schemaFile = path.resolve(__dirname, "../../schema/schema.graphql");
const documentsFolder = path.resolve(__dirname, "src");
const compiler = require.resolve("relay-compiler/cli.js");

interface CompilerRun {
  exitCode: number | null;
  output: string;
}

/**
 * relay-compiler (its own binary, offline) over a folder of documents against the committed schema,
 * writing its artifacts into a folder of its own that is removed afterwards.
 */
async function compileRelayDocuments(sourceFolder: string): Promise<CompilerRun & { artifacts: string[] }> {
  const root = await mkdtemp(path.join(tmpdir(), "relay-compile-"));
  try {
    await mkdir(path.join(root, "__generated__"));
    const config = { src: sourceFolder, schema: schemaFile, language: "typescript", artifactDirectory: "./__generated__" };
    await writeFile(path.join(root, "relay.config.json"), JSON.stringify(config));
    const run = await new Promise<CompilerRun>((resolve) => {
      execFile(process.execPath, [compiler, "relay.config.json", "--output", "quiet-with-errors", "--noWatchman"], { cwd: root }, (error, stdout, stderr) => {
        resolve({ exitCode: error ? (typeof error.code === "number" ? error.code : 1) : 0, output: `${stdout}${stderr}` });
      });
    });
    return { ...run, artifacts: (await readdir(path.join(root, "__generated__"))).sort() };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

describe("Relay: a front-end's documents compile against the emitted schema", () => {
  test("when relay-compiler compiles the paginated lists and the payload mutations with @prependEdge, @appendEdge and @deleteEdge, then it reports no error", async () => {
    const run = await compileRelayDocuments(documentsFolder);
    expect(run.output).toBe("");
    expect(run.exitCode).toBe(0);
    expect(run.artifacts).toEqual(
      expect.arrayContaining([
        "accountTicketsList_account.graphql.ts",
        "ticketMutationsOpenMutation.graphql.ts",
        "ticketMutationsCloseMutation.graphql.ts",
        "ticketMutationsReopenMutation.graphql.ts",
        "accountOrdersAndContactsOrderPlaceMutation.graphql.ts",
        "accountOrdersAndContactsContactCreateMutation.graphql.ts",
        "accountsListAccountCreateMutation.graphql.ts",
      ]),
    );
  });

  test("when a document asks for an edge the schema does not have, then the compile fails and says where", async () => {
    const folder = await mkdtemp(path.join(tmpdir(), "relay-documents-"));
    try {
      await writeFile(
        path.join(folder, "broken-mutation.ts"),
        "export const broken = graphql`mutation brokenMutationMutation($id: ID!, $connections: [ID!]!) { resolveTicket(id: $id) { ticketEdge @appendEdge(connections: $connections) { cursor } } }`;\n",
      );
      const run = await compileRelayDocuments(folder);
      expect(run.exitCode).not.toBe(0);
      expect(run.output).toContain("The type `Ticket` has no field `ticketEdge`");
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
