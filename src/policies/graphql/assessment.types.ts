import { DateTimeResolver, GraphQLJSON } from "graphql-scalars";
import { Authorized, Field, Int, ObjectType } from "type-graphql";
import { staffRoles } from "../../access/auth-checker";
import { Explanation, NearMiss } from "./explanation.types";

@ObjectType({ description: "What the account is worth, by rules/tiering.json" })
export class AccountAssessment {
  @Field()
  tier: string;

  @Field()
  lifecycleStage: string;

  @Field()
  rulesVersion: string;

  @Field(() => DateTimeResolver)
  evaluatedAt: Date;

  @Authorized(...staffRoles)
  @Field(() => GraphQLJSON, { nullable: true, description: "The facts the rules saw, by name (see rules/FACTS.md); internal and analyst keys only" })
  facts: Record<string, unknown>;

  @Authorized(...staffRoles)
  @Field(() => Explanation, { nullable: true, description: "Internal and analyst keys only" })
  explanation: Explanation;

  @Authorized(...staffRoles)
  @Field(() => NearMiss, { nullable: true, description: "Null in the top tier; internal and analyst keys only" })
  nearMiss: NearMiss | null;
}

@ObjectType()
export class RetentionSignal {
  @Field()
  signal: string;

  @Field(() => Int)
  weight: number;

  @Field()
  rule: string;
}

@ObjectType({ description: "Churn risk, what holds the account, and what to do, by rules/retention-barriers.json" })
export class Retention {
  @Field()
  risk: string;

  @Field(() => Int, { description: "The summed weights of the signals, at most 100" })
  riskScore: number;

  @Field(() => [RetentionSignal])
  signals: RetentionSignal[];

  @Field(() => [String])
  barriers: string[];

  @Field(() => [String], { description: "Empty when the account is let go" })
  actions: string[];

  @Field()
  letGo: boolean;

  @Field(() => String, { nullable: true })
  letGoReason: string | null;

  @Field()
  rulesVersion: string;

  @Field(() => DateTimeResolver)
  evaluatedAt: Date;

  @Field(() => Explanation)
  explanation: Explanation;
}
