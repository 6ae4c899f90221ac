// ESLint's flat config. It lives in .ci/ (the top level holds only the project's own folders), so
// `npm run lint` names it with --config; paths below are relative to the working directory, the
// project's root, where npm runs its scripts.
import { readFileSync } from "node:fs";
import path from "node:path";
import javascript from "@eslint/js";
import { defineConfig } from "eslint/config";
import prettier from "eslint-config-prettier";
import typescript from "typescript-eslint";
import importX from "eslint-plugin-import-x";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";

/**
 * The floors of src/, from the bottom up (floors.json; docs/architecture.md says why each stands where it does).
 * A file imports only from its own room and from floors below its own: rooms on one floor stand side by side
 * and do not import each other. test/architecture/floors.test.ts checks that every room of src/ is on a floor.
 */
const floors = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "floors.json"), "utf8"));

const floorZones = floors
  .flatMap((floor, level) =>
    floor.map((room) => ({
      target: `./${room}`,
      from: [...floor.filter((other) => other !== room), ...floors.slice(level + 1).flat()].map((other) => `./${other}`),
      message: `${room} stands below what it imports here (docs/architecture.md): move the shared part down, or hand it in from above`,
    })),
  )
  .filter((zone) => zone.from.length > 0);

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
  // Imports run down the floors only, and no two files import each other, even through others.
  {
    files: ["src/**/*.ts"],
    plugins: { "import-x": importX },
    settings: { "import-x/resolver-next": [createTypeScriptImportResolver()] },
    rules: {
      "import-x/no-restricted-paths": ["error", { zones: floorZones }],
      "import-x/no-cycle": "error",
    },
  },
  // A schema holds one scalar type of a name: the library's DateTime beside ours would stop the build.
  {
    files: ["src/**/*.ts"],
    ignores: ["src/shared/scalars.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [{ name: "graphql-scalars", message: "use the scalars of src/shared/scalars.ts (described, with their specifications)" }] },
      ],
    },
  },
  // Formatting belongs to Prettier: this turns off every rule that would argue with it.
  prettier,
);
