import { RoleRules } from "./role-guard";
import { Role } from "./roles";

const staff = [Role.INTERNAL, Role.ANALYST];

/**
 * Who may use what: the one place for the README's "API keys and roles". The most specific rule
 * wins (a field's own, else its type's); what no rule names is open to every role, and
 * test/access/role-rules.expected.txt lists every coordinate of the schema with its roles, so a new
 * field, argument or input value fails that test until someone decides who may use it.
 */
export const roleRules: RoleRules = {
  // Front-ends write; a partner opens and answers its own accounts' tickets (the data scope keeps it
  // to them); analysts write nothing.
  Mutation: [Role.INTERNAL],
  "Mutation.openTicket": [Role.INTERNAL, Role.PARTNER],
  "Mutation.respondToTicket": [Role.INTERNAL, Role.PARTNER],
  "Mutation.ticketOpen": [Role.INTERNAL, Role.PARTNER],
  "Mutation.ticketRespond": [Role.INTERNAL, Role.PARTNER],
  "Mutation.ticketCustomerReply": [Role.INTERNAL, Role.PARTNER],
  // A partner syncs its own accounts' tickets and contacts from its systems; accounts and orders are ours.
  "Mutation.upsertTickets": [Role.INTERNAL, Role.PARTNER],
  "Mutation.upsertContacts": [Role.INTERNAL, Role.PARTNER],

  // Partners see what the policies decided, never why: the facts, rules and retention behind it.
  "Account.retention": staff,
  "AccountAssessment.facts": staff,
  "AccountAssessment.explanation": staff,
  "AccountAssessment.nearMiss": staff,
  "AccountAssessment.lifecycleStageNearMisses": staff,
  "AccountAssessment.ruleExplanation": staff,
  "ServicePriority.explanation": staff,
  // Every field of the types behind those, so that a new path to one of them stays closed too.
  Retention: staff,
  RetentionSignal: staff,
  Explanation: staff,
  RuleExplanation: staff,
  RuleEvent: staff,
  ConditionExplanation: staff,
  NearMiss: staff,
  ConditionGroupExplanation: staff,
  RuleBlock: staff,
  StageNearMiss: staff,
  RiskNearMiss: staff,
  SignalNearMiss: staff,
  // Counting accounts by risk would tell the risk.
  "AccountFilter.retentionRisk": staff,
  // Risk levels belong with the retention they grade; tiers, stages, levels and lanes are open.
  "PolicyVocabulary.retentionRisks": staff,

  // Partners read their own webhook subscriptions and deliveries (the data scope keeps them to them);
  // registering, disabling and redelivering are mutations (internal keys). Which key registered one is ours.
  "WebhookSubscription.createdBy": staff,

  // The analysts' rule workbench: drafts, checks, review, publication, history and rollback are staff's;
  // what partners may never see (the rules themselves, who changed them) stays closed on every type behind them.
  "Query.ruleDrafts": staff,
  "Query.ruleDraft": staff,
  "Query.ruleFilesInService": staff,
  "Query.ruleSetHistory": staff,
  "Query.ruleAudit": staff,
  "Query.checkRuleDraft": staff,
  "Query.testRuleDraft": staff,
  "Query.previewRuleDraft": staff,
  "Mutation.saveRuleDraft": staff,
  "Mutation.discardRuleDraft": staff,
  "Mutation.requestRuleReview": staff,
  "Mutation.approveRuleDraft": staff,
  "Mutation.publishRuleDraft": staff,
  "Mutation.rollbackRuleSet": staff,
  RuleDraft: staff,
  RuleDraftFile: staff,
  RuleApproval: staff,
  RuleProblemReport: staff,
  RuleCheck: staff,
  RuleTestCaseResult: staff,
  RuleTestRun: staff,
  RuleFileDiff: staff,
  RuleSetVersion: staff,
  RuleAuditEntry: staff,
  RuleImpact: staff,
  DecisionImpact: staff,
  ImpactCell: staff,
  ImpactExample: staff,

  // The analysts' reports on refused rule edits; the version in service is public.
  "RuleSet.lastError": staff,
  "RuleSet.lastErrorAt": staff,
};
