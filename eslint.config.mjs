// ESLint flat config: typescript-eslint's strict type-checked rules over every TypeScript file the project compiles.
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    // Build output, and fixtures that are inputs to tests (e.g. the boundary check's deliberately broken tree).
    ignores: ['dist/**', 'coverage/**', 'tests/fixtures/**', '**/*.js', '**/*.cjs', '**/*.mjs'],
  },
  eslint.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Numbers and booleans read fine in a message ("3 schools", "dryRun: true"); objects, undefined and null still
      // fail, since they print as "[object Object]" or a word nobody meant to show.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      // `(error) => reject(error)` and restify's `return next()` (ending a void handler early) are the idioms for
      // callbacks; using a void result as a value (`const x = log()`, `a || voidCall()`) is still reported.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true, ignoreVoidReturningFunctions: true }],
      // The same convention as tsc's noUnusedParameters: a leading underscore marks a name kept on purpose (a parameter
      // an interface requires, a field taken out of an object with `...rest`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Each feature adds its services to the platform's `FeatureServices` by declaration merging
      // (`interface FeatureServices extends CohortsServices {}`), which needs an interface with one `extends`.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
    },
  },
  {
    files: ['bot/edge/**/*.ts'],
    rules: {
      // botbuilder declares activity and invoke types as enums while activities carry plain strings from the wire.
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
      // botbuilder's types claim fields that real payloads can omit (`activity.recipient`, `activity.text`, a member
      // page's `members`), so the checks this rule calls unnecessary here are the untrusted-input checks we want.
      '@typescript-eslint/no-unnecessary-condition': 'off',
    },
  },
  {
    files: ['tests/**/*.ts'],
    rules: {
      // A test reads a value it has just arranged to exist (`replies[0]!.text`); if the assumption is wrong, the test
      // fails on the spot, which is what a test is for. Product code keeps the rule.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // `expect(fake.method).toHaveBeenCalled()` passes a method unbound on purpose; jest never calls it.
      '@typescript-eslint/unbound-method': 'off',
      // Fakes implement async interfaces (`async send() { sent.push(x) }`) without awaiting anything.
      '@typescript-eslint/require-await': 'off',
      // jest's asymmetric matchers (`expect.stringContaining(...)`, `expect.any(Date)`) are typed `any` by @types/jest,
      // and a test puts them inside the objects it compares. The other no-unsafe-* rules stay on in tests.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      // `String(x)` around a value typed string documents that a test compares text; harmless.
      '@typescript-eslint/no-unnecessary-type-conversion': 'off',
      // Test helpers and fixtures read loosely typed payloads; these stay readable as they are.
      '@typescript-eslint/no-unnecessary-type-parameters': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      // Tests poll a flag a callback sets (`while (!done)`) and clean up in afterAll what beforeAll may not have made;
      // the rule reads both as impossible, since it cannot see the callback or the failed set-up.
      '@typescript-eslint/no-unnecessary-condition': 'off',
    },
  },
);
