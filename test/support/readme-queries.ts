import { readFileSync } from "node:fs";
import path from "node:path";

/** A query of the README's examples, as a reader copies it: the graphql block that starts `query <name>`. */
export function readmeQuery(name: string): string {
  const readme = readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");
  const block = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1]).find((text) => new RegExp(`^query ${name}\\b`).test(text));
  if (!block) throw new Error(`README.md has no query ${name}`);
  return block;
}
