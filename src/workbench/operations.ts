/** The GraphQL documents the page sends (the analysts' rule API, issue 15) and the shapes of their answers. */

export interface RuleProblem {
  family: string | null;
  file: string;
  line: number;
  column: number;
  rule: string | null;
  testCase: string | null;
  path: string;
  message: string;
  fix: string | null;
}

export interface RuleFile {
  family: string;
  document: string;
  tests: string;
}

export interface RuleDraft {
  id: string;
  status: "EDITING" | "IN_REVIEW" | "APPROVED" | "PUBLISHED" | "DISCARDED";
  author: string;
  comment: string;
  updatedAt: string;
  baseVersion: string;
  revision: number;
  files: RuleFile[];
  reviewRequired: boolean;
  reviewRequestedAt: string | null;
  approvals: Array<{ approver: string; comment: string; at: string }>;
  publishedVersion: string | null;
}

export interface RuleSetInService {
  family: string;
  version: string;
  ruleCount: number;
  lastError: string | null;
}

export interface TestRun {
  passed: number;
  failed: number;
  cases: Array<{ family: string; name: string; passed: boolean; problems: RuleProblem[] }>;
  problems: RuleProblem[];
}

export interface DecisionImpact {
  family: string;
  decision: string;
  total: number;
  changed: number;
  /** Every value met, in the order the rule files declare them: the matrix's rows and columns. */
  values: string[];
  cells: Array<{ from: string; to: string; count: number }>;
  examples: Array<{ accountId: string; subject: string; from: string; to: string }>;
}

export interface RuleImpact {
  accounts: number;
  openTickets: number;
  accountsChanged: number;
  changedShare: number;
  warning: string | null;
  decisions: DecisionImpact[];
}

export interface RuleSetVersion {
  version: string;
  author: string;
  comment: string;
  publishedAt: string;
  inService: boolean;
  previousVersion: string | null;
  changes: Array<{ family: string; file: string; diff: string }>;
}

export interface FiredRule {
  rule: string;
  priority: number;
  decided: boolean;
  event: { type: string; params: unknown };
  conditions: Array<{ fact: string; operator: string; expected: unknown; actual: unknown; outcome: string }>;
}

export interface AccountExplanation {
  id: string;
  name: string;
  assessment: {
    tier: string;
    lifecycleStage: string;
    rulesVersion: string;
    explanation: { hitPolicy: string; rulesVersion: string; defaults: string[]; firedRules: FiredRule[] } | null;
  } | null;
}

const problemFields = "family file line column rule testCase path message fix";
const draftFields = `id status author comment updatedAt baseVersion revision reviewRequired reviewRequestedAt publishedVersion
  files { family document tests } approvals { approver comment at }`;
const versionFields = "version author comment publishedAt inService previousVersion changes { family file diff }";

export const overviewQuery = `query WorkbenchOverview {
  ruleSets { family version ruleCount lastError }
  ruleDrafts { ${draftFields} }
}`;

export const filesInServiceQuery = `query WorkbenchFilesInService { ruleFilesInService { family document tests } }`;

export const draftQuery = `query WorkbenchDraft($id: ID!) { ruleDraft(id: $id) { ${draftFields} } }`;

export const checkQuery = `query WorkbenchCheck($draftId: ID, $files: [RuleDraftFileInput!]) {
  checkRuleDraft(draftId: $draftId, files: $files) { valid version problems { ${problemFields} } }
}`;

export const testQuery = `query WorkbenchTest($draftId: ID, $files: [RuleDraftFileInput!]) {
  testRuleDraft(draftId: $draftId, files: $files) {
    passed failed problems { ${problemFields} } cases { family name passed problems { ${problemFields} } }
  }
}`;

export const previewQuery = `query WorkbenchPreview($draftId: ID!) {
  previewRuleDraft(draftId: $draftId) {
    accounts openTickets accountsChanged changedShare warning
    decisions { family decision total changed values cells { from to count } examples { accountId subject from to } }
  }
}`;

export const historyQuery = `query WorkbenchHistory { ruleSetHistory(first: 20) { ${versionFields} } }`;

export const explanationQuery = `query WorkbenchExplanation($id: ID!) {
  account(id: $id) {
    id name
    assessment {
      tier lifecycleStage rulesVersion
      explanation {
        hitPolicy rulesVersion defaults
        firedRules { rule priority decided event { type params } conditions { fact operator expected actual outcome } }
      }
    }
  }
}`;

/*
 * The mutations are payload mutations (as every mutation of this API): one `input`, and a payload
 * whose userErrors say why a step was refused (its reason: RULE_REVIEW_REQUIRED, RULE_SELF_APPROVAL, …).
 */
const userErrors = "userErrors { message code reason }";

export const saveMutation = `mutation WorkbenchSave($input: SaveRuleDraftInput!) { saveRuleDraft(input: $input) { ruleDraft { ${draftFields} } ${userErrors} } }`;

/** The draft steps that take a draft and a comment and answer with the draft. */
export const draftStepMutations = {
  requestReview: `mutation WorkbenchRequestReview($input: RuleDraftStepInput!) { requestRuleReview(input: $input) { ruleDraft { ${draftFields} } ${userErrors} } }`,
  approve: `mutation WorkbenchApprove($input: RuleDraftStepInput!) { approveRuleDraft(input: $input) { ruleDraft { ${draftFields} } ${userErrors} } }`,
  discard: `mutation WorkbenchDiscard($input: RuleDraftStepInput!) { discardRuleDraft(input: $input) { ruleDraft { ${draftFields} } ${userErrors} } }`,
};

export const publishMutation = `mutation WorkbenchPublish($input: RuleDraftStepInput!) {
  publishRuleDraft(input: $input) { ruleDraft { ${draftFields} } ruleSetVersion { ${versionFields} } ${userErrors} }
}`;

export const rollbackMutation = `mutation WorkbenchRollback($input: RollbackRuleSetInput!) { rollbackRuleSet(input: $input) { ruleSetVersion { ${versionFields} } ${userErrors} } }`;
