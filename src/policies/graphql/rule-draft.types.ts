import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { DateTimeScalar } from "../../shared/scalars";

export enum RuleDraftStatus {
  EDITING = "editing",
  IN_REVIEW = "in_review",
  PUBLISHED = "published",
  DISCARDED = "discarded",
}

registerEnumType(RuleDraftStatus, {
  name: "RuleDraftStatus",
  description: "Where a rule draft stands",
  valuesConfig: {
    EDITING: { description: "Being written: saved, not yet sent for review (a save after a review request comes back here)" },
    IN_REVIEW: { description: "Sent for review: another analyst approves the revision shown" },
    PUBLISHED: { description: "Put in service: publishedVersion is its version" },
    DISCARDED: { description: "Given up; kept for the audit" },
  },
});

@ObjectType("RuleDraftFile", { simpleResolvers: true, description: "One family's files in a draft (or in service): the rule file and its test cases, as text" })
export class RuleDraftFileType {
  @Field({ description: "tiering, service-priority or retention-barriers" })
  family: string;

  @Field({ description: "The rule file's JSON (rules/<family>.json)" })
  document: string;

  @Field({ description: "The family's test cases' JSON (rules/tests/<family>.json)" })
  tests: string;
}

@ObjectType("RuleApproval", { simpleResolvers: true, description: "An approval of one revision of a draft, by another key than the author's" })
export class RuleApprovalType {
  @Field({ description: "The approving API key's name" })
  approver: string;

  @Field({ description: "What the approver said" })
  comment: string;

  @Field(() => DateTimeScalar, { description: "When it was approved" })
  at: Date;
}

@ObjectType("RuleDraft", {
  simpleResolvers: true,
  description: "A proposed change of one or more rule files: checked, tested, previewed, reviewed, then published together",
})
export class RuleDraftType {
  @Field(() => ID, { description: "The draft's id (ruleDraft, and every step on it)" })
  id: string;

  @Field(() => RuleDraftStatus, { description: "Where the draft stands" })
  status: RuleDraftStatus;

  @Field({ description: "The name of the API key that began it (or the rules folder it came from)" })
  author: string;

  @Field({ description: "The latest save's comment" })
  comment: string;

  @Field(() => DateTimeScalar, { description: "When it was begun" })
  createdAt: Date;

  @Field(() => DateTimeScalar, { description: "When it was last saved or stepped on" })
  updatedAt: Date;

  @Field({ description: "The version in service when the draft was begun" })
  baseVersion: string;

  @Field(() => Int, { description: "One more per save: an approval counts for the revision it saw" })
  revision: number;

  @Field(() => [RuleDraftFileType], { description: "The families this draft changes, with their files as the draft has them" })
  files: RuleDraftFileType[];

  @Field({ description: "Whether a family of the draft needs another analyst's approval before it is published (RULES_REVIEW_FAMILIES)" })
  reviewRequired: boolean;

  @Field(() => DateTimeScalar, { nullable: true, description: "When a review of the current revision was requested; null when none is" })
  reviewRequestedAt: Date | null;

  @Field(() => [RuleApprovalType], { description: "The approvals of the current revision" })
  approvals: RuleApprovalType[];

  @Field(() => String, { nullable: true, description: "The version it became, once published" })
  publishedVersion: string | null;
}

@ObjectType({ simpleResolvers: true, description: "One problem of a rule file or a test case, where it is and what to do" })
export class RuleProblemReport {
  @Field(() => String, { nullable: true, description: "The family whose file it is in" })
  family: string | null;

  @Field({ description: "rules/<family>.json or rules/tests/<family>.json" })
  file: string;

  @Field(() => Int, { description: "The line in the file, from 1" })
  line: number;

  @Field(() => Int, { description: "The column in the line, from 1" })
  column: number;

  @Field(() => String, { nullable: true, description: "The rule's name, when the problem is inside a rule" })
  rule: string | null;

  @Field(() => String, { nullable: true, description: "The test case's name, when the problem is a failing or malformed case" })
  testCase: string | null;

