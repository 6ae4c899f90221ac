import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(__dirname, "../..");
const floors = JSON.parse(readFileSync(path.join(root, ".ci/floors.json"), "utf8")) as string[][];

/** Lints `text` as if it were the file at `file` (which must exist: the type-aware lint only reads files of the project). */
function lintAs(file: string, text: string): string {
  const eslint = path.join(root, "node_modules/.bin/eslint");
  const run = spawnSync(eslint, ["--config", ".ci/eslint.config.mjs", "--stdin", "--stdin-filename", file], { cwd: root, input: text, encoding: "utf8" });
  return run.stdout + run.stderr;
}

describe("the floors of src/ (docs/architecture.md)", () => {
  it("when a folder or file is added to src/, then it must be given a floor, or the lint would not hold it", () => {
    const rooms = readdirSync(path.join(root, "src"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() || entry.name.endsWith(".ts"))
      .map((entry) => `src/${entry.name}`)
      .sort();
    expect(floors.flat().sort()).toEqual(rooms);
  });

  it("when a domain imports the policy layer above it, then the lint refuses it and says why", () => {
    const upward = `import { accountPoliciesOf } from "../policies/account-policies";\nexport const reach = accountPoliciesOf;\n`;
    const report = lintAs("src/accounts/account.rules.ts", upward);
    expect(report).toContain("import-x/no-restricted-paths");
    expect(report).toContain("src/accounts stands below what it imports here");
  }, 60_000);

  it("when two rooms of one floor import each other, then the lint refuses the import", () => {
    const sideways = `import { Order } from "../orders/order.entity";\nexport type Sideways = Order;\n`;
    expect(lintAs("src/contacts/contact.rules.ts", sideways)).toContain("src/contacts stands below what it imports here");
  }, 60_000);
});
