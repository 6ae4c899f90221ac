import { Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { JSONScalar } from "../../shared/scalars";
import { Account } from "../../accounts/account.entity";
import { PolicyRequest } from "./policy.context";
import { Money } from "../../shared/money";
import { Ticket } from "../../tickets/ticket.entity";
import { AccountAssessment, Retention } from "./assessment.types";
import { Explanation } from "./explanation.types";
import { NearMiss } from "./near-miss.types";
import { RuleSetInfo, TierShare } from "./rule-set.types";
import { PriorityLevel, ServicePriority } from "./service-priority.types";
import { tierDistribution } from "./tier-distribution";
import { StoredAssessment } from "./policy.loaders";
import { missedTargets } from "../../tickets/ticket.sla";
import { SlaTargetKind } from "../../tickets/ticket-sla.entity";

@Resolver(() => Account)
export class AccountPolicyResolver {
  @FieldResolver(() => AccountAssessment, { nullable: true, description: "Tier and lifecycle stage; null until the account is first evaluated" })
  async assessment(@Root() account: Account, @Ctx() context: PolicyRequest): Promise<AccountAssessment | null> {
    return (await storedAssessmentOf(account, context))?.assessment ?? null;
  }

  @FieldResolver(() => Retention, {
    nullable: true,
    description: "Churn risk and retention actions, for internal and analyst keys only (partners get FORBIDDEN); null until the account is first evaluated",
  })
  async retention(@Root() account: Account, @Ctx() context: PolicyRequest): Promise<Retention | null> {
    return (await storedAssessmentOf(account, context))?.retention ?? null;
  }
}

/** One statement per batch of accounts (the read planner joins it into the list's own statement instead). */
function storedAssessmentOf(account: Account, context: PolicyRequest): Promise<StoredAssessment | undefined> {
  return context.loaders.assessmentByAccountId.load(account.id);
}

/** Facts and explanations: staff only (src/access/role-rules.ts), and read from the database only when a query asks for them. */
@Resolver(() => AccountAssessment)
export class AssessmentDetailsResolver {
  @FieldResolver(() => JSONScalar, { nullable: true, description: "The facts the rules saw, by name (see rules/FACTS.md); internal and analyst keys only" })
  async facts(@Root() assessment: AccountAssessment, @Ctx() context: PolicyRequest): Promise<Record<string, unknown> | null> {
    return (await context.loaders.assessmentDetailsByAccountId.load(assessment.accountId))?.facts ?? null;
  }

  @FieldResolver(() => Explanation, { nullable: true, description: "Why the tiering rules decided so; internal and analyst keys only" })
  async explanation(@Root() assessment: AccountAssessment, @Ctx() context: PolicyRequest): Promise<Explanation | null> {
    return (await context.loaders.assessmentDetailsByAccountId.load(assessment.accountId))?.tieringExplanation ?? null;
  }

  @FieldResolver(() => NearMiss, {
    nullable: true,
    description: "What stands between the account and the next tier up; null in the top tier; internal and analyst keys only",
  })
  async nearMiss(@Root() assessment: AccountAssessment, @Ctx() context: PolicyRequest): Promise<NearMiss | null> {
    return (await context.loaders.assessmentDetailsByAccountId.load(assessment.accountId))?.nearMiss ?? null;
  }
}

@Resolver(() => Retention)
export class RetentionDetailsResolver {
  @FieldResolver(() => Explanation, { description: "Why: the rules that fired, with each of their conditions" })
  async explanation(@Root() retention: Retention, @Ctx() context: PolicyRequest): Promise<Explanation> {
    return (await context.loaders.assessmentDetailsByAccountId.load(retention.accountId))!.retentionExplanation;
  }
}

@Resolver(() => Ticket)
export class TicketPolicyResolver {
  @FieldResolver(() => ServicePriority, {
    nullable: true,
    description: "How fast the case must be answered, as the service-priority rules decide; null until the ticket is first evaluated",
  })
  servicePriority(@Root() ticket: Ticket): ServicePriority | null {
    if (ticket.priorityLevel === null) return null;
    const missed = missedTargets(ticket, new Date());
    const firstResponseBreached = missed[SlaTargetKind.FIRST_RESPONSE];
    const resolutionBreached = missed[SlaTargetKind.RESOLUTION];
    return {
      ticketId: ticket.id,
      level: ticket.priorityLevel as PriorityLevel,
      lane: ticket.priorityLane!,
      firstResponseDueAt: ticket.firstResponseDueAt!,
      resolutionDueAt: ticket.resolutionDueAt!,
      firstResponseBreached,
      resolutionBreached,
      breached: firstResponseBreached || resolutionBreached,
      rulesVersion: ticket.priorityRulesVersion!,
      evaluatedAt: ticket.priorityEvaluatedAt!,
    };
  }
}

@Resolver(() => ServicePriority)
export class ServicePriorityResolver {
  // Nullable so that a partner's FORBIDDEN here leaves the rest of the priority in place.
  @FieldResolver(() => Explanation, { nullable: true, description: "Why the service-priority rules decided so; internal and analyst keys only" })
  async explanation(@Root() priority: ServicePriority, @Ctx() context: PolicyRequest): Promise<Explanation> {
    return (await context.loaders.priorityExplanationByTicketId.load(priority.ticketId))!.explanation;
  }
}

@Resolver()
export class PolicyQueryResolver {
  @Query(() => [RuleSetInfo], {
    description: "The rule files in service, one per policy family, with the last refused edit (internal and analyst keys only)",
  })
  ruleSets(@Ctx() context: PolicyRequest): RuleSetInfo[] {
    return context.policies.status();
  }

  @Query(() => [TierShare], {
    description:
      "Accounts and 12-month revenue per tier, of the accounts the caller may see: every declared tier, best first, then any an earlier rule set left behind",
  })
  async tierDistribution(@Ctx() context: PolicyRequest): Promise<TierShare[]> {
    const shares = await tierDistribution(context.scope, context.ruleSet.tiering.tiers);
    return shares.map((share) => ({ tier: share.tier, accounts: share.accounts, revenue12m: new Money(share.revenueCents, "USD") }));
  }
}
