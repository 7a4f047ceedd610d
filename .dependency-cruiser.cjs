/**
 * The layer rules of DESIGN.md §1 ("Rules of the house"), checked on every build: a wrong arrow
 * fails CI instead of waiting for review. Paths are resolved through the workspace packages'
 * `@cws/source` export condition, so an import of `@cws/core` is seen as packages/core/src.
 */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment:
        'packages/core depends on Node built-ins and TypeBox only (its contracts are JSON Schema built with TypeBox, which has no dependencies; ADR 19): no framework, no vendor SDK, no other workspace package.',
      severity: 'error',
      from: { path: '^packages/core/src' },
      to: { dependencyTypesNot: ['core'], pathNot: ['^packages/core/src', '^node_modules/@sinclair/typebox/'] },
    },
    {
      name: 'adapters-only-core-and-own-vendor',
      comment: 'An adapter imports @cws/core and its own vendor SDK, never hosts, composition, migrations or another adapter.',
      severity: 'error',
      from: { path: '^adapters/([^/]+)/src' },
      to: { path: '^(hosts|packages/composition|migrations|test)/|^adapters/', pathNot: ['^adapters/$1/src'] },
    },
    {
      name: 'composition-no-host-frameworks',
      comment: 'packages/composition wires core and adapters; Koa and host code stay in the hosts.',
      severity: 'error',
      from: { path: '^packages/composition/src' },
      to: { path: ['^hosts/', '^node_modules/(koa|@koa|koa-body|koa-helmet)/'] },
    },
    {
      name: 'hosts-no-adapter-internals',
      comment: 'Hosts reach adapters only through the composition root, never an adapter package directly.',
      severity: 'error',
      from: { path: '^hosts/[^/]+/src' },
      to: { path: '^adapters/' },
    },
    {
      name: 'hosts-do-not-import-each-other',
      comment: 'Only hosts/standalone (one process running both) imports other hosts.',
      severity: 'error',
      from: { path: '^hosts/(http|jobs)/src' },
      to: { path: '^hosts/', pathNot: '^hosts/$1/src' },
    },
    {
      name: 'contract-suites-know-no-adapter',
      comment: 'Contract suites are written against ports; adapters import the suites, not the reverse.',
      severity: 'error',
      from: { path: '^test/contract/src' },
      to: { path: ['^adapters/', '^packages/composition/', '^hosts/', '^migrations/'] },
    },
    {
      name: 'client-only-openapi-fetch',
      comment: 'packages/client ships to embedders and browsers: its own files and openapi-fetch only, nothing of the server and no Node built-in.',
      severity: 'error',
      from: { path: '^packages/client/src' },
      to: { pathNot: ['^packages/client/src/', '^node_modules/openapi-fetch/'] },
    },
    {
      name: 'only-declared-dependencies',
      comment: 'Each package imports only what its own package.json declares: an adapter its own vendor SDK, the core nothing.',
      severity: 'error',
      from: { path: '^(packages|adapters|hosts)/[^/]+/src|^migrations/src|^test/contract/src' },
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown', 'npm-dev'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^(packages|adapters|hosts|migrations)/[^/]+/src|^migrations/src' },
      to: { circular: true },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)dist/' },
    tsPreCompilationDeps: true,
    // Judge each package by its own package.json, not the root's.
    combinedDependencies: false,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['@cws/source', 'import', 'require', 'node', 'types', 'default'],
      mainFields: ['module', 'main', 'types'],
      extensions: ['.ts', '.js', '.cjs', '.mjs', '.d.ts', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
