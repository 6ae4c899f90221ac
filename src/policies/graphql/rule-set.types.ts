import { DateTimeScalar } from "../../shared/scalars";
import { Field, Int, ObjectType } from "type-graphql";
import { Money } from "../../shared/money";

@ObjectType("RuleSet", { simpleResolvers: true, description: "A policy family's rule file as the server runs it" })
export class RuleSetInfo {
  @Field({ description: "tiering, service-priority or retention-barriers" })
  family: string;

  @Field({ description: "The content hash of the rule files in service" })
  version: string;

  @Field(() => DateTimeScalar)
  loadedAt: Date;

  @Field(() => Int)
  ruleCount: number;

  @Field(() => String, { nullable: true, description: "Why the latest edit of this file was refused (the last good version keeps serving); null when none" })
  lastError: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  lastErrorAt: Date | null;
}

@ObjectType({ simpleResolvers: true, description: "Accounts and revenue in one tier" })
export class TierShare {
  @Field()
  tier: string;

  @Field(() => Int)
  accounts: number;

  @Field(() => Money, { description: "Revenue of the last 12 months, in US dollars" })
  revenue12m: Money;
}
