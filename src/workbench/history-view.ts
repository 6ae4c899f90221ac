import { button, element, formatTime } from "./dom";
import { RuleSetVersion } from "./operations";

/** A unified diff with its added and removed lines marked, for colour. */
export function diffView(diff: string): HTMLElement {
  const lines = diff.split("\n").map((line) => {
    const kind =
      line.startsWith("+++") || line.startsWith("---")
        ? "file"
        : line.startsWith("+")
          ? "added"
          : line.startsWith("-")
            ? "removed"
            : line.startsWith("@@")
              ? "hunk"
              : "";
    return element("span", { class: `diff-line ${kind}` }, `${line}\n`);
  });
  return element("pre", { class: "diff" }, ...lines);
}

/**
 * The versions published, newest first: who, when, why, what changed. Each but the one in service can
 * be rolled back to, and so can a version before the first listed (the one the history began from).
 */
export function historyView(versions: RuleSetVersion[], rollback: (version: string) => Promise<void>): HTMLElement {
  if (versions.length === 0) return element("p", {}, "Nothing published through the API yet.");
  const listed = new Set(versions.map((version) => version.version));
  const inService = versions.find((version) => version.inService)?.version;
  const rollbackButton = (to: string) => button(`Roll back to ${to}`, { "aria-label": `Roll back to ${to}` }, () => rollback(to));
  return element(
    "ol",
    { class: "history" },
    ...versions.map((version) =>
      element(
        "li",
        { "data-testid": "history-version", "data-version": version.version, "data-previous-version": version.previousVersion ?? undefined },
        element(
          "div",
          { class: "version-head" },
          element("code", {}, version.version),
          version.inService && element("span", { class: "badge" }, "in service"),
          ` ${formatTime(version.publishedAt)} · ${version.author}: ${version.comment}`,
        ),
        ...version.changes.map((change) =>
          element("details", {}, element("summary", {}, `${change.file}${change.diff ? "" : " (unchanged)"}`), change.diff && diffView(change.diff)),
        ),
        version.version !== inService && rollbackButton(version.version),
        version.previousVersion && version.previousVersion !== inService && !listed.has(version.previousVersion) && rollbackButton(version.previousVersion),
      ),
    ),
  );
}
