import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import { RequestContext } from "../graphql/request-context";
import { tryDecodeGlobalId } from "../shared/global-id";
import { Node } from "../shared/node";

/** Relay's `node(id)`: any object by its global id, null when there is none. */
@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: "Any object by its global id; null when there is none or the caller may not see it" })
  async node(
    @Arg("id", () => ID, { description: "The object's `id`, of any type that implements Node" }) id: string,
    @Ctx() context: RequestContext,
  ): Promise<Node | null> {
    const decoded = tryDecodeGlobalId(id);
    const loader = decoded && loaderOfType(context, decoded.typeName);
    if (!decoded || !loader) return null;
    return (await loader.load(decoded.databaseId)) ?? null;
  }
}

function loaderOfType(context: RequestContext, typeName: string) {
  const { loaders } = context;
  const byType: Record<string, { load(id: string): Promise<Node | undefined> } | undefined> = {
    Account: loaders.accountById,
    AccountManager: loaders.accountManagerById,
    Partner: loaders.partnerById,
    Contact: loaders.contactById,
    Order: loaders.orderById,
    Ticket: loaders.ticketById,
  };
  return byType[typeName];
}
