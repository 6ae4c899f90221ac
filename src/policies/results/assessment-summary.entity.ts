import { Column, Entity, PrimaryColumn } from "typeorm";
import { Retention } from "../graphql/assessment.types";

/**
 * The list fields of an account's stored assessment (not its facts and explanations), read by
 * TypeORM so that account lists can join it into their own statement. The policy layer writes
 * the table with SQL of its own (src/policies/results).
 */
@Entity({ name: "account_assessments" })
export class AssessmentSummary {
  @PrimaryColumn({ name: "account_id", type: "uuid" })
  accountId: string;

  @Column({ type: "text" })
  tier: string;

  @Column({ name: "lifecycle_stage", type: "text" })
  lifecycleStage: string;

  @Column({ name: "retention_risk", type: "text" })
  retentionRisk: string;

  @Column({ name: "risk_score", type: "integer" })
  riskScore: number;

  @Column({ type: "jsonb" })
  signals: Retention["signals"];

  @Column({ type: "jsonb" })
  barriers: string[];

  @Column({ type: "jsonb" })
  actions: string[];

  @Column({ name: "let_go", type: "boolean" })
  letGo: boolean;

  @Column({ name: "let_go_reason", type: "text", nullable: true })
  letGoReason: string | null;

  @Column({ name: "rules_version", type: "text" })
  rulesVersion: string;

  @Column({ name: "evaluated_at", type: "timestamptz" })
  evaluatedAt: Date;
}
