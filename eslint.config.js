// Strict lint with type information, plus the architecture's import boundaries
// (architecture.md, "Modules and their boundaries"): only src/http knows express, only src/store
// knows SQL drivers, only src/scheduler knows node-cron, only adapters/fhir knows fhir-kit-client.
// The layers and cycles are checked by dependency-cruiser (.dependency-cruiser.cjs), also in `npm run lint`.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const restricted = (names) => ({
  'no-restricted-imports': ['error', { paths: names.map((name) => ({ name, message: `${name} is confined to its own folder (architecture.md).` })) }],
});

const boundaries = [
  { name: 'express', home: ['src/http/**'] },
  { name: 'better-sqlite3', home: ['src/store/**'] },
  { name: 'pg', home: ['src/store/**'] },
  { name: 'node-cron', home: ['src/scheduler/**'] },
  { name: 'fhir-kit-client', home: ['adapters/fhir/**'] },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'coverage/**', '.bench/**', '.artifacts/**', 'bin/**', 'src/workers/*.mjs', 'eslint.config.js', '.dependency-cruiser.cjs', 'console/dist/**', 'console/src/api/openapi.d.ts', 'clients/typescript/dist/**', 'clients/typescript/src/openapi.ts', 'src/validation/schema-types/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: "ThrowStatement > NewExpression[callee.name='Error']", message: 'Throw a GatewayError from the catalogue (src/kernel/gateway-error.ts).' }],
      ...restricted(boundaries.map((b) => b.name)),
    },
  },
  // Each boundary's own folder may import its library (and tests may import anything).
  ...boundaries.map((b) => ({
    files: b.home,
    rules: restricted(boundaries.filter((o) => o.name !== b.name && !o.home.some((h) => b.home.includes(h))).map((o) => o.name)),
  })),
  {
    files: ['tests/**', 'bench/**', 'scripts/**'],
    rules: {
      'no-restricted-imports': 'off',
      'no-restricted-syntax': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Tests read untyped JSON answers; `any` there is the honest type.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-confusing-void-expression': 'off',
    },
  },
  // The console (browser code, console/tsconfig.json): the rules of hooks; the server's import
  // boundaries and error catalogue do not apply there.
  {
    files: ['console/**'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    files: ['console/**'],
    rules: {
      'no-restricted-imports': 'off',
      'no-restricted-syntax': 'off',
      // `onChange={(e) => setValue(e.target.value)}` is the idiom of every React form.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
    },
  },
);
