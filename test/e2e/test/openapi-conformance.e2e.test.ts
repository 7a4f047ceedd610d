/**
 * Contract conformance (issue 9): requests generated from the served OpenAPI document for every
 * operation; the server must accept what the document calls valid (except the listed domain
 * rules) and every answer must be one the document declares, its body valid against the
 * declared schema. `npm test` runs CONFORMANCE_RUNS (default 10) per operation on memory
 * storage; `npm run conformance` runs 100, and on PGlite too (CONFORMANCE_PGLITE=1).
 */
import { writeFileSync } from 'node:fs';
import { expect } from 'chai';
import {
  DOMAIN_RULES,
  FUZZ_ENV,
  conformanceOptionsFromEnv,
  deadRules,
  documentProblems,
  formatConformanceFindings,
  formatConformanceSummary,
  onEachDatabase,
  runConformance,
  startApi,
  type ApiHarness,
} from '@cws/e2e-tests';

const options = conformanceOptionsFromEnv({ seed: 20260914, runs: 10 });

async function servedDocument(h: ApiHarness): Promise<Record<string, any>> {
  const r = await h.api.call('GET', '/openapi.json', { as: null });
  expect(r.status, r.text.slice(0, 300)).to.equal(200);
  return r.body as Record<string, any>;
}

function conformanceSuite(h: () => ApiHarness) {
  it('serves a document of named components: no $id anywhere, every operation described, tagged and with a 4xx answer', async () => {
    const problems = documentProblems(await servedDocument(h()));
    expect(problems, problems.join('\n')).to.deep.equal([]);
  });

  it('lists only domain rules that can apply, each with its reason', async () => {
    const dead = deadRules(await servedDocument(h()));
    expect(dead, dead.join('\n')).to.deep.equal([]);
    expect(DOMAIN_RULES.length).to.be.greaterThan(0);
  });

  it(`accepts what the document calls valid and answers only as it declares (${options.runs} requests per operation, seed ${options.seed})`, async function () {
    this.timeout(0);
    const document = await servedDocument(h());
    console.log(`      conformance seed ${options.seed} (CONFORMANCE_SEED), ${options.runs} runs per operation (CONFORMANCE_RUNS)`);
    const started = Date.now();
    const report = await runConformance(h(), document, { ...options, ...(process.env['CONFORMANCE_VERBOSE'] ? { log: (line: string) => console.log(`      ${line}`) } : {}) });
    console.log(`      ${report.operations} operations, ${report.requests} requests, ${report.findings.length} findings in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (process.env['CONFORMANCE_VERBOSE']) console.log(formatConformanceSummary(report));
    if (process.env['CONFORMANCE_REPORT']) writeFileSync(`${process.env['CONFORMANCE_REPORT']}-${h().runtime.storage}.json`, JSON.stringify(report, null, 1));
    expect(report.operations, 'operations checked').to.be.greaterThan(options.only ? 0 : 60);
    expect(report.findings.length, formatConformanceFindings(report)).to.equal(0);
  });
}

describe('OpenAPI conformance (memory storage)', () => {
  let harness: ApiHarness;
  before(async () => {
    harness = await startApi(null, { env: FUZZ_ENV });
  });
  after(async () => harness?.close());
  conformanceSuite(() => harness);
});

if (process.env['CONFORMANCE_PGLITE']) onEachDatabase('OpenAPI conformance', (h) => conformanceSuite(h), { env: FUZZ_ENV });
