// The import rules of the layers (docs in the header of each rule; `npm run lint` runs them after
// eslint and fails on any error). The layers, top to bottom; an arrow may only point down:
//
//   entry       bin/, src/cli, src/http, src/gateway.ts (the composition root), src/workers (the
//               composition roots of worker threads), src/demo (the demo receivers `serve` starts)
//   use cases   src/exchange, src/privacy, src/scheduler, src/regie
//   services    consent/ (policy), src/audit, adapters/, src/validation, src/auth, src/config,
//               src/observability, src/care-path, src/statistics, src/signals
//   store port  src/store/store.ts and src/store/group-commit.ts (implementations stay inside src/store)
//   kernel      src/kernel: shared record types, errors, clock and dates, JSON pointers
//
// Keeping each driver (express, better-sqlite3, pg, node-cron, fhir-kit-client) in its folder stays
// with eslint's no-restricted-imports (eslint.config.js). tests/, bench/ and scripts/ stand outside the
// layers: tests may import anything, and no product code may import them.

const KERNEL = '^src/kernel/';
const STORE = '^src/store/';
const STORE_PORT = '^src/store/(store|operator-store|signal-store|consent-lists|decision-counts|regie-store|group-commit)[.]ts$';
const STORE_FACTORY = '^src/store/open-store[.]ts$';
const SERVICES = '^(consent|adapters|src/(audit|validation|auth|config|observability|care-path|statistics|signals))/';
const USE_CASES = '^src/(exchange|privacy|scheduler|regie)/';
const ENTRY = '^(bin/|src/(http|cli|workers|demo)/|src/gateway[.]ts$)';
const PRODUCT = '^(src|adapters|consent|bin)/';
const OUTSIDE_LAYERS = '^(tests|bench|scripts)/';

