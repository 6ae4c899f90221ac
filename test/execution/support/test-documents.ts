import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import {
  DocumentNode,
  GraphQLInputType,
  GraphQLSchema,
  Kind,
  OperationDefinitionNode,
  OperationTypeNode,
  parse,
  print,
  typeFromAST,
  validate,
  visit,
} from "graphql";
import * as generatedDocuments from "../../generated/graphql";
import { RandomValues } from "./random-values";
import { RandomRequest } from "./random-documents";

const testFolder = path.resolve(__dirname, "../..");

/**
 * The query documents of the test suite: those of test/**\/*.graphql (as codegen typed them) and
 * the literal documents written in test files that the schema accepts. Mutations are left out:
 * they run on graphql-js either way.
 */
export function testSuiteQueries(schema: GraphQLSchema): DocumentNode[] {
  const typed = Object.values(generatedDocuments).filter((value): value is DocumentNode => (value as DocumentNode)?.kind === Kind.DOCUMENT);
  const written = testFiles(testFolder).flatMap((file) => documentsWrittenIn(readFileSync(file, "utf8")));
  return [...typed, ...written].filter((document) => onlyQueries(document) && validate(schema, document).length === 0);
}

/** Variables for each of the document's operations, drawn to fit where each variable is used. */
export function requestsFor(schema: GraphQLSchema, document: DocumentNode, values: RandomValues): RandomRequest[] {
  const hints = variableHints(document);
  return operationsOf(document).map((operation) => {
    const variables: Record<string, unknown> = {};
    for (const definition of operation.variableDefinitions ?? []) {
      const name = definition.variable.name.value;
      variables[name] = values.value(typeFromAST(schema, definition.type) as GraphQLInputType, hints.get(name) ?? name);
    }
    return { query: print(document), operationName: operation.name?.value, variables };
  });
}

function testFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const location = path.join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : testFiles(location);
    return entry.name.endsWith(".test.ts") ? [location] : [];
  });
}

/** Template literals without substitutions that parse as GraphQL documents. */
function documentsWrittenIn(source: string): DocumentNode[] {
  return [...source.matchAll(/`([^`$]*)`/g)].flatMap(([, text]) => {
    if (!/^\s*(query\b|\{)/.test(text)) return [];
    try {
      return [parse(text)];
    } catch {
      return [];
    }
  });
}

function operationsOf(document: DocumentNode): OperationDefinitionNode[] {
  return document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
}

function onlyQueries(document: DocumentNode): boolean {
  const operations = operationsOf(document);
  return operations.length > 0 && operations.every((operation) => operation.operation === OperationTypeNode.QUERY);
}

/** Where each variable is used: the argument or input field's name, `account.id` for the id of `account`. */
function variableHints(document: DocumentNode): Map<string, string> {
  const hints = new Map<string, string>();
  const fields: string[] = [];
  visit(document, {
    Field: { enter: (field) => void fields.push(field.name.value), leave: () => void fields.pop() },
    Argument(argument) {
      if (argument.value.kind !== Kind.VARIABLE) return;
      hints.set(argument.value.name.value, argument.name.value === "id" ? `${fields[fields.length - 1]}.id` : argument.name.value);
    },
    ObjectField(field) {
      if (field.value.kind === Kind.VARIABLE) hints.set(field.value.name.value, field.name.value);
    },
  });
  return hints;
}
