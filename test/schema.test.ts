import { readFile } from "node:fs/promises";
import {
  GraphQLArgument,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedDirective,
  isSpecifiedScalarType,
} from "graphql";
import { buildCustomerGraphSchema, printCustomerGraphSchema } from "../src/schema";

describe("the committed schema", () => {
  it("when the resolvers are built, then schema/schema.graphql matches them (run `npm run schema:emit` if not)", async () => {
    const committed = await readFile("schema/schema.graphql", "utf8");
    expect(printCustomerGraphSchema(await buildCustomerGraphSchema())).toBe(committed);
  });
});

type ElementKind = "types" | "output fields" | "arguments" | "input fields" | "enum values" | "directives";

interface SchemaElement {
  kind: ElementKind;
  /** The schema coordinate, e.g. `Account.orders(first:)`. */
  coordinate: string;
  name: string;
  description: string | null | undefined;
}

/** Every element a client reads documentation on; graphql-js's own types and directives are described by the specification. */
function schemaElements(schema: GraphQLSchema): SchemaElement[] {
  const elements: SchemaElement[] = [];
  const add = (kind: ElementKind, coordinate: string, name: string, description: string | null | undefined) =>
    elements.push({ kind, coordinate, name, description });
  const addArguments = (owner: string, args: readonly GraphQLArgument[]) =>
    args.forEach((argument) => add("arguments", `${owner}(${argument.name}:)`, argument.name, argument.description));
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    add("types", type.name, type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        add("output fields", `${type.name}.${field.name}`, field.name, field.description);
        addArguments(`${type.name}.${field.name}`, field.args);
      }
    }
    if (isInputObjectType(type)) {
      Object.values(type.getFields()).forEach((field) => add("input fields", `${type.name}.${field.name}`, field.name, field.description));
    }
    if (isEnumType(type)) type.getValues().forEach((value) => add("enum values", `${type.name}.${value.name}`, value.name, value.description));
  }
  for (const directive of schema.getDirectives().filter((directive) => !isSpecifiedDirective(directive))) {
    add("directives", `@${directive.name}`, directive.name, directive.description);
    addArguments(`@${directive.name}`, directive.args);
  }
  return elements;
}

const fillerWords = new Set(["a", "an", "the", "its", "this", "of"]);

/** The words of a name or a text, lower case: `firstName` and "The first name." both give first, name. */
function words(text: string): string[] {
  return text
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== "" && !fillerWords.has(word));
}

/** Why an element's description does not describe it, or null when it does: missing, or its name again ("The name" for `name`). */
function shortcoming({ name, description }: SchemaElement): string | null {
  if (!description?.trim()) return "no description";
  return words(description).join(" ") === words(name).join(" ") ? `only repeats its name: "${description}"` : null;
}

/** Described elements per kind, as a percentage of that kind (kinds the schema has none of are left out). */
function coverageByKind(elements: SchemaElement[]): Record<string, string> {
  const coverage: Record<string, string> = {};
  for (const kind of [...new Set(elements.map((element) => element.kind)), "all" as const]) {
    const ofKind = kind === "all" ? elements : elements.filter((element) => element.kind === kind);
    const described = ofKind.filter((element) => shortcoming(element) === null).length;
    coverage[kind] = `${Math.floor((100 * described) / ofKind.length)}% (${described} of ${ofKind.length})`;
  }
  return coverage;
}

describe("the schema's documentation", () => {
  it("when the schema is built, then every type, field, argument, input field and enum value says what it means (100% described)", async () => {
    const elements = schemaElements(await buildCustomerGraphSchema());
    const undescribed = elements.flatMap((element) => {
      const reason = shortcoming(element);
      return reason === null ? [] : [`${element.coordinate}: ${reason}`];
    });
    const coverage = coverageByKind(elements);
    const complete = Object.fromEntries(Object.keys(coverage).map((kind) => [kind, expect.stringMatching(/^100% /)]));
    // Write a description where the element is declared: a type-graphql `description` option, or registerEnumType's valuesConfig.
    expect({ undescribed, coverage }).toEqual({ undescribed: [], coverage: complete });
  });

  it("when an element has no description or repeats its name, then it is listed as undescribed", () => {
    const element = (name: string, description?: string): SchemaElement => ({ kind: "output fields", coordinate: `Account.${name}`, name, description });
    expect(shortcoming(element("name"))).toBe("no description");
    expect(shortcoming(element("name", "  "))).toBe("no description");
    expect(shortcoming(element("name", "The name"))).toMatch(/repeats its name/);
    expect(shortcoming(element("firstName", "The first name."))).toMatch(/repeats its name/);
    expect(shortcoming(element("name", "Trading name as the customer writes it; searched by `search`"))).toBeNull();
  });

  it("when the page arguments are printed, then `first` shows its default page size and the dates name their specifications", async () => {
    const sdl = printCustomerGraphSchema(await buildCustomerGraphSchema());
    expect(sdl).toContain("first: Int = 20");
    expect(sdl).toContain('scalar DateTime @specifiedBy(url: "https://scalars.graphql.org/andimarek/date-time.html")');
    expect(sdl).toContain('scalar LocalDate @specifiedBy(url: "https://scalars.graphql.org/andimarek/local-date.html")');
  });
});
