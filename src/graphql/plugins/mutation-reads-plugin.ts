import { ApolloServerPlugin } from "@apollo/server";
import { OperationTypeNode } from "graphql";
import { DataScope } from "../../access/data-scope";

/**
 * Every read of a mutation goes to the primary: what it answers (`placeOrder { lines account { assessment } }`)
 * must show what it wrote, which a lagging replica may not have yet. Set before execution, so even the
 * reads before the first write do.
 */
export function mutationReadsPlugin(): ApolloServerPlugin<{ scope: DataScope }> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation === OperationTypeNode.MUTATION) contextValue.scope.readFromPrimary();
        },
      };
    },
  };
}
