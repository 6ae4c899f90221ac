import { getNamedType, GraphQLField, GraphQLObjectType, GraphQLSchema, isLeafType, isObjectType } from "graphql";
import { createSeededFaker, SeededRandom } from "../../src/seed/seeded-random";
import { encodeGlobalId } from "../../src/shared/global-id";
import { DifferentialGraph } from "./differential-graph";
import { CursorPool, ListArgumentGenerator, ListKind } from "./generated-list-arguments";
import { DocumentVariables, Value } from "./generated-values";

/** The callers documents run for; partners see their own accounts, masked as their agreements say. */
export type CallerName = "internal" | "analyst" | "partnerSharing" | "partnerNotSharing" | "partnerEmailOnly" | "partnerWithoutAccounts";

export interface CorpusDocument {
  name: string;
  query: string;
  variables: Record<string, unknown>;
  callers: readonly CallerName[];
}

/** How big a document may grow: partners' limits are tighter (depth 6, cost 1,000) than staff's. */
interface Profile {
  name: string;
  maxDepth: number;
  maxNestedLists: number;
  rootPageSizes: readonly number[];
  nestedPageSizes: readonly number[];
  callers: ReadonlyArray<readonly CallerName[]>;
}

/**
 * Who runs a document: a staff caller and two partners, in turn, so that every caller meets every
 * kind of document without running each of them six times.
 */
const partnerSizedCallers: ReadonlyArray<readonly CallerName[]> = [
  ["internal", "partnerSharing", "partnerNotSharing"],
  ["analyst", "partnerEmailOnly", "partnerWithoutAccounts"],
  ["internal", "partnerNotSharing", "partnerEmailOnly"],
  ["analyst", "partnerSharing", "partnerNotSharing"],
  ["internal", "partnerSharing", "partnerWithoutAccounts"],
];
const staffSizedCallers: ReadonlyArray<readonly CallerName[]> = [["internal"], ["analyst"]];

const profiles: readonly Profile[] = [
  { name: "partner-sized", maxDepth: 6, maxNestedLists: 2, rootPageSizes: [1, 2, 3, 5, 20], nestedPageSizes: [1, 2, 3], callers: partnerSizedCallers },
  { name: "staff-sized", maxDepth: 9, maxNestedLists: 3, rootPageSizes: [1, 2, 5, 20, 100], nestedPageSizes: [1, 2, 3, 20, 100], callers: staffSizedCallers },
];

const listKinds: Readonly<Record<string, ListKind>> = {
  "Query.accounts": "accounts",
  "Query.contacts": "contacts",
  "Account.contacts": "accountContacts",
  "Query.orders": "orders",
  "Account.orders": "orders",
  "Query.tickets": "tickets",
  "Account.tickets": "tickets",
};

const plannedRoots = ["accounts", "accounts", "account", "contacts", "orders", "tickets"];

/** Staff-only fields and fields the planner leaves to the resolvers: asked now and then, so that FORBIDDEN and fallbacks come up. */
const rareFields = new Set([
  "Account.retention",
  "AccountAssessment.facts",
  "AccountAssessment.explanation",
  "AccountAssessment.nearMiss",
  "AccountAssessment.lifecycleStageNearMisses",
  "AccountAssessment.ruleExplanation",
  "Retention.nearMiss",
  "Retention.ruleExplanation",
  "ServicePriority.explanation",
]);

/** Part of a selection set, with the response keys it adds (two fields under one key must be the same field with the same arguments). */
interface SelectionItem {
  text: string;
  keys: string[];
  /** A field's alias, name, arguments and directives: all but its selection. */
  head?: string;
}

/**
 * Random documents over the planned root fields: random fields at each level, aliases (also of one
 * field with two sets of arguments), fields asked twice and merged, named and inline fragments
 * (also on the Node interface), @include/@skip, variables at any depth, filters, orderings, cursors.
 */