  @Field({ description: "Where in the file, as a JSON path: $.rules[3].conditions.all[0].value" })
  path: string;

  @Field({ description: "What is wrong" })
  message: string;

  @Field(() => String, { nullable: true, description: "What to do about it, in plain words; null when the message says it" })
  fix: string | null;
}

@ObjectType({ simpleResolvers: true, description: "A draft's check: every problem of every file, and the cases, at once" })
export class RuleCheck {
  @Field({ description: "True when the files are valid and every case passes: the draft can be published" })
  valid: boolean;

  @Field(() => [RuleProblemReport], { description: "Every problem, each located in its file" })
  problems: RuleProblemReport[];

  @Field(() => String, { nullable: true, description: "The version the rule set would have; null while it does not compile" })
  version: string | null;
}

@ObjectType({ simpleResolvers: true, description: "One test case run against a draft" })
export class RuleTestCaseResult {
  @Field({ description: "The family whose cases it is one of" })
  family: string;

  @Field({ description: "The case's name, as its file gives it" })
  name: string;

  @Field({ description: "Whether the outcome was the one expected" })
  passed: boolean;

  @Field(() => [RuleProblemReport], { description: "What differed from what the case expects" })
  problems: RuleProblemReport[];
}

@ObjectType({ simpleResolvers: true, description: "The test cases of a draft, run" })
export class RuleTestRun {
  @Field(() => Int, { description: "The cases that passed" })
  passed: number;

  @Field(() => Int, { description: "The cases that failed" })
  failed: number;

  @Field(() => [RuleTestCaseResult], { description: "Every case run, in file order" })
  cases: RuleTestCaseResult[];

  @Field(() => [RuleProblemReport], {
    description: "Every problem: failing cases, malformed test files, families without cases, rule files that do not compile",
  })
  problems: RuleProblemReport[];
}

@ObjectType("RuleFileDiff", { simpleResolvers: true, description: "How one file differs from the previous version's" })
export class RuleFileDiffType {
  @Field({ description: "The family the file belongs to" })
  family: string;

  @Field({ description: "rules/<family>.json or rules/tests/<family>.json" })
  file: string;

  @Field({ description: "A unified diff (--- previous, +++ this version)" })
  diff: string;
}

@ObjectType("RuleSetVersion", { simpleResolvers: true, description: "A time a rule set version went into service: a publication or a rollback" })
export class RuleSetVersionType {
  @Field({ description: "The content hash of the rule files" })
  version: string;

  @Field({ description: "published or rollback" })
  reason: string;

  @Field({ description: "Who: an API key's name, or the command line's user and host" })
  author: string;

  @Field({ description: "What changed and why, as its publisher (or whoever rolled back) wrote it" })
  comment: string;

  @Field(() => DateTimeScalar, { description: "When it went into service" })
  publishedAt: Date;

  @Field({ description: "Whether this is what is in service now" })
  inService: boolean;

  @Field(() => String, { nullable: true, description: "The version in service before it" })
  previousVersion: string | null;

  @Field(() => [RuleFileDiffType], { description: "The rule and test files that changed against the previous version" })
  changes: RuleFileDiffType[];
}

@ObjectType("RuleAuditEntry", { simpleResolvers: true, description: "One step taken on the rules, by whom" })
export class RuleAuditEntryType {
  @Field(() => DateTimeScalar, { description: "When the step was taken" })
  at: Date;

  @Field({ description: "The API key's name (or the command line's user and host, or a rules folder)" })
  actor: string;

  @Field({ description: "draft saved, draft discarded, review requested, draft approved, published, rolled back" })
  action: string;

  @Field(() => ID, { nullable: true, description: "The draft it was taken on; null for a rollback or a publication of a folder" })
  draftId: string | null;

  @Field(() => String, { nullable: true, description: "The version published or rolled back to; null for steps on drafts" })
  version: string | null;

  @Field({ description: "What the actor said" })
  comment: string;
}
