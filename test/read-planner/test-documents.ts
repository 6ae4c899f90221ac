import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { DocumentNode, FragmentDefinitionNode, Kind, OperationDefinitionNode, OperationTypeNode, parse, print, visit } from "graphql";
import { DifferentialGraph } from "./differential-graph";
import { CorpusDocument, CallerName } from "./document-generator";

const testDirectory = path.resolve(__dirname, "..");

function graphqlFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const entryPath = path.join(directory, entry.name);
    if (entry.isDirectory()) return graphqlFiles(entryPath);
    return entry.name.endsWith(".graphql") ? [entryPath] : [];
  });
}

/** The fragments an operation spreads, and those they spread in turn. */
function fragmentsOf(operation: OperationDefinitionNode, fragments: Map<string, FragmentDefinitionNode>): FragmentDefinitionNode[] {
  const found = new Map<string, FragmentDefinitionNode>();
  const collect = (node: OperationDefinitionNode | FragmentDefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const fragment = fragments.get(spread.name.value);
        if (fragment && !found.has(fragment.name.value)) {
          found.set(fragment.name.value, fragment);
          collect(fragment);
        }
      },
    });
  collect(operation);
  return [...found.values()];
}

/** A plausible value of a variable, from its name and type. */
function plausibleValue(operation: string, name: string, type: string, graph: DifferentialGraph): unknown {
  const accountId = graph.accounts[4].globalId;
  const values: Record<string, unknown> = {
    "ID!": operation.includes("Contact") ? graph.contacts[2].globalId : operation.includes("Ticket") ? graph.tickets[1].globalId : accountId,
    "Int!": 10,
    Int: 3,
    AccountFilter: { partnerId: graph.partners.sharing.globalId },
    ContactFilter: { search: "smith" },
    TicketFilter: { open: true },
    OrderFilter: { currency: "EUR" },
    "[AccountSort!]": [{ field: "LOYALTY_POINTS", direction: "DESC" }],
    "[ContactSort!]": [{ field: "NAME", direction: "DESC" }],
    "[TicketSort!]": [{ field: "PRIORITY" }],
    "[OrderSort!]": [{ field: "TOTAL", direction: "DESC" }],
    "[ID!]!": [accountId, graph.contacts[2].globalId, graph.tickets[1].globalId, accountId, "not an id"],
  };
  if (name === "first" && type === "Int!") return 50;
  return values[type];
}

/**
 * Every query in test/**\/*.graphql with the fragments it uses, twice: with the variables it
 * requires only, and with plausible values for all it takes.
 */
export function testQueryDocuments(graph: DifferentialGraph, callers: readonly CallerName[]): CorpusDocument[] {
  return graphqlFiles(testDirectory).flatMap((file) => {
    const document: DocumentNode = parse(readFileSync(file, "utf8"));
    const fragments = new Map(
      document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]),
    );
    const operations = document.definitions.filter(
      (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION && definition.operation === OperationTypeNode.QUERY,
    );
    return operations.flatMap((operation) => {
      const name = operation.name?.value ?? "anonymous";
      const query = [operation, ...fragmentsOf(operation, fragments)].map((definition) => print(definition)).join("\n");
      const variableTypes = (operation.variableDefinitions ?? []).map((definition) => ({ name: definition.variable.name.value, type: print(definition.type) }));
      const valuesFor = (all: boolean) =>
        Object.fromEntries(
          variableTypes
            .filter((variable) => all || variable.type.endsWith("!"))
            .map((variable) => [variable.name, plausibleValue(name, variable.name, variable.type, graph)] as const)
            .filter(([, value]) => value !== undefined),
        );
      const relative = path.relative(testDirectory, file);
      return [
        { name: `${relative} ${name} (required variables)`, query, variables: valuesFor(false), callers },
        { name: `${relative} ${name} (all variables)`, query, variables: valuesFor(true), callers },
      ];
    });
  });
}
