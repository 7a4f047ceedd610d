/**
 * Contract conformance (issue 9): requests generated from the served OpenAPI document for every
 * operation; the server must accept what the document calls valid (except the listed domain
 * rules) and every answer must be one the document declares, its body valid against the
 * declared schema. `npm test` runs CONFORMANCE_RUNS (default 10) per operation on memory
 * storage; CONFORMANCE_PGLITE=1 adds PGlite (and the server when TEST_DATABASE_URL is set);
 * `npm run conformance` runs 100 per operation on both. CONFORMANCE_SEED replays a run,
 * CONFORMANCE_ONLY (a regular expression of operation ids) narrows it, CONFORMANCE_VERBOSE=1
 * prints a line per operation and CONFORMANCE_REPORT=path writes the report as JSON.
 */
import { writeFileSync } from 'node:fs';
import { expect } from 'chai';
import type { InboundSmsVerifier } from '@cws/core';
import {
  DOMAIN_RULES,
  answerProblem,
  FUZZ_ENV,
  conformanceOptionsFromEnv,
  deadRules,
  documentProblems,
  formatConformanceFindings,
  formatConformanceSummary,
  matchingRules,
  onEachDatabase,
  runConformance,
  startApi,
  type ApiHarness,
} from '@cws/e2e-tests';

const options = conformanceOptionsFromEnv({ seed: 20260914, runs: 10 });

/** The inbound SMS route's signature check: no generated request can be Twilio's, so each is refused (403, a listed rule). */
const UNSIGNABLE_SMS: InboundSmsVerifier = { provider: 'twilio', signatureHeader: 'X-Twilio-Signature', verify: () => false };

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

  it('checks answers against the document: status, content type and schema', async () => {
    const document = await servedDocument(h());
    const lead = await h().api.call('POST', '/v1/admin/leads', { org: (await h().newOrg()).id, body: { name: 'Checked', email: 'checked@example.com' } });
    expect(lead.status, lead.text).to.equal(201);
    const json = (status: number, body: unknown, type = 'application/json') => ({ status, contentType: type, text: JSON.stringify(body) });
    expect(answerProblem(document, 'createLead', json(201, lead.body))).to.equal(null);
    const { name: _name, ...nameless } = lead.body as Record<string, unknown>;
    expect(answerProblem(document, 'createLead', json(201, nameless))).to.match(/does not match Lead.*name/);
    expect(answerProblem(document, 'createLead', json(201, lead.body, 'text/plain'))).to.match(/content type text\/plain is not declared/);
    expect(answerProblem(document, 'createLead', json(418, {}))).to.match(/status 418 is not declared/);
    const problem = { type: '/problems/x/y', title: 'x', status: 409, detail: 'x', instance: '/', code: 'no.such_code', request_id: 'r' };
    expect(answerProblem(document, 'createLead', json(409, problem, 'application/problem+json'))).to.match(/does not match Problem.*\/code/);
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

describe('OpenAPI conformance: domain rules', () => {
  const problem = (errors: Array<{ pointer: string; detail: string }>) => ({ code: 'validation.failed', errors: errors.map((e) => ({ ...e, in: 'body' })) });

  it('accept a 422 only when every field error is a listed rule, by pointer and wording', () => {
    const rule = { pointer: '/email', detail: 'an email or a phone is required' };
    expect(matchingRules('createLead', 422, problem([rule]))).to.have.length(1);
    // The same field refused for its format is a schema/server disagreement, not the rule.
    expect(matchingRules('createLead', 422, problem([{ pointer: '/email', detail: 'must be an email address' }]))).to.deep.equal([]);
    // A listed rule does not hide another field's refusal in the same answer.
    expect(matchingRules('createLead', 422, problem([rule, { pointer: '/name', detail: 'must not be empty' }]))).to.deep.equal([]);
    // Nor does a rule of another operation, status or code apply.
    expect(matchingRules('createClient', 422, problem([rule]))).to.deep.equal([]);
    expect(matchingRules('createLead', 409, problem([rule]))).to.deep.equal([]);
    expect(matchingRules('createLead', 422, { code: 'search.too_broad', errors: [rule] })).to.deep.equal([]);
    // `*` rules apply to every operation; `*` in a pointer is one segment.
    expect(matchingRules('listBookings', 422, problem([{ pointer: '/cursor', detail: 'is not a cursor returned by this API' }]))).to.have.length(1);
  });

  it('accept other errors by operation, status and code', () => {
    expect(matchingRules('getLead', 404, { code: 'lead.not_found' })).to.have.length(1);
    expect(matchingRules('getLead', 404, { code: 'route.not_found' })).to.deep.equal([]);
    expect(matchingRules('getLead', 400, { code: 'request.malformed' })).to.deep.equal([]);
  });
});

describe('OpenAPI conformance (memory storage)', () => {
  let harness: ApiHarness;
  before(async () => {
    harness = await startApi(null, { env: FUZZ_ENV, inboundSms: UNSIGNABLE_SMS });
  });
  after(async () => harness?.close());
  conformanceSuite(() => harness);
});

if (process.env['CONFORMANCE_PGLITE']) onEachDatabase('OpenAPI conformance', (h) => conformanceSuite(h), { env: FUZZ_ENV, inboundSms: UNSIGNABLE_SMS });
