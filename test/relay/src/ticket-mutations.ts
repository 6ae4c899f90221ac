import { graphql } from "./graphql-tag";

/** A new ticket goes to the top of the lists given in $connections (newest first), with the account's tier refreshed. */
export const ticketOpenMutation = graphql`
  mutation ticketMutationsOpenMutation($input: TicketOpenInput!, $connections: [ID!]!) {
    ticketOpen(input: $input) {
      clientMutationId
      ticketEdge @prependEdge(connections: $connections) {
        cursor
        node {
          id
          subject
          status
          openedAt
        }
      }
      account {
        id
        assessment {
          tier
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

/** A closed ticket leaves the open-tickets lists given in $connections. */
export const ticketCloseMutation = graphql`
  mutation ticketMutationsCloseMutation($input: TicketCloseInput!, $connections: [ID!]!) {
    ticketClose(input: $input) {
      ticket {
        id @deleteEdge(connections: $connections)
        status
        satisfaction
      }
      userErrors {
        field
        message
        code
        reason
      }
    }
  }
`;

/** A reopened ticket comes back at the end of the open-tickets lists given in $connections. */
export const ticketReopenMutation = graphql`
  mutation ticketMutationsReopenMutation($input: TicketReopenInput!, $connections: [ID!]!) {
    ticketReopen(input: $input) {
      ticketEdge @appendEdge(connections: $connections) {
        node {
          id
          status
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
