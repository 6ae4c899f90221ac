import { Length, MaxLength } from "class-validator";
import { Field, ID, InputType, ObjectType } from "type-graphql";
import { EmptyInput, MutationPayload, withClientMutationId } from "../../shared/mutation-payload";
import { RuleDraftType, RuleSetVersionType } from "./rule-draft.types";

/** A rule file far larger than any family needs (the rules-per-family limit refuses long before). */
const maximumFileCharacters = 1_000_000;

@InputType({ description: "One family's files, as typed (not saved): checked or tested over a draft or the version in service" })
export class RuleDraftFileInput {
  @Field({ description: "tiering, service-priority or retention-barriers" })
  family: string;

  @Field({ description: "The rule file's JSON" })
  @MaxLength(maximumFileCharacters)
  document: string;

  @Field(() => String, { nullable: true, description: "The family's test cases' JSON; null keeps the draft's (or those in service)" })
  @MaxLength(maximumFileCharacters)
  tests?: string | null;
}

@InputType({ description: "A family's files saved into a draft (saveRuleDraft)" })
export class SaveRuleDraftInput extends withClientMutationId(EmptyInput) {
  @Field(() => ID, { nullable: true, description: "The draft to save into; none begins a new draft from the version in service" })
  draftId?: string | null;

  @Field({ description: "tiering, service-priority or retention-barriers" })
  family: string;

  @Field({ description: "The rule file's JSON, whole" })
  @MaxLength(maximumFileCharacters)
  document: string;

  @Field(() => String, { nullable: true, description: "The family's test cases' JSON, whole; null keeps the draft's (or those in service)" })
  @MaxLength(maximumFileCharacters)
  tests?: string | null;

  @Field({ description: "What changes and why, for the reviewer and the history" })
  @Length(1, 2000)
  comment: string;
}

@InputType({ description: "A step on a draft (discard, request review, approve, publish), with a comment for the audit" })
export class RuleDraftStepInput extends withClientMutationId(EmptyInput) {
  @Field(() => ID, { description: "The draft to take the step on" })
  draftId: string;

  @Field({ description: "Why, for the audit (and the history, when publishing)" })
  @Length(1, 2000)
  comment: string;
}

@InputType({ description: "The version to put back in service (rollbackRuleSet)" })
export class RollbackRuleSetInput extends withClientMutationId(EmptyInput) {
  @Field({ description: "A version from ruleSetHistory" })
  @Length(1, 64)
  to: string;

  @Field({ description: "Why, for the history and the audit" })
  @Length(1, 2000)
  comment: string;
}

@ObjectType({ description: "What saveRuleDraft did: the draft as saved, or why it refused" })
export class SaveRuleDraftPayload extends MutationPayload {
  @Field(() => RuleDraftType, { nullable: true, description: "The draft as saved, with its new revision" })
  ruleDraft?: RuleDraftType;
}

/** What every step on a draft answers: the draft after it. */
@ObjectType()
abstract class RuleDraftStepPayload extends MutationPayload {
  @Field(() => RuleDraftType, { nullable: true, description: "The draft after the step" })
  ruleDraft?: RuleDraftType;
}

@ObjectType({ description: "What discardRuleDraft did: the draft, DISCARDED, or why it refused" })
export class DiscardRuleDraftPayload extends RuleDraftStepPayload {}

@ObjectType({ description: "What requestRuleReview did: the draft, IN_REVIEW, or why it refused" })
export class RequestRuleReviewPayload extends RuleDraftStepPayload {}

@ObjectType({ description: "What approveRuleDraft did: the draft with the approval, or why it refused" })
export class ApproveRuleDraftPayload extends RuleDraftStepPayload {}

@ObjectType({ description: "What publishRuleDraft did: the draft, published, and the version now in service; or why it refused" })
export class PublishRuleDraftPayload extends MutationPayload {
  @Field(() => RuleDraftType, { nullable: true, description: "The draft, PUBLISHED" })
  ruleDraft?: RuleDraftType;

  @Field(() => RuleSetVersionType, { nullable: true, description: "The version in service now, with its diff" })
  ruleSetVersion?: RuleSetVersionType;
}

@ObjectType({ description: "What rollbackRuleSet did: the version back in service, or why it refused" })
export class RollbackRuleSetPayload extends MutationPayload {
  @Field(() => RuleSetVersionType, { nullable: true, description: "The version back in service, with its diff against the one it replaced" })
  ruleSetVersion?: RuleSetVersionType;
}
