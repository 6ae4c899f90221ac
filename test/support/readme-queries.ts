import { readFileSync } from "node:fs";
import path from "node:path";

/** A query of the README's examples, as a reader copies it: the graphql block that starts `query <name>`. */
export function readmeQuery(name: string): string {
  return readmeOperation("query", name);
}

/** A mutation of the README's examples: the graphql block (indented or not) that starts `mutation <name>`. */
export function readmeMutation(name: string): string {
  return readmeOperation("mutation", name);
}

function readmeOperation(kind: "query" | "mutation", name: string): string {
  const readme = readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");
  const blocks = [...readme.matchAll(/^( *)```graphql\n([\s\S]*?)^ *```/gm)].map((match) => match[2].replace(new RegExp(`^${match[1]}`, "gm"), ""));
  const block = blocks.find((text) => new RegExp(`^${kind} ${name}\\b`).test(text));
  if (!block) throw new Error(`README.md has no ${kind} ${name}`);
  return block;
}
