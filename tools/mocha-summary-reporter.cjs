// The spec reporter, then one final line `N passed, N failed, N skipped` that CI greps for.
// Skipped tests are listed with their reason so no skip is silent.
const Mocha = require('mocha');

const { EVENT_RUN_END, EVENT_TEST_PENDING } = Mocha.Runner.constants;

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const skipped = [];
    runner.on(EVENT_TEST_PENDING, (test) => skipped.push(test.fullTitle()));
    runner.once(EVENT_RUN_END, () => {
      const { passes, failures, pending } = runner.stats;
      if (skipped.length > 0) {
        process.stdout.write(`\nSkipped (${skipped.length}):\n${skipped.map((t) => `  - ${t}`).join('\n')}\n`);
      }
      process.stdout.write(`\n${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ''}\n`);
    });
  }
}

module.exports = SummaryReporter;
