import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import * as impact from "../impact/rule-impact";

@ObjectType({ simpleResolvers: true, description: "How many accounts or open tickets a draft moves from one value of a decision to another" })
export class ImpactCell implements impact.ImpactCell {
  @Field({ description: "The value with the rules in service" })
  from: string;

  @Field({ description: "The value with the draft" })
  to: string;

  @Field(() => Int, { description: "The accounts (or open tickets) that have `from` today and would have `to`; never 0" })
  count: number;
}

@ObjectType({ simpleResolvers: true, description: "One account (or open ticket) a draft would move: open its explanation with account(id)" })
export class ImpactExample implements impact.ImpactExample {
  @Field(() => ID, { description: "The account, or the account of the ticket (an Account id): account(id) { assessment { explanation } } says why" })
  accountId: string;

  @Field({ description: 'The account\'s name, or "ticket <id> of <account name>"' })
  subject: string;

  @Field({ description: "The value with the rules in service" })
  from: string;

  @Field({ description: "The value with the draft" })
  to: string;
}

@ObjectType({ simpleResolvers: true, description: "What a draft does to one decision, over every account (or open ticket)" })
export class DecisionImpact implements impact.DecisionImpact {
  @Field({ description: "The family that decides it: tiering, service-priority or retention-barriers" })
  family: string;

  @Field({
    description:
      "tier, lifecycle stage, risk, let go (no/yes), signal <x>, barrier <x>, action <x> (each value its own decision: absent/present), " +
      'priority level, lane, first response due, resolution due (the target in words, e.g. "4 h", "2 d", "8 h in business hours"); ' +
      "the last four over open tickets",
  })
  decision: string;

  @Field(() => Int, { description: "The accounts (or open tickets) compared" })
  total: number;

  @Field(() => Int, { description: "Those whose value the draft changes" })
  changed: number;

  @Field(() => [String], { description: "Every value met, today or with the draft, in the order the rule files declare them: the matrix's rows and columns" })
  values: string[];

  @Field(() => [ImpactCell], { description: "The from -> to matrix, its non-zero cells (those that do not change included), in the order of values" })
  cells: ImpactCell[];

  @Field(() => [ImpactExample], { description: "A few that would change, at most two of one move" })
  examples: ImpactExample[];
}

@ObjectType({ simpleResolvers: true, description: "What a draft would change on live data, decision by decision; nothing is written" })
export class RuleImpact implements impact.RuleImpact {
  @Field(() => Int, { description: "The accounts compared: all of them" })
  accounts: number;

  @Field(() => Int, { description: "The open tickets compared" })
  openTickets: number;

  @Field(() => Int, { description: "Accounts with at least one decision changed, their own or one of their open tickets'; each counts once" })
  accountsChanged: number;

  @Field(() => Float, { description: "accountsChanged / accounts, 0 to 1" })
  changedShare: number;

  @Field(() => String, {
    nullable: true,
    description: "Plain words when changedShare is above RULES_PREVIEW_WARNING_SHARE (a change this wide is often a slip); null otherwise",
  })
  warning: string | null;

  @Field(() => [DecisionImpact], { description: "Every decision of the three families, each with its matrix and examples" })
  decisions: DecisionImpact[];
}
