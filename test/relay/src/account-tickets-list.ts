import { graphql } from "./graphql-tag";

/** An account page's tickets, newest first, loaded a page at a time (Relay's usePaginationFragment). */
export const accountTicketsListFragment = graphql`
  fragment accountTicketsList_account on Account
  @refetchable(queryName: "accountTicketsListPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 20 }, cursor: { type: "String" }) {
    id
    tickets(first: $count, after: $cursor) @connection(key: "accountTicketsList_tickets") {
      __id
      totalCount
      edges {
        node {
          id
          subject
          status
          openedAt
          servicePriority {
            level
          }
        }
      }
    }
  }
`;

/** The account's open tickets: a ticket leaves the list when it is closed, and comes back when it is reopened. */
export const openTicketsListFragment = graphql`
  fragment accountTicketsList_openTickets on Account
  @refetchable(queryName: "accountTicketsListOpenTicketsPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 20 }, cursor: { type: "String" }) {
    openTickets: tickets(first: $count, after: $cursor, filter: { open: true }) @connection(key: "accountTicketsList_openTickets") {
      __id
      edges {
        node {
          id
          subject
          status
        }
      }
    }
  }
`;

export const accountTicketsListQuery = graphql`
  query accountTicketsListQuery($id: ID!) {
    account(id: $id) {
      name
      ...accountTicketsList_account
      ...accountTicketsList_openTickets
    }
  }
`;
