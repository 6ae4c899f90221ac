import { DateTimeResolver, GraphQLJSON } from "graphql-scalars";
import { Field, Int, ObjectType } from "type-graphql";
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

  @Field(() => GraphQLJSON, { description: "The facts the rules saw, by name (see rules/FACTS.md)" })
  facts: Record<string, unknown>;

  @Field(() => Explanation)
  explanation: Explanation;

  @Field(() => NearMiss, { nullable: true, description: "Null in the top tier" })
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
