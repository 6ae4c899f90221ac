import { internalCaller } from "../../support/test-app";
import { DifferentialServers } from "./differential-servers";
import { GraphSample } from "./random-values";

/** Ids, cursors of first pages and words of the seeded accounts (the database holds other tests' rows too), read on graphql-js. */
export async function sampleOf(servers: DifferentialServers, accountIds: string[]): Promise<GraphSample & { accounts: SampledAccount[] }> {
  const edges = "__typename edges { cursor node { id } }";
  const accountFields = `id name industry partner { id } accountManager { id } assessment { tier lifecycleStage } retention { risk }
    contacts(first: 3) { __typename edges { cursor node { id lastName } } } orders(first: 3) { ${edges} } tickets(first: 3) { ${edges} }`;
  const request = {
    query: `{
      ${accountIds.map((id, index) => `account${index}: account(id: ${JSON.stringify(id)}) { ...Sampled }`).join("\n")}
      accounts(first: 5) { ${edges} } byName: accounts(first: 5, orderBy: [{ field: NAME, direction: DESC }]) { ${edges} }
      contacts(first: 5) { ${edges} } orders(first: 5) { ${edges} } tickets(first: 5) { ${edges} }
    }
    fragment Sampled on Account { ${accountFields} }`,
    variables: {},
  };
  const { body } = await servers.onGraphqlJs(request, internalCaller);
  const text = JSON.stringify(body.data);
  const ids: Record<string, string[]> = {};
  for (const [, id] of text.matchAll(/"id":"([^"]+)"/g)) {
    const typeName = Buffer.from(id, "base64").toString("utf8").split(":")[0];
    const known = (ids[typeName] ??= []);
    if (!known.includes(id)) known.push(id);
  }
  const accounts = accountIds.map((_, index) => (body.data as Record<string, SampledAccount>)[`account${index}`]);
  const distinct = (values: Array<string | undefined>) => [...new Set(values.filter((value): value is string => Boolean(value)))];
  return {
    ids,
    cursors: cursorsByConnection(body.data),
    words: {
      industry: distinct(accounts.map((account) => account.industry)),
      tier: distinct(accounts.map((account) => account.assessment?.tier)),
      lifecycleStage: distinct(accounts.map((account) => account.assessment?.lifecycleStage)),
      retentionRisk: distinct(accounts.map((account) => account.retention?.risk)),
      search: distinct([
        ...accounts.map((account) => account.name.slice(0, 3)),
        ...accounts.flatMap((account) => account.contacts.edges.map((edge) => edge.node.lastName.slice(0, 4))),
      ]),
    },
    accounts,
  };
}

/** The cursors of every connection in the sample, by its type. */
function cursorsByConnection(value: unknown, cursors: Record<string, string[]> = {}): Record<string, string[]> {
  if (Array.isArray(value)) value.forEach((item) => cursorsByConnection(item, cursors));
  else if (value && typeof value === "object") {
    const connection = value as { __typename?: string; edges?: Array<{ cursor: string }> };
    if (connection.__typename?.endsWith("Connection")) (cursors[connection.__typename] ??= []).push(...(connection.edges ?? []).map((edge) => edge.cursor));
    Object.values(value).forEach((child) => cursorsByConnection(child, cursors));
  }
  return cursors;
}

export interface SampledAccount {
  id: string;
  name: string;
  industry: string;
  partner: { id: string } | null;
  assessment: { tier: string; lifecycleStage: string } | null;
  retention: { risk: string } | null;
  contacts: { edges: Array<{ node: { lastName: string } }> };
}
