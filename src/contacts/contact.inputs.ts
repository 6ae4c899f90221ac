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

  @Field(() => String, { nullable: true, description: "Case-insensitive part of the first name, last name or email" })
  @Length(1, 200)
  search?: string | null;

  @Field(() => Boolean, { nullable: true })
  isPrimary?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  marketingConsent?: boolean | null;
}

export enum ContactSortField {
  NAME = "NAME",
  CREATED_AT = "CREATED_AT",
  IS_PRIMARY = "IS_PRIMARY",
}
registerEnumType(ContactSortField, {
  name: "ContactSortField",
  valuesConfig: {
    NAME: { description: "Last name, then first name" },
    IS_PRIMARY: { description: "DESC puts the account's primary contact first" },
  },
});

@InputType()
export class ContactSort {
  @Field(() => ContactSortField)
  field: ContactSortField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC })
  direction: SortDirection;
}

@InputType({ description: "A person at an account; the email is unique within the account, in any case" })
export class CreateContactInput {
  @Field(() => ID)
  accountId: string;

  @Field(() => String)
  @Length(1, 100)
  @IsNotBlank()
  firstName: string;

  @Field(() => String)
  @Length(1, 100)
  @IsNotBlank()
  lastName: string;

  @Field(() => ContactRole)
  role: ContactRole;

  @Field(() => EmailAddressScalar, { nullable: true })
  @MaxLength(254)
  email?: string | null;

  @Field(() => String, { nullable: true })
  @Matches(phonePattern, { message: phoneMessage })
  phone?: string | null;

  @Field(() => ContactChannel, { defaultValue: ContactChannel.EMAIL })
  preferredChannel: ContactChannel;

  @Field(() => Boolean, { defaultValue: false })
  marketingConsent: boolean;

  @Field(() => Boolean, { defaultValue: false, description: "Making a contact primary unsets the account's previous primary" })
  isPrimary: boolean;

  @Field(() => LocalDateScalar, { nullable: true })
  @IsNotInFuture()
  birthday?: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  inRoleSince?: string | null;
}

/**
 * Only the fields given change; null clears an optional field. The account is not among them:
 * tickets refer to a contact together with its account, so a person moving is a new contact.
 */
@InputType({ description: "Only the fields given change; null clears an optional field" })
export class UpdateContactInput {
  @Field(() => String, { nullable: true })
  @Length(1, 100)
  @IsNotBlank()
  firstName?: string | null;

  @Field(() => String, { nullable: true })
  @Length(1, 100)
  @IsNotBlank()
  lastName?: string | null;

  @Field(() => ContactRole, { nullable: true })
  role?: ContactRole | null;

  @Field(() => EmailAddressScalar, { nullable: true })
  @MaxLength(254)
  email?: string | null;

  @Field(() => String, { nullable: true })
  @Matches(phonePattern, { message: phoneMessage })
  phone?: string | null;

  @Field(() => ContactChannel, { nullable: true })
  preferredChannel?: ContactChannel | null;

  @Field(() => Boolean, { nullable: true })
  marketingConsent?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "true unsets the account's previous primary" })
  isPrimary?: boolean | null;

  @Field(() => LocalDateScalar, { nullable: true })
  @IsNotInFuture()
  birthday?: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  inRoleSince?: string | null;
}
