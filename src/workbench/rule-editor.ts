import { autocompletion, CompletionSource } from "@codemirror/autocomplete";
import { json } from "@codemirror/lang-json";
import { Diagnostic, lintGutter, setDiagnostics } from "@codemirror/lint";
import { EditorView, hoverTooltip } from "@codemirror/view";
import { basicSetup } from "codemirror";
import { jsonCompletion, jsonSchemaHover, stateExtensions } from "codemirror-json-schema";
import { RuleProblem } from "./operations";

export type JsonSchema = NonNullable<Parameters<typeof stateExtensions>[0]>;

/** One JSON editor of the draft: the rule file or its test cases. */
export interface JsonEditor {
  readonly view: EditorView;
  text(): string;
  /** New content (another family or draft opened): the problems shown go with the old one. */
  replace(text: string): void;
  /** The server's problems for this file, at their line and column, under the text. */
  showProblems(problems: RuleProblem[]): void;
}

/**
 * CodeMirror with JSON, completion and hover from the file's JSON Schema (codemirror-json-schema),
 * and inline problems from the server's check (every problem, with its fix) rather than from the
 * schema alone: the check also knows facts, ranges and test cases.
 */
export function createJsonEditor(parent: HTMLElement, label: string, schema: JsonSchema, onEdit: () => void): JsonEditor {
  const view = new EditorView({
    parent,
    doc: "",
    extensions: [
      basicSetup,
      json(),
      stateExtensions(schema),
      autocompletion({ override: [schemaCompletion] }),
      hoverTooltip(jsonSchemaHover()),
      lintGutter(),
      EditorView.contentAttributes.of({ "aria-label": label }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) onEdit();
      }),
    ],
  });
  return {
    view,
    text: () => view.state.doc.toString(),
    replace: (text) => {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
      view.dispatch(setDiagnostics(view.state, []));
    },
    showProblems: (problems) =>
      view.dispatch(
        setDiagnostics(
          view.state,
          problems.map((problem) => diagnosticOf(view, problem)),
        ),
      ),
  };
}

/** codemirror-json-schema answers "nothing to complete" with [] where CodeMirror expects null. */
const completeFromSchema = jsonCompletion();
const schemaCompletion: CompletionSource = (context) => {
  const result = completeFromSchema(context);
  return Array.isArray(result) ? null : result;
};

/** A problem's line and column (1-based) as a range of the text: the rest of that line, or one character. */
function diagnosticOf(view: EditorView, problem: RuleProblem): Diagnostic {
  const { doc } = view.state;
  const line = doc.line(Math.min(Math.max(problem.line, 1), doc.lines));
  const from = Math.min(line.from + Math.max(problem.column - 1, 0), line.to);
  const to = Math.max(line.to, Math.min(from + 1, doc.length));
  const where = [problem.rule && `rule ${problem.rule}`, problem.testCase && `case ${problem.testCase}`, problem.path].filter(Boolean).join(", ");
  return { from, to, severity: "error", message: `${problem.message}${problem.fix ? `. Fix: ${problem.fix}` : ""} (${where})` };
}