export class DocumentGenerator {
  private aliases = 0;
  private fragments: string[] = [];
  private reusableFragments = new Map<string, Array<{ name: string; keys: string[] }>>();
  private variables!: DocumentVariables;
  private profile!: Profile;
  private runsByProfile = new Map<Profile, number>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly random: SeededRandom,
    private readonly graph: DifferentialGraph,
    private readonly listArguments: ListArgumentGenerator,
  ) {}

  /**
   * One root field per document: graphql-js runs root fields side by side, and when two of them fail,
   * which error it reports (and whether the other's errors make it in) is a matter of which settles
   * first, not of the answer. Within the root field everything goes.
   */
  async document(index: number): Promise<CorpusDocument> {
    this.profile = index % 5 < 3 ? profiles[0] : profiles[1];
    this.variables = new DocumentVariables(this.random, 0.3);
    this.fragments = [];
    this.reusableFragments.clear();
    const query = this.schema.getQueryType()!;
    const usedKeys = new Set<string>();
    const root = await this.fieldItem(query, query.getFields()[this.random.pick(plannedRoots)], this.profile.maxDepth, 0, usedKeys);
    const body = (await this.grouped(query, [root], usedKeys)).map((item) => item.text).join(" ");
    const definitions = this.variables.definitions.length > 0 ? `(${this.variables.definitions.join(", ")})` : "";
    const text = [`query Generated${index}${definitions} { ${body} }`, ...this.fragments].join("\n");
    const runs = (this.runsByProfile.get(this.profile) ?? 0) + 1;
    this.runsByProfile.set(this.profile, runs);
    const callers = this.profile.callers[runs % this.profile.callers.length];
    return { name: `generated #${index} (${this.profile.name})`, query: text, variables: this.variables.values, callers };
  }

  private async selection(type: GraphQLObjectType, depthLeft: number, nestedLists: number): Promise<string> {
    const usedKeys = new Set<string>();
    const items: SelectionItem[] = [];
    for (const field of this.shuffled(Object.values(type.getFields()))) {
      // A field asked twice (the second under an alias): a list with other arguments, an object with another selection.
      const copies = !isLeafType(getNamedType(field.type)) && this.random.chance(0.1) ? 2 : 1;
      for (let copy = 0; copy < copies; copy++) {
        if (!this.random.chance(this.inclusionChance(type, field, depthLeft, nestedLists))) continue;
        const item = await this.fieldItem(type, field, depthLeft, nestedLists, usedKeys);
        items.push(item);
        if (!isLeafType(getNamedType(field.type)) && this.random.chance(0.06)) items.push(await this.twin(type, field, item, depthLeft, nestedLists));
      }
    }
    if (items.length === 0) {
      const leaves = Object.values(type.getFields()).filter((field) => isLeafType(getNamedType(field.type)) && !rareFields.has(`${type.name}.${field.name}`));
      items.push(await this.fieldItem(type, this.random.pick(leaves), depthLeft, nestedLists, usedKeys));
    }
    if (this.random.chance(0.05)) items.push({ text: "__typename", keys: ["__typename"] });
    return `{ ${(await this.grouped(type, items, usedKeys)).map((item) => item.text).join(" ")} }`;
  }

  private inclusionChance(type: GraphQLObjectType, field: GraphQLField<unknown, unknown>, depthLeft: number, nestedLists: number): number {
    const named = getNamedType(field.type);
    const listKind = listKinds[`${type.name}.${field.name}`];
    if (rareFields.has(`${type.name}.${field.name}`)) return depthLeft >= 2 ? 0.05 : 0;
    if (isLeafType(named)) return type.name.endsWith("Connection") || type.name === "PageInfo" ? 0.45 : 0.35;
    if (listKind) return depthLeft >= 3 && nestedLists < this.profile.maxNestedLists ? 0.2 : 0;
    if (type.name.endsWith("Connection") || type.name.endsWith("Edge")) return depthLeft >= 2 ? 0.5 : 0;
    return depthLeft >= 2 ? 0.3 : 0;
  }

  private async fieldItem(
    type: GraphQLObjectType,
    field: GraphQLField<unknown, unknown>,
    depthLeft: number,
    nestedLists: number,
    usedKeys: Set<string>,
  ): Promise<SelectionItem> {
    const aliased = usedKeys.has(field.name) || this.random.chance(0.12);
    const key = aliased ? this.alias(type, usedKeys) : field.name;
    usedKeys.add(key);
    const argumentsText = await this.argumentsOf(type, field, nestedLists);
    const directive = this.random.chance(0.07) ? ` ${this.directive()}` : "";
    const named = getNamedType(field.type);
    const isList = listKinds[`${type.name}.${field.name}`] !== undefined;
    const selection = isObjectType(named) ? ` ${await this.selection(named, depthLeft - 1, nestedLists + (isList ? 1 : 0))}` : "";
    const head = `${aliased ? `${key}: ` : ""}${field.name}${argumentsText}${directive}`;
    return { text: `${head}${selection}`, keys: [key], head };
  }

  /**
   * A response key not used in this selection: often a short one or another field's name, which
   * another alias of the parent field may use for something else (the planner merges aliases).
   */
  private alias(type: GraphQLObjectType, usedKeys: Set<string>): string {
    const candidate = this.random.pick(["x", "y", "z", ...Object.keys(type.getFields()), `a${++this.aliases}`]);
    return usedKeys.has(candidate) ? `a${++this.aliases}` : candidate;
  }

  /** The same field under the same key with the same arguments, and another selection: execution merges them. */
  private async twin(
    type: GraphQLObjectType,
    field: GraphQLField<unknown, unknown>,
    item: SelectionItem,
    depthLeft: number,
    nestedLists: number,
  ): Promise<SelectionItem> {
    const named = getNamedType(field.type) as GraphQLObjectType;
    const isList = listKinds[`${type.name}.${field.name}`] !== undefined;
    return { text: `${item.head} ${await this.selection(named, depthLeft - 1, nestedLists + (isList ? 1 : 0))}`, keys: item.keys };
  }

  private async argumentsOf(type: GraphQLObjectType, field: GraphQLField<unknown, unknown>, nestedLists: number): Promise<string> {
    const listKind = listKinds[`${type.name}.${field.name}`];
    let values: Record<string, Value> = {};
    if (listKind) {
      const filterType = String(getNamedType(field.args.find((argument) => argument.name === "filter")!.type));
      const sizes = nestedLists === 0 ? this.profile.rootPageSizes : nestedLists === 1 ? this.profile.nestedPageSizes : [1, 2];
      values = await this.listArguments.generate(listKind, filterType, sizes);
    } else if (type.name === "Query" && field.name === "account") {
      values = { id: this.accountId() };
    } else if (field.name === "ruleExplanation") {
      // Its one argument is required; any name will do: an unknown one is the same BAD_USER_INPUT either way.
      values = { rule: this.random.pick(["Silver: 10k a year", "no such rule"]) };
    }
    const written = Object.entries(values).map(
      ([name, value]) => `${name}: ${this.variables.write(value, field.args.find((argument) => argument.name === name)!.type)}`,
    );
    return written.length > 0 ? `(${written.join(", ")})` : "";
  }

  private accountId(): string {
    const accounts = this.graph.accounts;
    return this.random.pick([
      ...accounts.map((account) => account.globalId),
      encodeGlobalId("Account", accounts[3].id.toUpperCase()),
      encodeGlobalId("Account", this.random.uuid()),
      this.graph.contacts[0].globalId,
      "bad id",
    ]);
  }

  private directive(): string {
    const include = this.random.chance(0.5);
    const value = this.random.chance(0.6);
    return `@${include ? "include" : "skip"}(if: ${this.variables.condition(include ? value : !value)})`;
  }

  /** Wraps runs of items in inline or named fragments, spreads a fragment made earlier, adds `... on Node`. */
  private async grouped(type: GraphQLObjectType, items: SelectionItem[], usedKeys: Set<string>): Promise<SelectionItem[]> {
    let result = [...items];
    const slice = () => {
      const start = Math.floor(this.random.fraction() * result.length);
      const end = start + 1 + Math.floor(this.random.fraction() * (result.length - start));
      return { start, taken: result.slice(start, end), end };
    };
    if (result.length > 0 && this.random.chance(0.15)) {
      const { start, taken, end } = slice();
      const condition = this.random.pick([` on ${type.name}`, "", ` on ${type.name}`]);
      const directive = this.random.chance(0.3) ? ` ${this.directive()}` : "";
      result = [
        ...result.slice(0, start),
        { text: `...${condition}${directive} { ${taken.map((item) => item.text).join(" ")} }`, keys: taken.flatMap((item) => item.keys) },
        ...result.slice(end),
      ];
    }
    if (result.length > 0 && type.name !== "Query" && this.random.chance(0.15)) {
      const { start, taken, end } = slice();
      const name = `F${this.fragments.length + 1}`;
      const keys = taken.flatMap((item) => item.keys);
      this.fragments.push(`fragment ${name} on ${type.name} { ${taken.map((item) => item.text).join(" ")} }`);
      this.reusableFragments.set(type.name, [...(this.reusableFragments.get(type.name) ?? []), { name, keys }]);
      const directive = this.random.chance(0.2) ? ` ${this.directive()}` : "";
      result = [...result.slice(0, start), { text: `...${name}${directive}`, keys }, ...result.slice(end)];
    }
    const reusable = (this.reusableFragments.get(type.name) ?? []).filter((fragment) => fragment.keys.every((key) => !usedKeys.has(key)));
    if (reusable.length > 0 && this.random.chance(0.3)) {
      const fragment = this.random.pick(reusable);
      fragment.keys.forEach((key) => usedKeys.add(key));
      result.push({ text: `...${fragment.name}`, keys: fragment.keys });
    }
    if (type.getInterfaces().some((face) => face.name === "Node") && this.random.chance(0.06)) result.push({ text: "... on Node { id }", keys: ["id"] });
    return result;
  }

  private shuffled<Item>(items: Item[]): Item[] {
    const copy = [...items];
    for (let index = copy.length - 1; index > 0; index--) {
      const other = Math.floor(this.random.fraction() * (index + 1));
      [copy[index], copy[other]] = [copy[other], copy[index]];
    }
    return copy;
  }
}

/** `count` documents, the same ones for the same seed and data. */
export async function generateCorpus(
  schema: GraphQLSchema,
  graph: DifferentialGraph,
  cursors: CursorPool,
  count: number,
  seed: number,
): Promise<CorpusDocument[]> {
  const random = new SeededRandom(createSeededFaker(seed));
  const generator = new DocumentGenerator(schema, random, graph, new ListArgumentGenerator(random, graph, cursors));
  const documents: CorpusDocument[] = [];
  for (let index = 1; index <= count; index++) documents.push(await generator.document(index));
  return documents;
}
