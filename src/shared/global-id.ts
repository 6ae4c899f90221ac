import { fromGlobalId } from "graphql-relay";
import { InvalidInputError } from "./errors";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The GraphQL types that have global ids; a new `Node` type is added here. */
export type NodeTypeName = "Account" | "Contact" | "Order" | "Ticket" | "Partner" | "AccountManager" | "WebhookSubscription" | "WebhookDelivery";

/**
 * Relay's global id, base64 of `Type:id`, as graphql-relay's toGlobalId makes it, but with node's
 * Buffer: graphql-relay's portable base64 builds each id a character at a time, and the thousands
 * of ids of a large page then cost more to write out as JSON than all the other fields together.
 */
export function encodeGlobalId(typeName: NodeTypeName, databaseId: string): string {
  return Buffer.from(`${typeName}:${databaseId}`, "utf8").toString("base64");
}

export interface DecodedGlobalId {
  typeName: string;
  databaseId: string;
}

/** Decodes any global id; `undefined` when the id is not one of ours. */
export function tryDecodeGlobalId(globalId: string): DecodedGlobalId | undefined {
  const { type, id } = fromGlobalId(globalId);
  if (!type || !uuidPattern.test(id)) {
    return undefined;
  }
  return { typeName: type, databaseId: id.toLowerCase() };
}

/** Decodes a global id that must name a `typeName`; otherwise a BAD_USER_INPUT naming `field`. */
export function decodeGlobalId(globalId: string, typeName: NodeTypeName, field: string): string {
  const decoded = tryDecodeGlobalId(globalId);
  if (!decoded || decoded.typeName !== typeName) {
    throw new InvalidInputError(field, `"${globalId}" is not the id of a ${typeName}`);
  }
  return decoded.databaseId;
}

/** The database id in a global id of this type; null for a malformed id or one of another type. */
export function databaseIdOf(typeName: NodeTypeName, globalId: string): string | null {
  const decoded = tryDecodeGlobalId(globalId);
  return decoded?.typeName === typeName ? decoded.databaseId : null;
}
