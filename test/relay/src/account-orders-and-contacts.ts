import { graphql } from "./graphql-tag";

/** An account's orders, newest first, and its people, primary first, each a page at a time. */
export const accountOrdersFragment = graphql`
  fragment accountOrdersAndContacts_orders on Account
  @refetchable(queryName: "accountOrdersAndContactsOrdersPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    orders(first: $count, after: $cursor) @connection(key: "accountOrdersAndContacts_orders") {
      __id
      edges {
        node {
          id
          placedAt
          status
          total {
            amount
            currency
          }
        }
      }
    }
  }
`;

export const accountContactsFragment = graphql`
  fragment accountOrdersAndContacts_contacts on Account
  @refetchable(queryName: "accountOrdersAndContactsContactsPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    contacts(first: $count, after: $cursor) @connection(key: "accountOrdersAndContacts_contacts") {
      __id
      edges {
        node {
          id
          firstName
          lastName
          isPrimary
        }
      }
    }
  }
`;

/** A placed order goes to the top of the order lists given in $connections; the account's tier comes back refreshed. */
export const orderPlaceMutation = graphql`
  mutation accountOrdersAndContactsOrderPlaceMutation($input: OrderPlaceInput!, $connections: [ID!]!) {
    orderPlace(input: $input) {
      orderEdge @prependEdge(connections: $connections) {
        cursor
        node {
          id
          placedAt
          status
          total {
            amount
            currency
          }
        }
      }
      account {
        id
        assessment {
          tier
          lifecycleStage
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

/** A new contact is added to the contact lists given in $connections. */
export const contactCreateMutation = graphql`
  mutation accountOrdersAndContactsContactCreateMutation($input: ContactCreateInput!, $connections: [ID!]!) {
    contactCreate(input: $input) {
      contactEdge @appendEdge(connections: $connections) {
        node {
          id
          firstName
          lastName
          isPrimary
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
