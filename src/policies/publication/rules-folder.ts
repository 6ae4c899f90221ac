import { hostname } from "node:os";
import path from "node:path";
import { DataSource } from "typeorm";
import { PolicyFamily, policyFamilies } from "../rule-files/rule-file";
import { readRuleFolder, RuleSetSources } from "../rule-set";
import { checkRuleSetSources, TestedRuleSet } from "../rule-set-loading";
import { JobQueue } from "../../jobs/job-queue";
import { recordRuleAudit, RuleActor } from "./rule-audit";
import { discardRuleDraft, listRuleDrafts, saveRuleDraft } from "./rule-drafts";
import { activate, Activation, isPublished } from "./rule-set-publication";

/** A rules folder as read and checked: its files, and whether they make a good set. */
export interface CheckedFolder {
  sources: RuleSetSources;
  tested: TestedRuleSet;
}

export async function checkRulesFolder(rulesDirectory: string): Promise<CheckedFolder> {
  const sources = await readRuleFolder(rulesDirectory);
  return { sources, tested: await checkRuleSetSources(sources) };
}

/** The author of drafts a server saves from its rules folder: one per host and folder. */
export function folderActor(rulesDirectory: string): RuleActor {
  return { name: `rules folder ${path.resolve(rulesDirectory)} on ${hostname()}`, keyId: `folder:${hostname()}:${path.resolve(rulesDirectory)}` };
}

/** What a valid folder is, next to the version in service. */
export type FolderStanding = "in service" | "published before" | "a new change";

export async function standingOf(dataSource: DataSource, folder: CheckedFolder, active: Activation): Promise<FolderStanding> {
  if (changedFamilies(folder.sources, active).length === 0) return "in service";
  const version = folder.tested.ruleSet!.version;
  return version !== active.version && (await isPublished(dataSource.manager, version)) ? "published before" : "a new change";
}

function changedFamilies(sources: RuleSetSources, active: Activation): PolicyFamily[] {
  return policyFamilies.filter(
    (family) => sources.rules[family].text !== active.sources[family].text || sources.tests[family].text !== (active.tests?.[family]?.text ?? ""),
  );
}

/**
 * A folder's change is a proposal, not a publication (a rollback holds until someone publishes anew):
 * it goes into the folder's own open draft, created on the first change. The folder says all it means at
 * every save: a draft of it begun on an earlier version in service is discarded and begun again on the
 * version in service, rather than refused later as a conflict. Returns the draft's id.
 */
export async function saveFolderDraft(dataSource: DataSource, rulesDirectory: string, folder: CheckedFolder, active: Activation): Promise<string> {
  const actor = folderActor(rulesDirectory);
  const files = changedFamilies(folder.sources, active).map((family) => ({
    family,
    document: folder.sources.rules[family].text,
    tests: folder.sources.tests[family].text,
  }));
  return dataSource.transaction(async (manager) => {
    let open = (await listRuleDrafts(manager, false)).find((draft) => draft.authorKeyId === actor.keyId);
    if (open && open.baseVersion !== active.version) {
      await discardRuleDraft(manager, actor, open.id, `the folder changed again, with version ${active.version} in service: saved as a new draft`);
      open = undefined;
    }
    const draft = await saveRuleDraft(manager, actor, { draftId: open?.id, files, comment: "changed in the rules folder" });
    return draft.id;
  });
}

/** Puts a good folder (rules and cases) in service for the group, audited as `actor`'s publication; returns the activation, if any. */
export async function publishRulesFolder(
  dataSource: DataSource,
  folder: CheckedFolder,
  publication: { actor: RuleActor; comment: string },
  queue: JobQueue,
): Promise<number | undefined> {
  const { actor, comment } = publication;
  const version = folder.tested.ruleSet!.version;
  return activate(
    dataSource,
    { version, sources: folder.sources.rules, tests: folder.sources.tests },
    { reason: "published", by: actor.name, comment, alongside: (manager) => recordRuleAudit(manager, actor, { action: "published", version, comment }) },
    queue,
  );
}
