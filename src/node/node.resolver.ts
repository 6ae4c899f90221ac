import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import { onePerItemOf } from "../access/query-cost";
import { RequestContext } from "../graphql/request-context";
import { InvalidInputError } from "../shared/errors";
import { tryDecodeGlobalId } from "../shared/global-id";
import { Node } from "../shared/node";

/** The most ids one `nodes` call takes: a page's worth, as `first` allows. */
export const maximumNodeIds = 100;

/** Relay's `node(id)` and `nodes(ids)`: any object by its global id, null when there is none the caller may see. */
@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: "Any object by its global id; null when there is none or the caller may not see it" })
  node(
    @Arg("id", () => ID, { description: "The object's `id`, of any type that implements Node" }) id: string,
    @Ctx() context: RequestContext,
  ): Promise<Node | null> {
    return nodeOf(id, context);
  }

  @Query(() => [Node], {
    nullable: "items",
    complexity: onePerItemOf("ids"),
    description:
      `Objects of any type by their global ids, for refetching a client's cache in one request: ` +
      `one answer per id, in the order asked (an id asked twice is answered twice), null for an id that does not exist, ` +
      `is not one of ours, or names an object the caller may not see. Each id costs what node(id) costs`,
  })
  nodes(
    @Arg("ids", () => [ID], { description: `Objects' \`id\`s, of any types that implement Node: at most ${maximumNodeIds} (more is BAD_USER_INPUT)` })
    ids: string[],
    @Ctx() context: RequestContext,
  ): Promise<Array<Node | null>> {
    if (ids.length > maximumNodeIds) throw new InvalidInputError("ids", `at most ${maximumNodeIds} ids at a time, got ${ids.length}`);
    // Loaded side by side: each type's loader reads all the ids asked of it in one statement.
    return Promise.all(ids.map((id) => nodeOf(id, context)));
  }
}

async function nodeOf(id: string, context: RequestContext): Promise<Node | null> {
  const decoded = tryDecodeGlobalId(id);
  const loader = decoded && loaderOfType(context, decoded.typeName);
  if (!decoded || !loader) return null;
  return (await loader.load(decoded.databaseId)) ?? null;
}

/**
 * The request's loader of a type's rows: each reads through the caller's data scope, so a partner's
 * loads see its own accounts only. A Map, so that an id naming "constructor" or "toString" finds nothing.
 */
function loaderOfType(context: RequestContext, typeName: string): { load(id: string): Promise<Node | undefined> } | undefined {
  const { loaders } = context;
  const byType = new Map<string, { load(id: string): Promise<Node | undefined> }>([
    ["Account", loaders.accountById],
    ["AccountManager", loaders.accountManagerById],
    ["Partner", loaders.partnerById],
    ["Contact", loaders.contactById],
    ["Order", loaders.orderById],
    ["Ticket", loaders.ticketById],
    ["WebhookSubscription", loaders.webhookSubscriptionById],
    ["WebhookDelivery", loaders.webhookDeliveryById],
  ]);
  return byType.get(typeName);
}
