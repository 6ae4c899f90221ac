import { InvalidInputError } from "../shared/errors";
import { SortDirection } from "../shared/pagination/page-arguments";
import { OrderByInput, SortField, SortKey, toSortKeys } from "../shared/pagination/sort-order";
import { Contact } from "./contact.entity";
import { ContactSortField } from "./contact.inputs";

/** The sort keys in SQL; NAME is two of them, so that the (last_name, first_name, id) indexes serve it. */
type ContactSortKeyName = "LAST_NAME" | "FIRST_NAME" | "CREATED_AT" | "IS_PRIMARY";

const contactSortFields: Record<ContactSortKeyName, SortField<Contact>> = {
  LAST_NAME: { expression: "{alias}.last_name", kind: "text", valueOf: (contact) => contact.lastName },
  FIRST_NAME: { expression: "{alias}.first_name", kind: "text", valueOf: (contact) => contact.firstName },
  CREATED_AT: { expression: "{alias}.created_at", kind: "timestamp", valueOf: (contact) => contact.createdAt.toISOString() },
  // Cursors hold strings and numbers only, so the flag sorts as 1 (primary) and 0.
  IS_PRIMARY: { expression: "{alias}.is_primary::int", kind: "integer", valueOf: (contact) => (contact.isPrimary ? 1 : 0) },
};

const keysOfField: Record<ContactSortField, ContactSortKeyName[]> = {
  [ContactSortField.NAME]: ["LAST_NAME", "FIRST_NAME"],
  [ContactSortField.CREATED_AT]: ["CREATED_AT"],
  [ContactSortField.IS_PRIMARY]: ["IS_PRIMARY"],
};

export const byName: OrderByInput<ContactSortField>[] = [{ field: ContactSortField.NAME, direction: SortDirection.ASC }];

export const primaryFirstThenByName: OrderByInput<ContactSortField>[] = [{ field: ContactSortField.IS_PRIMARY, direction: SortDirection.DESC }, ...byName];

/** The client's orderBy (or the default) as sort keys, ties broken by id. */
export function contactSortKeys(
  orderBy: ReadonlyArray<OrderByInput<ContactSortField>> | null | undefined,
  defaultOrder: ReadonlyArray<OrderByInput<ContactSortField>>,
): SortKey<Contact>[] {
  const given = orderBy?.length ? orderBy : defaultOrder;
  // Checked here, in the client's terms: after expansion a repeat would name the wrong position.
  given.forEach((order, index) => {
    if (given.findIndex((earlier) => earlier.field === order.field) < index) {
      throw new InvalidInputError(`orderBy[${index}].field`, `${order.field} is listed twice`);
    }
  });
  const expanded = given.flatMap((order) => keysOfField[order.field].map((field) => ({ field, direction: order.direction })));
  return toSortKeys(expanded, contactSortFields);
}
