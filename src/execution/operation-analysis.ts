import {
  ASTNode,
  DirectiveNode,
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  FragmentSpreadNode,
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  InlineFragmentNode,
  Kind,
  OperationDefinitionNode,
  visit,
} from "graphql";

/** The variables that @include and @skip conditions read, in the operation and the fragments it spreads. */
export function conditionVariableNames(document: DocumentNode, operation: OperationDefinitionNode): string[] {
  const names = new Set<string>();
  for (const definition of reachableDefinitions(document, operation)) {
    visit(definition, {
      Directive(directive) {
        if (!isCondition(directive)) return false;
        for (const argument of directive.arguments ?? []) {
          if (argument.value.kind === Kind.VARIABLE) names.add(argument.value.name.value);
        }
        return false;
      },
    });
  }
  return [...names].sort();
}

/** The variables used inside list or object literals of arguments, in the named operation and the fragments it spreads. */
export function nestedVariableNames(document: DocumentNode, operationName: string | undefined): string[] {
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION && definition.name?.value === operationName,
  );
  const names = new Set<string>();
  for (const definition of operation ? reachableDefinitions(document, operation) : []) {
    visit(definition, {
      Argument(argument) {
        if (argument.value.kind !== Kind.VARIABLE) visit(argument.value, { Variable: (variable) => void names.add(variable.name.value) });
        return false;
      },
    });
  }
  return [...names];
}

/**
 * The document as graphql-js executes it with these (coerced) variables: selections that @skip or
 * @include leave out removed, and the conditions of the others dropped. Nodes keep their locations.
 */
export function withConditionsApplied(document: DocumentNode, variables: Record<string, unknown>): DocumentNode {
  const applied = (node: FieldNode | FragmentSpreadNode | InlineFragmentNode) => {
    if (!node.directives?.some(isCondition)) return undefined;
    // graphql-js's own test (collectFields' shouldIncludeNode).
    if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return null;
    if (getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if === false) return null;
    return { ...node, directives: node.directives.filter((directive) => !isCondition(directive)) };
  };
  return visit(document, { Field: applied, FragmentSpread: applied, InlineFragment: applied });
}

function isCondition(directive: DirectiveNode): boolean {
  return directive.name.value === GraphQLSkipDirective.name || directive.name.value === GraphQLIncludeDirective.name;
}

/** The operation and every fragment it spreads, directly or through other fragments. */
function reachableDefinitions(document: DocumentNode, operation: OperationDefinitionNode): ASTNode[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const reached: ASTNode[] = [operation];
  const spread = new Set<string>();
  for (let index = 0; index < reached.length; index++) {
    visit(reached[index], {
      FragmentSpread(fragmentSpread) {
        const fragment = fragments.get(fragmentSpread.name.value);
        if (fragment && !spread.has(fragment.name.value)) {
          spread.add(fragment.name.value);
          reached.push(fragment);
        }
      },
    });
  }
  return reached;
}
