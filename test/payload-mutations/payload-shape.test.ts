import { readFileSync } from "node:fs";
import path from "node:path";
import { buildSchema, GraphQLField, isInputObjectType, isNonNullType, isObjectType } from "graphql";

const schema = buildSchema(readFileSync(path.resolve(__dirname, "../../schema/schema.graphql"), "utf8"));
const mutations = Object.values(schema.getMutationType()!.getFields());
const payloadMutations = mutations.filter((mutation) => !mutation.deprecationReason);

/** What a payload mutation looks like from a client, Relay's and Shopify's conventions, as a list of departures from it. */
function departuresFromPayloadShape(mutation: GraphQLField<unknown, unknown>): string[] {
  const departures: string[] = [];
  const [argument, ...others] = mutation.args;
  const inputType = argument && isNonNullType(argument.type) ? argument.type.ofType : undefined;
  if (argument?.name !== "input" || others.length > 0 || !isInputObjectType(inputType)) departures.push("takes one argument, input: <Input>!");
  else if (inputType.getFields().clientMutationId?.type.toString() !== "String") departures.push("its input has clientMutationId: String");
  const payload = mutation.type;
  if (!isObjectType(payload) || payload.name !== `${mutation.name[0].toUpperCase()}${mutation.name.slice(1)}Payload`) {
    departures.push(`returns a nullable ${mutation.name}'s Payload type`);
  } else {
    const fields = payload.getFields();
    if (fields.clientMutationId?.type.toString() !== "String") departures.push("its payload has clientMutationId: String");
    // An upsert's user errors also carry the refused item's index.
    const userErrors = mutation.name.startsWith("upsert") ? "[UpsertUserError!]!" : "[UserError!]!";
    if (fields.userErrors?.type.toString() !== userErrors) departures.push(`its payload has userErrors: ${userErrors}`);
    const nonNull = Object.values(fields).filter((field) => field.name !== "userErrors" && isNonNullType(field.type));
    if (nonNull.length > 0) departures.push(`its payload's other fields are nullable (refused: null), not ${nonNull.map((field) => field.name).join(", ")}`);
  }
  return departures.map((departure) => `${mutation.name} ${departure}`);
}

describe("payload mutations: the schema's shape", () => {
  test("when the mutations are listed, then every one not deprecated has the payload shape", () => {
    expect(payloadMutations.map((mutation) => mutation.name).sort()).toEqual([
      "accountCreate",
      "accountUpdate",
      "approveRuleDraft",
      "contactCreate",
      "contactUpdate",
      "createWebhookSubscription",
      "disableWebhookSubscription",
      "discardRuleDraft",
      "orderPlace",
      "orderStatusUpdate",
      "partnerAgreementChange",
      "publishRuleDraft",
      "redeliverWebhookDelivery",
      "requestRuleReview",
      "rollbackRuleSet",
      "saveRuleDraft",
      "ticketClose",
      "ticketCustomerReply",
      "ticketOpen",
      "ticketReopen",
      "ticketResolve",
      "ticketRespond",
      "upsertAccounts",
      "upsertContacts",
      "upsertOrders",
      "upsertTickets",
    ]);
    expect(payloadMutations.flatMap(departuresFromPayloadShape)).toEqual([]);
  });

  test("when a mutation is deprecated, then its reason names the payload mutation that replaces it", () => {
    const deprecated = mutations.filter((mutation) => mutation.deprecationReason);
    expect(deprecated).toHaveLength(12);
    for (const mutation of deprecated) {
      const replacement = /^Use (\w+): /.exec(mutation.deprecationReason!)?.[1];
      expect({ mutation: mutation.name, replacement: payloadMutations.some((payloadMutation) => payloadMutation.name === replacement) }).toEqual({
        mutation: mutation.name,
        replacement: true,
      });
    }
  });

  test("when a payload mutation adds to a list, then its payload carries the edge a Relay client appends", () => {
    const payloadFieldType = (mutation: string, field: string) => {
      const payload = schema.getMutationType()!.getFields()[mutation].type;
      return isObjectType(payload) ? payload.getFields()[field]?.type.toString() : undefined;
    };
    for (const [mutation, field, edgeType] of [
      ["ticketOpen", "ticketEdge", "TicketEdge"],
      ["ticketReopen", "ticketEdge", "TicketEdge"],
      ["orderPlace", "orderEdge", "OrderEdge"],
      ["contactCreate", "contactEdge", "ContactEdge"],
      ["accountCreate", "accountEdge", "AccountEdge"],
    ]) {
      expect(`${mutation}.${field}: ${payloadFieldType(mutation, field)}`).toBe(`${mutation}.${field}: ${edgeType}`);
    }
  });
});
