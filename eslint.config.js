// One lint run over the repo (`npm run lint`, part of `npm test`). Its main job is the package and
// context boundaries below: they keep `shared/` pure, keep the server's code on the server, and keep
// the dock's extension contexts talking through messages, the way STYLE.md describes. The fixtures in
// `lint-fixtures/` break each boundary on purpose; `lint-fixtures/boundaries.test.ts` lints them.
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import importX from "eslint-plugin-import-x";
import tseslint from "typescript-eslint";

/** The dock's contexts. Each runs in its own JavaScript world (service worker, offscreen document,
 * web page, extension page), so an import across them would bundle a second, disconnected copy. */
const dock = "./extension/src";
const dockContexts = {
  background: [`${dock}/background`],
  offscreen: [`${dock}/offscreen`, `${dock}/tabs`],
  contents: [`${dock}/contents`, `${dock}/features/click-to-call`],
  pages: [
    `${dock}/popup`,
    `${dock}/sidepanel`,
    `${dock}/store`,
    `${dock}/features/chat`,
    `${dock}/features/dock`,
    `${dock}/features/presence`,
    `${dock}/features/session`,
    `${dock}/features/softphone`,
  ],
};

/** Every context may import only itself and `messages/` (the typed contract between contexts). */
const dockContextZones = Object.entries(dockContexts).map(([name, target]) => ({
  target,
  from: Object.entries(dockContexts)
    .filter(([other]) => other !== name)
    .flatMap(([, folders]) => folders),
  message: `The dock's ${name} context talks to the other contexts through messages (extension/src/messages), not imports.`,
}));

export const boundaryZones = [
  {
    target: "./shared",
    from: ["./server", "./console", "./extension"],
    message: "shared/ is pure code every app imports; it imports no app.",
  },
  {
    target: ["./console", "./extension"],
    from: "./server/src",
    message: "Only the server runs server code; test harnesses come from @switchboard/server/test-support.",
  },
  ...dockContextZones,
];

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/dist/**",
      "**/build/**",
      "**/.plasmo/**",
      ".data/**",
      "docs/**",
      "server/db/ferretdb/**",
      // Each fixture breaks one rule on purpose; lint-fixtures/boundaries.test.ts lints them one by one.
      "lint-fixtures/**/*.fixture.ts",
    ],
  },
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    extends: [tseslint.configs.recommended],
    plugins: { "import-x": importX },
    settings: {
      "import-x/resolver-next": [
        createTypeScriptImportResolver({
          project: ["shared/tsconfig.json", "server/tsconfig.json", "console/tsconfig.json", "extension/tsconfig.json"],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "import-x/no-restricted-paths": ["error", { zones: boundaryZones }],
      "import-x/no-relative-packages": "error",
      // An import the resolver cannot follow would slip past the boundaries above.
      "import-x/no-unresolved": "error",
      // `_name` marks a value left out on purpose (a rest sibling, Express's four-argument error handler).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  {
    // The test harness hands tests loosely typed response bodies and socket payloads to assert on;
    // each test narrows them with its own expectations.
    files: ["server/test/http-client.ts", "server/test/realtime-fixtures.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
