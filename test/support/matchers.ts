/**
 * Jest's asymmetric matchers as unknown values. @types/jest types them any, so that they fit anywhere;
 * inside an expected object that any is an unsafe assignment to the type-aware lint, which cannot tell
 * a matcher from a value it should check.
 */
export const anyNumber: () => unknown = () => expect.any(Number);
export const anyString: () => unknown = () => expect.any(String);
export const stringMatching: (pattern: RegExp) => unknown = (pattern) => expect.stringMatching(pattern);
