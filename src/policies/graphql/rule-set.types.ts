import { DateTimeScalar } from "../../shared/scalars";
import { Field, Int, ObjectType } from "type-graphql";
import { Money } from "../../shared/money";

@ObjectType("RuleSet", { simpleResolvers: true, description: "A policy family's rule file as the server runs it" })
export class RuleSetInfo {
  @Field({ description: "tiering, service-priority or retention-barriers" })
  family: string;

  @Field({ description: "The content hash of the rule files in service" })
  version: string;

  @Field(() => DateTimeScalar, { description: "When the server put this version of the rules in service" })
  loadedAt: Date;

  @Field(() => Int, { description: "The rules in the file" })
  ruleCount: number;

  @Field(() => String, {
    nullable: true,
    description:
      "The problems this server's rules folder has in this family's files (the version in service keeps serving); null when none, or once that family is fixed. Internal and analyst keys only",
  })
  lastError: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "When those problems were found; null when none. Internal and analyst keys only" })
  lastErrorAt: Date | null;
}

@ObjectType({ simpleResolvers: true, description: "Accounts and revenue in one tier" })
export class TierShare {
  @Field({ description: "A tier, as rules/tiering.json declares it" })
  tier: string;

  @Field(() => Int, { description: "Accounts in that tier that the caller may see" })
  accounts: number;

  @Field(() => Money, {
    description: "Their revenue of the last 12 months, in US dollars (other currencies converted; cancelled and returned orders left out)",
  })
  revenue12m: Money;
}
