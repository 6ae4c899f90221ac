import { createTwoFilesPatch } from "diff";
import { DataSource, EntityManager } from "typeorm";
import { JobQueue } from "../../jobs/job-queue";
import { PolicyFamily, policyFamilies } from "../rule-files/rule-file";
import { RuleFileSource } from "../rule-files/validate-rule-files";
import { activate, activeRuleSet, publishedRuleSet } from "./rule-set-publication";
import { recordRuleAudit, RuleActor } from "./rule-audit";
import { RulePublicationError, RulePublicationErrorReason } from "./rule-publication.errors";

export interface RuleFileDiff {
  family: PolicyFamily;
  file: string;
  /** A unified diff of the file against the previous version's. */
  diff: string;
}

/** One time a version went into service: a publication or a rollback. */
export interface RuleSetHistoryEntry {
  activationId: number;
  version: string;
  reason: "published" | "rollback";
  author: string;
  comment: string;
  at: Date;
  inService: boolean;
  previousVersion: string | null;
  /** The files (rules and cases) that differ from the previous entry's. */
  changes: RuleFileDiff[];
}

interface HistoryRow {
  id: string;
  version: string;
  reason: "published" | "rollback";
  author: string;
  comment: string;
  at: Date;
  sources: Record<PolicyFamily, RuleFileSource>;
  tests: Record<PolicyFamily, RuleFileSource> | null;
}

/**
 * Publications and rollbacks, newest first, each with its diff against the one before it (re-activations
 * for results found missing are left out: they change nothing an analyst wrote).
 */
export async function ruleSetHistory(manager: EntityManager, first: number): Promise<RuleSetHistoryEntry[]> {
  const rows: HistoryRow[] = await manager.query(
    `SELECT activation.id, activation.version, activation.reason, activation.activated_by AS author, activation.comment,
            activation.activated_at AS at, version.sources, activation.tests
     FROM rule_set_activations activation JOIN rule_set_versions version ON version.version = activation.version
     WHERE activation.reason <> 'stale' ORDER BY activation.id DESC LIMIT $1`,
    [first + 1],
  );
  const active = await activeRuleSet(manager);
  return rows.slice(0, first).map((row, index) => {
    const previous = rows[index + 1];
    return {
      activationId: Number(row.id),
      version: row.version,
      reason: row.reason,
      author: row.author,
      comment: row.comment,
      at: row.at,
      inService: active?.id === Number(row.id),
      previousVersion: previous?.version ?? null,
      changes: diffOf(previous, row),
    };
  });
}

function diffOf(previous: HistoryRow | undefined, current: HistoryRow): RuleFileDiff[] {
  const files = policyFamilies.flatMap((family) => [
    { family, before: previous?.sources[family], after: current.sources[family] },
    { family, before: previous?.tests?.[family], after: current.tests?.[family] },
  ]);
  return files
    .filter(({ before, after }) => after !== undefined && before?.text !== after.text)
    .map(({ family, before, after }) => ({
      family,
      file: after!.file,
      diff: createTwoFilesPatch(after!.file, after!.file, before?.text ?? "", after!.text, previous?.version ?? "", current.version, { context: 3 }),
    }));
}

/** Puts an earlier published version (with its cases) back in service for the whole group, audited as `actor`'s, and re-evaluates with it. */
export async function rollBackTo(
  dataSource: DataSource,
  version: string,
  rollback: { actor: RuleActor; comment: string },
  queue: JobQueue,
): Promise<number | undefined> {
  const published = await publishedRuleSet(dataSource.manager, version);
  if (!published) {
    throw new RulePublicationError(
      RulePublicationErrorReason.RULE_VERSION_NOT_FOUND,
      `No rule set version ${version} was ever published: ruleSetHistory (or npm run rules:rollback without --to) lists them`,
      "to",
    );
  }
  const { actor, comment } = rollback;
  const audit = (manager: EntityManager) => recordRuleAudit(manager, actor, { action: "rolled back", version, comment });
  return activate(dataSource, published, { reason: "rollback", by: actor.name, comment, alongside: audit }, queue);
}
