// ESLint's flat config. It lives in .ci/ (the top level holds only the project's own folders), so
// `npm run lint` names it with --config; paths below are relative to the working directory, the
// project's root, where npm runs its scripts.
import path from "node:path";
import javascript from "@eslint/js";
import { defineConfig } from "eslint/config";
import prettier from "eslint-config-prettier";
import typescript from "typescript-eslint";

export default defineConfig(
  // graphql-codegen writes it; `npm run codegen:check` keeps it honest.
  { ignores: ["test/generated/"] },
  javascript.configs.recommended,
  typescript.configs.recommendedTypeChecked,
  {
    // A disable comment that no longer disables anything goes, rather than hide the next problem there.
    linterOptions: { reportUnusedDisableDirectives: "error" },
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: path.resolve(import.meta.dirname, "..") },
    },
    rules: {
      // Promises left floating and values typed any, stated here so that no preset change can quietly turn them off.
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/no-unsafe-argument": "error",
      "@typescript-eslint/no-unsafe-assignment": "error",
      "@typescript-eslint/no-unsafe-call": "error",
      "@typescript-eslint/no-unsafe-member-access": "error",
      "@typescript-eslint/no-unsafe-return": "error",
      // Apollo's plugin hooks and our own callback interfaces (readiness, context, countTotal) are typed to
      // return promises: `async` with nothing to await is how they give one, not a forgotten await.
      "@typescript-eslint/require-await": "off",
      // `const { http: _http, ...rest } = value` is how a field is left out of a copy.
      "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true }],
    },
  },
  // The kernel is the bottom floor (docs/architecture.md): src/shared imports nothing else of the project.
  {
    files: ["src/shared/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [{ group: ["../*"], message: "src/shared is the kernel: it imports nothing from the floors above it" }] }] },
  },
  {
    files: ["src/shared/*/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [{ group: ["../../*"], message: "src/shared is the kernel: it imports nothing from the floors above it" }] }] },
  },
  // Formatting belongs to Prettier: this turns off every rule that would argue with it.
  prettier,
);
