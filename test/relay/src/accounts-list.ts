import { graphql } from "./graphql-tag";

/** Every account by name, a page at a time; a created account is added to the lists given in $connections. */
export const accountsListFragment = graphql`
  fragment accountsList_query on Query
  @refetchable(queryName: "accountsListPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 50 }, cursor: { type: "String" }) {
    accounts(first: $count, after: $cursor) @connection(key: "accountsList_accounts") {
      __id
      edges {
        node {
          id
          name
          assessment {
            tier
          }
        }
      }
    }
  }
`;

export const accountsListQuery = graphql`
  query accountsListQuery {
    ...accountsList_query
  }
`;

export const accountCreateMutation = graphql`
  mutation accountsListAccountCreateMutation($input: AccountCreateInput!, $connections: [ID!]!) {
    accountCreate(input: $input) {
      accountEdge @appendEdge(connections: $connections) {
        node {
          id
          name
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;
