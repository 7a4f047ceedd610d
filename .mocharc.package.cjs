// Used by each package's own `npm test` (lerna run test): the same setup, that package's tests only.
module.exports = {
  spec: ['test/**/*.test.ts'],
  'node-option': ['import=tsx', 'conditions=@cws/source'],
  reporter: require.resolve('./tools/mocha-summary-reporter.cjs'),
  timeout: 30000,
  exit: true,
};
