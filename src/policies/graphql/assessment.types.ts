import { DateTimeScalar } from "../../shared/scalars";
import { Field, Int, ObjectType } from "type-graphql";

@ObjectType({ simpleResolvers: true, description: "What the account is worth, by rules/tiering.json" })
export class AccountAssessment {
  /** Whose assessment: the facts, explanation and near miss are loaded by it, only when asked for. */
  accountId: string;

  @Field()
  tier: string;

  @Field()
  lifecycleStage: string;

  @Field()
  rulesVersion: string;

  @Field(() => DateTimeScalar)
  evaluatedAt: Date;
}

@ObjectType({ simpleResolvers: true })
export class RetentionSignal {
  @Field()
  signal: string;

  @Field(() => Int)
  weight: number;

  @Field()
  rule: string;
}

@ObjectType({ simpleResolvers: true, description: "Churn risk, what holds the account, and what to do, by rules/retention-barriers.json" })
export class Retention {
  /** Whose retention result: its explanation is loaded by it, only when asked for. */
  accountId: string;

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

  @Field(() => DateTimeScalar)
  evaluatedAt: Date;
}
