import { Length, Matches, MaxLength } from "class-validator";
import { EmailAddressScalar, LocalDateScalar } from "../shared/scalars";
import { Field, ID, InputType, registerEnumType } from "type-graphql";
import { SortDirection } from "../shared/pagination/page-arguments";
import { ContactChannel, ContactRole } from "./contact.entity";
import { IsNotBlank, IsNotInFuture, phonePattern } from "../shared/validators";

const phoneMessage = "must be 4 to 30 digits, spaces or ( ) . / -, optionally after a leading +";

@InputType({ description: "Contacts matching every given condition" })
export class ContactFilter {
  @Field(() => ID, { nullable: true, description: "Only the contacts of this account" })
  accountId?: string | null;

  @Field(() => [ContactRole], { nullable: true, description: "Any of these roles" })
  role?: ContactRole[] | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Case-insensitive part of the first name, last name or email, 1 to 200 characters; adds 20 points to a query's cost; a partner's search skips the emails it sees masked",
  })
  @Length(1, 200)
  search?: string | null;

  @Field(() => Boolean, { nullable: true, description: "true: only primary contacts; false: only the others" })
  isPrimary?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "true: only those who agreed to receive marketing; false: only those who did not" })
  marketingConsent?: boolean | null;
}

export enum ContactSortField {
  NAME = "NAME",
  CREATED_AT = "CREATED_AT",
  IS_PRIMARY = "IS_PRIMARY",
}
registerEnumType(ContactSortField, {
  name: "ContactSortField",
  description: "What a list of contacts can be sorted by",
  valuesConfig: {
    NAME: { description: "Last name, then first name, in the database's collation" },
    CREATED_AT: { description: "When the contact was recorded here" },
    IS_PRIMARY: { description: "Whether the contact is the account's primary one: DESC puts the primary contact first" },
  },
});

@InputType({ description: "One sort key for a list of contacts; later keys break the ties of earlier ones, and the id breaks the last ties" })
export class ContactSort {
  @Field(() => ContactSortField, { description: "What to sort by; a field may appear once in an orderBy" })
  field: ContactSortField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC, description: "Which way; ascending unless given" })
  direction: SortDirection;
}

/** A contact's own fields, as a new contact and an upsert item give them; each names the account its own way. */
@InputType()
export class ContactFields {
  @Field(() => String, { description: "Given name, 1 to 100 characters, not blank; trimmed" })
  @Length(1, 100)
  @IsNotBlank()
  firstName: string;

  @Field(() => String, { description: "Family name, 1 to 100 characters, not blank; trimmed" })
  @Length(1, 100)
  @IsNotBlank()
  lastName: string;

  @Field(() => ContactRole, { description: "What the person does in the buying relationship" })
  role: ContactRole;

  @Field(() => EmailAddressScalar, {
    nullable: true,
    description: "Email address, at most 254 characters; another contact of the account with it, in any case, is a CONFLICT; null or left out when unknown",
  })
  @MaxLength(254)
  email?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Phone number: 4 to 30 digits, spaces or ( ) . / -, optionally after a leading +; null or left out when unknown",
  })
  @Matches(phonePattern, { message: phoneMessage })
  phone?: string | null;

  @Field(() => ContactChannel, { defaultValue: ContactChannel.EMAIL, description: "How the person prefers to be reached; email unless given" })
  preferredChannel: ContactChannel;

  @Field(() => Boolean, { defaultValue: false, description: "Whether the person agreed to receive marketing; false unless given" })
  marketingConsent: boolean;

  @Field(() => Boolean, { defaultValue: false, description: "Making a contact primary unsets the account's previous primary" })
  isPrimary: boolean;

  @Field(() => LocalDateScalar, { nullable: true, description: "Day of birth, not in the future; null or left out when unknown" })
  @IsNotInFuture()
  birthday?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: "The day the person took on this role; null or left out when unknown" })
  inRoleSince?: string | null;
}

@InputType({ description: "A person at an account; the email is unique within the account, in any case" })
export class CreateContactInput extends ContactFields {
  @Field(() => ID, { description: "The account the person is at (an Account id)" })
  accountId: string;
}

/**
 * Only the fields given change; null clears an optional field. The account is not among them:
 * tickets refer to a contact together with its account, so a person moving is a new contact.
 */
@InputType({
  description:
    "Only the fields given change; null clears an optional field and is refused (BAD_USER_INPUT) for a required one. The account stays: a person moving is a new contact",
})
export class UpdateContactInput {
  @Field(() => String, { nullable: true, description: "Given name, 1 to 100 characters, not blank; trimmed" })
  @Length(1, 100)
  @IsNotBlank()
  firstName?: string | null;

  @Field(() => String, { nullable: true, description: "Family name, 1 to 100 characters, not blank; trimmed" })
  @Length(1, 100)
  @IsNotBlank()
  lastName?: string | null;

  @Field(() => ContactRole, { nullable: true, description: "What the person does in the buying relationship" })
  role?: ContactRole | null;

  @Field(() => EmailAddressScalar, {
    nullable: true,
    description: "Email address, at most 254 characters; another contact of the account with it, in any case, is a CONFLICT; null clears it",
  })
  @MaxLength(254)
  email?: string | null;

  @Field(() => String, { nullable: true, description: "Phone number: 4 to 30 digits, spaces or ( ) . / -, optionally after a leading +; null clears it" })
  @Matches(phonePattern, { message: phoneMessage })
  phone?: string | null;

  @Field(() => ContactChannel, { nullable: true, description: "How the person prefers to be reached" })
  preferredChannel?: ContactChannel | null;

  @Field(() => Boolean, { nullable: true, description: "Whether the person agreed to receive marketing" })
  marketingConsent?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "true unsets the account's previous primary" })
  isPrimary?: boolean | null;

  @Field(() => LocalDateScalar, { nullable: true, description: "Day of birth, not in the future; null clears it" })
  @IsNotInFuture()
  birthday?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: "The day the person took on this role; null clears it" })
  inRoleSince?: string | null;
}
