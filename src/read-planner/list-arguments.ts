import { validateSync } from "class-validator";
import { AccountFilter } from "../accounts/account.inputs";
import { ContactFilter } from "../contacts/contact.inputs";
import { OrderFilter } from "../orders/order.inputs";
import { PageArguments } from "../shared/pagination/page-arguments";
import { TicketFilter } from "../tickets/ticket.inputs";
import { FieldRequest } from "./requested-fields";
import { NotPlannable } from "./plan-context";

type FilterClass = typeof AccountFilter | typeof ContactFilter | typeof OrderFilter | typeof TicketFilter;

/** A list field's arguments as its resolver receives them: page, filter and orderBy. */
export interface ListArguments<Filter> {
  page: PageArguments;
  filter: Filter | null;
  orderBy: never[] | null;
}

/**
 * The arguments of a list field, the filter checked by class-validator as type-graphql checks it
 * (same settings as the schema's); a filter that fails is left to the resolver, which reports it.
 */
export function listArguments<Filter extends InstanceType<FilterClass>>(request: FieldRequest, filterClass: new () => Filter): ListArguments<Filter> {
  const { first, after, last, before, filter, orderBy } = request.arguments as Record<string, never>;
  let checkedFilter: Filter | null = null;
  if (filter != null) {
    checkedFilter = Object.assign(new filterClass(), filter);
    if (validateSync(checkedFilter, { skipMissingProperties: true, forbidUnknownValues: false }).length > 0) {
      throw new NotPlannable(`${request.name}: the filter is not valid`);
    }
  }
  return { page: { first, after, last, before }, filter: checkedFilter, orderBy: orderBy ?? null };
}
