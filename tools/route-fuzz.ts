/**
 * `npm run fuzz`: the route fuzz at full strength — FUZZ_RUNS (default 100) valid and as many
 * mutated requests per operation of the route table, over HTTP, on memory storage, embedded
 * PGlite, and the PostgreSQL server at TEST_DATABASE_URL when it is set (TEST_DATABASE_KINDS
 * narrows the databases). Prints each operation's answers by status, then every finding with
 * the request that caused it; exits 1 when there is any. The seed is fixed (20261123) so runs
 * repeat; FUZZ_SEED=<n> explores other inputs and replays what it found. FUZZ_ONLY
 * (a regular expression over operation ids) narrows it. `npm test` runs the same fuzz smaller.
 */
import { FUZZ_ENV, formatFindings, fuzzOptionsFromEnv, fuzzRoutes, startApi } from '@cws/e2e-tests';
import { availableTestDatabases } from '@cws/test-support';

const options = fuzzOptionsFromEnv({ seed: 20261123, runs: 100 });
const targets = [{ name: 'memory', open: async () => null }, ...availableTestDatabases().filter((k) => k.skipReason === null).map((k) => ({ name: k.kind === 'embedded' ? 'PGlite' : 'PostgreSQL server', open: k.open }))];

console.log(`route fuzz: seed ${options.seed} (FUZZ_SEED=${options.seed} replays it), ${options.validRuns} valid + ${options.mutatedRuns} mutated requests per operation`);
let findings = 0;
for (const target of targets) {
  console.log(`\n== ${target.name}`);
  const harness = await startApi(await target.open(), { env: FUZZ_ENV });
  const started = Date.now();
  try {
    const report = await fuzzRoutes(harness, { ...options, log: (line) => console.log(line) });
    const statuses = Object.entries(report.byStatus).map(([status, n]) => `${status}×${n}`).join(' ');
    console.log(`${target.name}: ${report.operations} operations, ${report.requests} requests in ${Math.round((Date.now() - started) / 1000)} s: ${statuses}`);
    if (report.findings.length > 0) console.log(formatFindings(report, 100));
    findings += report.findings.length;
  } finally {
    await harness.close();
  }
}
console.log(`\nroute fuzz: ${findings} finding(s), seed ${options.seed}`);
process.exit(findings === 0 ? 0 : 1);
