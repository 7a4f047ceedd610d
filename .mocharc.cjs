// One mocha run over every package: one embedded PostgreSQL (PGlite) is shared by all suites,
// and the summary reporter ends the output with the `N passed, N failed` line CI reads.
module.exports = {
  spec: [
    'packages/*/test/**/*.test.ts',
    'adapters/*/test/**/*.test.ts',
    'migrations/test/**/*.test.ts',
    'hosts/*/test/**/*.test.ts',
    'test/e2e/test/**/*.test.ts',
    'tools/test/**/*.test.ts',
  ],
  'node-option': ['import=tsx', 'conditions=@cws/source'],
  reporter: './tools/mocha-summary-reporter.cjs',
  timeout: 30000,
  exit: true,
};
