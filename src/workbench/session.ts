/**
 * The API key of the analyst signed in, kept for this tab only (sessionStorage): closing the tab
 * signs out, and no other site or tab reads it.
 */
const storageKey = "customer-graph:rule-workbench:api-key";

export function storedKey(): string | null {
  return sessionStorage.getItem(storageKey);
}

export function storeKey(key: string): void {
  sessionStorage.setItem(storageKey, key);
}

export function forgetKey(): void {
  sessionStorage.removeItem(storageKey);
}

/** Enough of a key to tell two apart on screen, never the whole secret. */
export function keyHint(key: string): string {
  return `${key.slice(0, 10)}…`;
}
