import { readFile } from "node:fs/promises";
import path from "node:path";
import { PolicyFamily, policyFamilies } from "../rule-files/rule-file";
import { compileRuleSet, readRuleFileSources, RuleSetLoad } from "../rule-set";

/** A draft that does not say which rule file it replaces. */
export class UnknownDraftFamilyError extends Error {}

export interface DraftRuleSet {
  /** The rule file the draft replaces. */
  family: PolicyFamily;
  /** The rules folder's set with the draft in place of that file: loaded, or its problems. */
  compiled: RuleSetLoad;
}

/** The rule set the folder would be with the draft `draftPath` in place of the file its "family" names. */
export async function compileDraft(rulesDirectory: string, draftPath: string): Promise<DraftRuleSet> {
  const text = await readFile(draftPath, "utf8");
  const family = familyOfDraft(text, draftPath);
  const sources = await readRuleFileSources(rulesDirectory);
  sources[family] = { family, file: path.relative(process.cwd(), draftPath), text };
  return { family, compiled: compileRuleSet(sources) };
}

function familyOfDraft(text: string, file: string): PolicyFamily {
  try {
    const family = (JSON.parse(text) as { family?: unknown }).family;
    if (policyFamilies.includes(family as PolicyFamily)) return family as PolicyFamily;
  } catch {
    // Not JSON: fall back to the file name; validation then reports the syntax error with its line.
  }
  const byName = policyFamilies.find((family) => path.basename(file).startsWith(family));
  if (!byName) throw new UnknownDraftFamilyError(`${file}: say which file the draft replaces with "family": one of ${policyFamilies.join(", ")}`);
  return byName;
}
