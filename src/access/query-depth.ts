import {
  FragmentDefinitionNode,
  getNamedType,
  GraphQLError,
  GraphQLNamedType,
  GraphQLSchema,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  SelectionSetNode,
  ValidationContext,
  ValidationRule,
} from "graphql";

/**
 * The depth of an operation as a client reads its data: a field inside a field is one level deeper,
 * but a connection's `edges { node }` is one level, as its `nodes` is. Relay's plumbing (the edge that
 * only wraps the node) would otherwise make a page of a page cost two levels more than the same data
 * read through `nodes`, and refuse real queries such as the README's 360° view.
 * Fragments count where they are spread; `__schema` counts nothing (GraphiQL's introspection query is
 * deep by nature, and introspection has a rule of its own).
 */
export function maxDepthRule(limit: number): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const depth = new DepthCount(context).of(operation.selectionSet, context.getSchema().getRootType(operation.operation) ?? undefined);
      // The message graphql-armor's max-depth rule wrote, which clients have seen since the limit exists.
      if (depth > limit) context.reportError(new GraphQLError(`Query depth limit of ${limit} exceeded, found ${depth}.`, { nodes: operation }));
    },
  });
}

/** Counts one operation's depth; a named fragment's depth does not depend on where it is spread, so each is counted once. */
class DepthCount {
  private readonly edgeTypes: ReadonlySet<string>;
  private readonly fragmentDepths = new Map<string, number>();

  constructor(private readonly context: ValidationContext) {
    this.edgeTypes = edgeTypesOf(context.getSchema());
  }

  of(selectionSet: SelectionSetNode | undefined, parentType: GraphQLNamedType | undefined): number {
    let depth = 0;
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === "__schema") continue;
        const field = isObjectType(parentType) || isInterfaceType(parentType) ? parentType.getFields()[selection.name.value] : undefined;
        const ownLevel = parentType && this.edgeTypes.has(parentType.name) && selection.name.value === "node" ? 0 : 1;
        depth = Math.max(depth, ownLevel + this.of(selection.selectionSet, field && getNamedType(field.type)));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition && this.context.getSchema().getType(selection.typeCondition.name.value);
        depth = Math.max(depth, this.of(selection.selectionSet, condition ?? parentType));
      } else {
        depth = Math.max(depth, this.ofFragment(this.context.getFragment(selection.name.value)));
      }
    }
    return depth;
  }

  private ofFragment(fragment: FragmentDefinitionNode | null | undefined): number {
    if (!fragment) return 0;
    const name = fragment.name.value;
    const known = this.fragmentDepths.get(name);
    if (known !== undefined) return known;
    // Fragments that spread themselves are refused by graphql-js's own rules; here such a spread counts nothing rather than loop.
    this.fragmentDepths.set(name, 0);
    const depth = this.of(fragment.selectionSet, this.context.getSchema().getType(fragment.typeCondition.name.value));
    this.fragmentDepths.set(name, depth);
    return depth;
  }
}

const edgeTypesBySchema = new WeakMap<GraphQLSchema, ReadonlySet<string>>();

/** The edge types of the schema's connections: the item type of a `*Connection`'s `edges` list, when it has a `node`. */
function edgeTypesOf(schema: GraphQLSchema): ReadonlySet<string> {
  let known = edgeTypesBySchema.get(schema);
  if (!known) {
    const edgeTypes = new Set<string>();
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || !type.name.endsWith("Connection")) continue;
      const edges = type.getFields().edges?.type;
      const listed = edges && isNonNullType(edges) ? edges.ofType : edges;
      const edge = listed && isListType(listed) ? getNamedType(listed) : undefined;
      if (isObjectType(edge) && edge.getFields().node) edgeTypes.add(edge.name);
    }
    known = edgeTypes;
    edgeTypesBySchema.set(schema, known);
  }
  return known;
}
