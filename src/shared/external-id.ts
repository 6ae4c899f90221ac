/** A record as an upsert keyed it: its external id and whose id that is. */
export interface ExternallyKeyed {
  externalId: string | null;
  externalIdOwner: string | null;
}

/**
 * The external id as a caller sees it: staff (no partner) see every record's; a partner sees only the
 * ids its own upserts gave, not the customer numbers of our ERP or of another partner.
 */
export function externalIdSeenBy(record: ExternallyKeyed, partnerId: string | null): string | null {
  if (partnerId === null || record.externalIdOwner === partnerId) return record.externalId;
  return null;
}

export const externalIdDescription =
  "The record's id in the system that upserted it (upsertAccounts and its siblings); null when it was created otherwise. A partner's key sees only the ids its own upserts gave";
