import { findNodeAtLocation, Node, parseTree, ParseError, printParseErrorCode } from "jsonc-parser";
import { JsonPath } from "./rule-problem";

/** A JSON file parsed twice over: its value, and a tree that knows where each value stands in the text. */
export interface JsonDocument {
  value: unknown;
  locate(path: JsonPath): { line: number; column: number };
}

export interface JsonSyntaxProblem {
  line: number;
  column: number;
  message: string;
}

/** Parses strict JSON (no comments, no trailing commas: json-rules-engine's users read it too). */
export function parseJsonDocument(text: string): { document?: JsonDocument; syntaxProblems: JsonSyntaxProblem[] } {
  if (text.trim() === "") return { syntaxProblems: [{ line: 1, column: 1, message: "the file is missing or empty" }] };
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  const lineStarts = findLineStarts(text);
  const position = (offset: number) => {
    const lineIndex = lastIndexAtOrBefore(lineStarts, offset);
    return { line: lineIndex + 1, column: offset - lineStarts[lineIndex] + 1 };
  };
  if (errors.length > 0 || tree === undefined) {
    const syntaxProblems = errors.map((error) => ({ ...position(error.offset), message: describeSyntaxError(error) }));
    return { syntaxProblems };
  }
  return {
    document: { value: JSON.parse(text), locate: (path) => position(deepestNode(tree, path).offset) },
    syntaxProblems: [],
  };
}

function describeSyntaxError(error: ParseError): string {
  const readable = printParseErrorCode(error.error)
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
  return `the file is not valid JSON: ${readable}`;
}

/** The node at the path, or its nearest ancestor when the path leads to something missing. */
function deepestNode(tree: Node, path: JsonPath): Node {
  for (let length = path.length; length >= 0; length--) {
    const node = findNodeAtLocation(tree, path.slice(0, length));
    if (node) return node.parent?.type === "property" ? node.parent : node;
  }
  return tree;
}

function findLineStarts(text: string): number[] {
  const starts = [0];
  for (let index = 0; index < text.length; index++) if (text[index] === "\n") starts.push(index + 1);
  return starts;
}

function lastIndexAtOrBefore(sorted: number[], value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (sorted[middle] <= value) low = middle;
    else high = middle - 1;
  }
  return low;
}
