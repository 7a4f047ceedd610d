/**
 * Hostile input never gives 500 (issue 8, item 10): every operation of the route table gets
 * valid requests generated from its own schemas and mutated ones (NUL, lone surrogates, dates
 * out of any calendar, forged cursors, huge strings and numbers, deep nesting, wrong types and
 * content types, bad encodings, huge headers), over real HTTP. No answer may be 5xx, every
 * error must be problem+json with status, title and code, and local times must be right.
 * `npm test` runs FUZZ_RUNS (default 10) of each kind per operation; `npm run fuzz` runs 100.
 */
import { writeFileSync } from 'node:fs';
import { expect } from 'chai';
import { FUZZ_ENV, formatFindings, fuzzOptionsFromEnv, fuzzRoutes, onEachDatabase, startApi, type ApiHarness } from '@cws/e2e-tests';

const options = fuzzOptionsFromEnv({ seed: 20261123, runs: 10 });

function fuzzSuite(h: () => ApiHarness) {
  it(`answers ${options.validRuns} valid and ${options.mutatedRuns} mutated requests per operation below 500, every error as problem+json (seed ${options.seed})`, async function () {
    this.timeout(0);
    const report = await fuzzRoutes(h(), options);
    if (process.env['FUZZ_REPORT']) writeFileSync(`${process.env['FUZZ_REPORT']}-${h().runtime.storage}.json`, JSON.stringify(report, null, 1));
    expect(report.operations, 'operations fuzzed').to.be.greaterThan(options.only ? 0 : 60);
    expect(report.findings.length, formatFindings(report)).to.equal(0);
  });
}

describe('route fuzz (memory storage)', () => {
  let harness: ApiHarness;
  before(async () => {
    harness = await startApi(null, { env: FUZZ_ENV });
  });
  after(async () => harness?.close());
  fuzzSuite(() => harness);
});

onEachDatabase('route fuzz', (h) => fuzzSuite(h), { env: FUZZ_ENV });