/** Which other services a service may import (each entry says why); the rest it may not. */
// src/validation (schemas and identifiers) is the lowest service: every other service may use it.
const servicePeers = [
  { name: 'validation', from: '^src/validation/', may: [], why: 'validation is the lowest service; it uses no other' },
  { name: 'observability', from: '^src/observability/', may: [], why: 'logs and metrics are used by every layer and use no other service' },
  { name: 'consent', from: '^consent/', may: ['^src/validation/'], why: 'the policy decides on facts handed to it and only validates its own files' },
  { name: 'audit', from: '^src/audit/', may: ['^src/validation/'], why: 'the audit log records what others did and needs none of them' },
  { name: 'adapters', from: '^adapters/', may: ['^src/validation/'], why: 'adapters get what they need (rendering, schema checks) passed in by the composition root' },
  { name: 'config', from: '^src/config/', may: ['^consent/', '^src/validation/'], why: 'the config may use the policy: it carries the consent settings and names the catalogue' },
  { name: 'auth', from: '^src/auth/', may: ['^src/config/', '^src/validation/'], why: 'auth may use the config: tokens are verified against its parties and staff' },
  { name: 'signals', from: '^src/signals/', may: [], why: 'signals are raised by other services and use none of them' },
  { name: 'care-path', from: '^src/care-path/', may: ['^src/signals/'], why: 'the process rules judge facts handed to them; the watchdog raises signals' },
  { name: 'statistics', from: '^src/statistics/', may: ['^src/care-path/'], why: 'the statistics are computed from the care-path facts and terms' },
];

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'A cycle makes every module in it depend on all the others: nothing in it can be read, tested or moved alone.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-folder-cycles',
      comment: 'Folders that import each other are one module in two places; the layers only hold if folders form no loop either.',
      severity: 'error',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
    {
      name: 'kernel-imports-nothing',
      comment: 'Everything may import the kernel, so it may import nothing but node built-ins: else it drags a layer into every other.',
      severity: 'error',
      from: { path: KERNEL },
      to: { pathNot: KERNEL, dependencyTypesNot: ['core'] },
    },
    {
      name: 'store-sees-only-kernel',
      comment: 'The store keeps records; it must not know policy, audit or use cases (it would read their decisions behind their back).',
      severity: 'error',
      from: { path: STORE },
      to: { path: '^(src|adapters|consent|bin|tests|bench|scripts)/', pathNot: [KERNEL, STORE] },
    },
    {
      name: 'store-implementations-behind-the-port',
      comment: 'Code above the store sees the port only, so SQLite and PostgreSQL stay interchangeable and share one contract suite.',
      severity: 'error',
      from: { path: PRODUCT, pathNot: STORE },
      to: { path: STORE, pathNot: [STORE_PORT, STORE_FACTORY] },
    },
    {
      name: 'store-factory-only-in-composition-roots',
      comment: 'Only the composition roots (src/gateway.ts, the CLI for its offline commands, and a worker thread for its own connection) choose and open a store.',
      severity: 'error',
      from: { path: PRODUCT, pathNot: ['^src/gateway[.]ts$', '^src/cli/', '^src/workers/', STORE] },
      to: { path: STORE_FACTORY },
    },
    {
      name: 'services-below-use-cases',
      comment: 'Policy, audit, validation, adapters and the other services serve the use cases; they never call back up into them or into the entry points.',
      severity: 'error',
      from: { path: SERVICES },
      to: { path: [USE_CASES, ENTRY] },
    },
    ...servicePeers.map((peer) => ({
      name: `${peer.name}-imports-no-other-service`,
      comment: `Services do not lean on one another unless named here: ${peer.why}.`,
      severity: 'error',
      from: { path: peer.from },
      to: { path: SERVICES, pathNot: [peer.from, ...peer.may] },
    })),
    {
      name: 'adapter-kinds-independent',
      comment: 'Each adapter kind is one folder that can be added or removed alone; what they share lives in adapters/ itself.',
      severity: 'error',
      from: { path: '^adapters/([^/]+)/' },
      to: { path: '^adapters/[^/]+/', pathNot: '^adapters/$1/' },
    },
    {
      name: 'use-cases-below-entry',
      comment: 'Use cases take plain values and return plain values; HTTP, the CLI and the composition root call them, never the other way.',
      severity: 'error',
      from: { path: USE_CASES },
      to: { path: ENTRY },
    },
    {
      name: 'use-case-peers',
      comment: 'The exchange pipeline is the core: the scheduler runs it for batch syncs and jobs; privacy, the regie register and the pipeline stand alone.',
      severity: 'error',
      from: { path: '^src/(exchange|privacy|regie)/' },
      to: { path: USE_CASES, pathNot: '^src/$1/' },
    },
    {
      name: 'scheduler-not-into-privacy',
      comment: 'The scheduler runs exchange jobs only; privacy-officer work is started by a person, never by a timer.',
      severity: 'error',
      from: { path: '^src/scheduler/' },
      to: { path: '^src/privacy/' },
    },
    {
      name: 'http-gets-its-parts',
      comment: 'The HTTP app is handed its parts by the composition root, so tests can build it without listening and the CLI never needs express.',
      severity: 'error',
      from: { path: '^src/http/' },
      to: { path: '^(bin/|src/cli/|src/gateway[.]ts$)' },
    },
    {
      name: 'cli-not-into-http',
      comment: 'The CLI reaches the server through the composition root, never through the HTTP layer itself.',
      severity: 'error',
      from: { path: '^(bin|src/cli)/' },
      to: { path: '^src/http/' },
    },
    {
      name: 'bin-is-outermost',
      comment: 'bin/ only starts the CLI; importing it would run a command as a side effect.',
      severity: 'error',
      from: { path: PRODUCT, pathNot: '^bin/' },
      to: { path: '^bin/' },
    },
    {
      name: 'composition-root-below-cli',
      comment: 'The composition root builds the gateway for whoever starts it (the CLI, tests, the bench); it does not know the CLI.',
      severity: 'error',
      from: { path: '^src/gateway[.]ts$' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'every-product-folder-in-a-layer',
      comment: 'A folder that is in no layer escapes every rule above: add a new folder to its layer in this file.',
      severity: 'error',
      from: { path: PRODUCT, pathNot: [KERNEL, STORE, SERVICES, USE_CASES, ENTRY] },
      to: {},
    },
    {
      name: 'product-not-into-tests-bench-scripts',
      comment: 'The product must run without its tests, benchmarks and generators installed; they may import the product, not the other way.',
      severity: 'error',
      from: { path: PRODUCT },
      to: { path: OUTSIDE_LAYERS },
    },
    {
      name: 'scripts-not-into-tests',
      comment: 'Generators build files of the product; a helper they share with tests belongs in the product or in scripts/.',
      severity: 'error',
      from: { path: '^scripts/' },
      to: { path: '^tests/' },
    },
    {
      name: 'bench-not-into-tests',
      comment: 'The bench measures the product as it ships; sharing code with tests/ ties a speed figure to test fixtures.',
      severity: 'error',
      from: { path: '^bench/' },
      to: { path: '^tests/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a layer that names another layer's types depends on it.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.mjs', '.js', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
