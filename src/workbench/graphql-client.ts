import { RuleProblem } from "./operations";

/** A GraphQL error as the page shows it: the server's code (extensions.code) and, for a refused draft, its problems. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly problems: RuleProblem[] = [],
    /** The key the refused request carried: a refusal of a key signed out since is no news. */
    readonly key: string | null = null,
  ) {
    super(message);
  }
}

interface GraphQLBody<Data> {
  data?: Data | null;
  errors?: Array<{ message: string; extensions?: { code?: string; problems?: RuleProblem[] } }>;
}

/** The code of a request not sent because no key is signed in. */
export const signedOutCode = "SIGNED_OUT";

export type Request = <Data>(query: string, variables?: Record<string, unknown>) => Promise<Data>;

/** Requests to the GraphQL API of this same server (the page's only address), with the key signed in. */
export function createRequest(endpoint: string, key: () => string | null): Request {
  return async <Data>(query: string, variables: Record<string, unknown> = {}): Promise<Data> => {
    // Signed out while an earlier step was still running (its list refresh): nothing to ask.
    const signedInKey = key();
    if (signedInKey === null) throw new ApiError("Signed out", signedOutCode);
    const response = await fetch(endpoint, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${signedInKey}` },
      body: JSON.stringify({ query, variables }),
    });
    let body: GraphQLBody<Data>;
    try {
      body = (await response.json()) as GraphQLBody<Data>;
    } catch {
      throw new ApiError(`The server answered HTTP ${response.status} with no GraphQL answer`, `HTTP_${response.status}`);
    }
    const [first] = body.errors ?? [];
    if (first) throw new ApiError(first.message, first.extensions?.code ?? "UNKNOWN", first.extensions?.problems ?? [], signedInKey);
    if (!body.data) throw new ApiError("The server answered with no data", "NO_DATA");
    return body.data;
  };
}

export interface Payload {
  userErrors: Array<{ message: string; code: string; reason: string | null }>;
}

/** Sends a payload mutation and answers with its payload; a refusal in userErrors is thrown, under its reason when it has one. */
export async function mutate<Answer extends Payload>(request: Request, mutation: string, input: Record<string, unknown>): Promise<Answer> {
  const data = await request<Record<string, Answer>>(mutation, { input });
  const [payload] = Object.values(data);
  const [refusal] = payload.userErrors;
  if (refusal) throw new ApiError(refusal.message, refusal.reason ?? refusal.code);
  return payload;
}
