import { execute, GraphQLSchema } from "graphql";
import { DataSource } from "typeorm";
import { Caller, fullPersonalDataAccess, Role } from "../../access/roles";
import { createRequestContext } from "../../graphql/request-context";
import { PolicyRegistry } from "../../policies/policy-registry";
import { ClientError } from "../../shared/errors";
import { UpsertAnswer, UpsertBatch } from "./import-file";
import { upsertDocuments } from "./upsert-documents";

/** The import runs with staff rights, as the operator who starts it; its records are in the staff's set of external ids. */
const importCaller: Caller = {
  keyId: "00000000-0000-0000-0000-000000000000",
  keyPrefix: "import",
  keyName: "import",
  role: Role.INTERNAL,
  partnerId: null,
  personalData: fullPersonalDataAccess,
};

interface UpsertPayloadAnswer {
  userErrors: Array<{ index: number | null; message: string }>;
  results: Array<{ outcome: string }> | null;
}

/**
 * Each batch as the upsert mutation a client would send, run in this process on the schema: the same
 * coercion of values, validation and use case as over HTTP, without a server to start.
 */
export function graphqlUpsert(schema: GraphQLSchema, dataSource: DataSource, policies: PolicyRegistry): UpsertBatch {
  return async (type, items) => {
    const { field, document } = upsertDocuments[type];
    const contextValue = createRequestContext(dataSource, policies, importCaller);
    const result = await execute({ schema, document, variableValues: { input: { items } }, contextValue });
    // A failure that is not the input's (the database gone, say) stops the import, to resume from its checkpoint.
    // (Values GraphQL refuses fail before any resolver runs: they have no path.)
    const unexpected = result.errors?.find((error) => error.path !== undefined && !(error.originalError instanceof ClientError));
    if (unexpected) throw unexpected.originalError ?? unexpected;
    if (result.errors?.length) return refusedByGraphql(result.errors.map((error) => error.message));
    return answerOf((result.data as Record<string, UpsertPayloadAnswer>)[field]);
  };
}

function answerOf(payload: UpsertPayloadAnswer): UpsertAnswer {
  if (payload.userErrors.length === 0) return { kind: "written", outcomes: payload.results!.map((result) => result.outcome) };
  const reasons = new Map<number, string>();
  const unplaced: string[] = [];
  for (const { index, message } of payload.userErrors) {
    if (index === null) unplaced.push(message);
    else reasons.set(index, [reasons.get(index), message].filter(Boolean).join("; "));
  }
  return { kind: "refused", reasons: unplaced.length > 0 ? new Map<number, string>() : reasons, unplaced };
}

/** A value GraphQL refused before the mutation ran: its message names the item (`input.items[3].region`) when it can. */
function refusedByGraphql(messages: string[]): UpsertAnswer {
  const reasons = new Map<number, string>();
  for (const message of messages) {
    const index = /\.items\[(\d+)\]/.exec(message)?.[1];
    if (index === undefined) return { kind: "refused", reasons: new Map(), unplaced: messages };
    reasons.set(Number(index), message);
  }
  return { kind: "refused", reasons, unplaced: [] };
}
