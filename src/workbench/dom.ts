/** Small helpers to build the page without a framework. */

type Child = Node | string | null | undefined | false;
type Attributes = Record<string, string | boolean | undefined>;

/** An element with attributes (true: present, false/undefined: absent) and children (falsy ones skipped). */
export function element<Tag extends keyof HTMLElementTagNameMap>(tag: Tag, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[Tag] {
  const created = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) created.setAttribute(name, "");
    else if (typeof value === "string") created.setAttribute(name, value);
  }
  for (const child of children) if (child) created.append(child);
  return created;
}

/** A button that runs `action` when clicked; while it runs the button is disabled, so a double click does not send twice. */
export function button(label: string, attributes: Attributes, action: () => Promise<void> | void): HTMLButtonElement {
  const created = element("button", { type: "button", ...attributes }, label);
  created.addEventListener("click", () => {
    created.disabled = true;
    Promise.resolve()
      .then(action)
      .finally(() => {
        created.disabled = false;
      })
      .catch(() => undefined);
  });
  return created;
}

/** Replaces an element's children. */
export function show(container: HTMLElement, ...children: Child[]): void {
  container.replaceChildren(...children.filter((child): child is Node | string => Boolean(child)));
}

/** A time as analysts read it, in their own time zone. */
export function formatTime(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString() : "";
}
