/**
 * Hostile input gives problems, never 500 (issue 8, item 10) — the three causes a fuzz found,
 * each pinned here: NUL and unpaired surrogates in text (refused at the edge with the field's
 * pointer, also unauthenticated), dates outside any calendar (windows, bookings, series, forged
 * cursors) and wall-clock rendering of extreme dates; a value that still reaches the database is
 * a 422 logged at warn without a stack; and Node's own parser errors answer problem+json.
 */
import { expect } from 'chai';
import { connect } from 'node:net';
import { defineRoute } from '../../../hosts/http/src/routing/route-definition.js';
import { OrgApi, onEachDatabase, startApi, utcDay, type ApiHarness, type ApiResponse } from '@cws/e2e-tests';
import { availableTestDatabases } from '@cws/test-support';

const UUID = '0190a4c2-0000-7000-8000-000000000001';
const forgedCursor = Buffer.from(JSON.stringify(['-271821-04-20T00:00:00.000Z', UUID])).toString('base64url');
const enc = encodeURIComponent;

function expectFieldProblem(r: ApiResponse, pointer: string, where: 'body' | 'query' | 'path', detail: RegExp): void {
  expect(r.status, r.text).to.equal(422);
  expect(r.headers.get('content-type')).to.match(/^application\/problem\+json/);
  expect(r.body.code, r.text).to.equal('validation.failed');
  const error = (r.body.errors as Array<{ pointer: string; detail: string; in: string }> | undefined)?.find((e) => e.pointer === pointer);
  expect(error, r.text).to.include({ in: where });
  expect(error!.detail).to.match(detail);
}

const NUL = /NUL character/;
const SURROGATE = /unpaired surrogate/;

onEachDatabase('hostile input', (h) => {
  let org: OrgApi;
  before(async () => {
    org = await OrgApi.create(h());
  });

  const noErrorLogs = (since: number) => expect(h().logs.lines.slice(since).filter((l) => l['level'] === 'ERROR')).to.deep.equal([]);

  it('refuses NUL at the unauthenticated doors (sign-in, public leads, worker portal) with 422 and the field, logging no error', async () => {
    const since = h().logs.lines.length;
    const api = h().api;
    expectFieldProblem(await api.call('POST', '/v1/auth/login', { as: null, body: { email: 'ana\u0000@example.com', password: 'whatever-long-enough' } }), '/email', 'body', NUL);
    expectFieldProblem(await api.call('POST', '/v1/public/leads', { as: null, body: { org_slug: org.slug, name: 'Ana\u0000Lopez' } }), '/name', 'body', NUL);
    expectFieldProblem(await api.call('POST', '/v1/worker/portal/login', { as: null, body: { org: `${org.slug}\u0000`, login: 'a@example.com', password: 'x' } }), '/org', 'body', NUL);
    noErrorLogs(since);
  });

  it('refuses NUL in a query or path parameter, pointing at it', async () => {
    expectFieldProblem(await org.call('GET', `/v1/admin/leads?q=${enc('ana\u0000')}`), '/q', 'query', NUL);
    expectFieldProblem(await org.call('GET', `/v1/admin/leads/${enc(`${UUID}\u0000`)}`), '/id', 'path', NUL);
    expectFieldProblem(await org.call('GET', `/healthz?x=${enc('\u0000')}`), '/x', 'query', NUL);
  });

  it('refuses an unpaired surrogate in text that would be stored and audited (the audit insert used to fail with 500)', async () => {
    const since = h().logs.lines.length;
    // JSON.stringify writes a lone surrogate as the escape \ud800, which JSON.parse turns back into one.
    expectFieldProblem(await org.call('POST', '/v1/admin/teams', { body: { name: 'North \ud800' } }), '/name', 'body', SURROGATE);
    expectFieldProblem(await org.call('POST', '/v1/admin/clients', { body: { name: 'Ana', addresses: [{ line1: '\udfff', city: 'X' }] } }), '/addresses/0/line1', 'body', SURROGATE);
    expectFieldProblem(await org.call('POST', '/v1/admin/leads', { body: { name: 'Ana', '\ud800': 1 } }), '/\ud800', 'body', /field name/);
    noErrorLogs(since);
    const team = await org.expect(201, 'POST', '/v1/admin/teams', { name: 'Emoji \ud83d\ude00 team' });
    expect(team.name).to.equal('Emoji 😀 team');
  });

  it('refuses a forged cursor for year -271821 on every kind of list (it used to reach Postgres)', async () => {
    const window = `start=${enc(utcDay(0).toISOString())}&end=${enc(utcDay(7).toISOString())}`;
    for (const path of [`/v1/admin/leads?cursor=${forgedCursor}`, `/v1/admin/clients?cursor=${forgedCursor}`, `/v1/admin/audit-logs?cursor=${forgedCursor}`, `/v1/admin/bookings?${window}&cursor=${forgedCursor}`, `/v1/admin/queue/assignments?cursor=${forgedCursor}`]) {
      expectFieldProblem(await org.call('GET', path), '/cursor', 'query', /cursor/);
    }
  });

  it('refuses schedule windows, bookings, blackouts and series dates outside 1970-9999 (year 0001 threw RangeError)', async () => {
    const since = h().logs.lines.length;
    const y1 = `start=${enc('0001-01-01T00:00:00Z')}&end=${enc('0001-01-02T00:00:00Z')}`;
    for (const path of [`/v1/admin/schedule/board?${y1}`, `/v1/admin/schedule/suggestions?${y1}`, `/v1/admin/schedule/conflicts?${y1}`, `/v1/admin/bookings?${y1}`, `/v1/admin/blackouts?${y1}`]) {
      expectFieldProblem(await org.call('GET', path), '/start', 'query', /1970-01-01/);
    }
    const client = await org.client();
    expectFieldProblem(await org.book({ client_id: client.id, start: '0001-01-01T09:00:00Z', end: '0001-01-01T11:00:00Z' }), '/start', 'body', /1970-01-01/);
    expectFieldProblem(await org.book({ client_id: client.id, start: '9999-12-31T09:00:00Z', end: '9999-12-31T11:00:00Z' }), '/start', 'body', /9999-12-31/);
    expectFieldProblem(await org.call('POST', '/v1/admin/blackouts', { body: { start: '1969-12-31T00:00:00Z', end: '1970-01-02T00:00:00Z', reason: 'Old' } }), '/start', 'body', /1970-01-01/);
    const series = { client_id: client.id, rule: { freq: 'weekly', weekdays: ['mon'] }, time: '09:00', duration_minutes: 60 };
    expectFieldProblem(await org.call('POST', '/v1/admin/booking-series', { body: { ...series, start_date: '0001-01-01' } }), '/start_date', 'body', /1970-01-01 to 9999-12-31/);
    expectFieldProblem(await org.call('POST', '/v1/admin/booking-series', { body: { ...series, start_date: utcDay(1).toISOString().slice(0, 10), until: '0001-01-08' } }), '/until', 'body', /1970-01-01 to 9999-12-31/);
    noErrorLogs(since);
  });

  it('renders local times of bookings at the edges of the range as the same instant, with a minute offset', async () => {
    // Monrovia kept UTC-0:44:30 until 1972; RFC 3339 has no seconds in offsets.
    const monrovia = await OrgApi.create(h(), { timeZone: 'Africa/Monrovia' });
    const client = await monrovia.client();
    const early = await monrovia.booking({ client_id: client.id, start: '1970-01-01T00:00:00Z', end: '1970-01-01T02:00:00Z' });
    expect(early.local_starts_at).to.equal('1969-12-31T23:16:00-00:44');
    expect(Date.parse(early.local_starts_at)).to.equal(Date.parse(early.starts_at));
    const kiritimati = await OrgApi.create(h(), { timeZone: 'Pacific/Kiritimati' });
    const late = await kiritimati.booking({ client_id: (await kiritimati.client()).id, start: '9999-12-30T20:00:00Z', end: '9999-12-30T22:00:00Z' });
    expect(late.local_starts_at).to.equal('9999-12-31T10:00:00+14:00');
    expect(Date.parse(late.local_ends_at)).to.equal(Date.parse(late.ends_at));
    const listed = await kiritimati.list(`start=${enc('9999-12-30T00:00:00Z')}&end=${enc('9999-12-31T00:00:00Z')}`);
    expect(listed.map((b) => b.id)).to.deep.equal([late.id]);
  });
});

/** A route that hands the database a value no check has seen, as an embedder or a careless host might. */
const rawSlugLookup = defineRoute({
  method: 'GET',
  path: '/v1/test/raw-slug',
  operationId: 'testRawSlug',
  summary: 'looks an org up by an unchecked slug',
  description: 'Mounted by this test only.',
  tags: ['Operations'],
  audience: 'public',
  permission: null,
  responses: { 200: { description: 'found or not' } },
  async handler({ runtime }) {
    const org = await runtime.ports.orgs.findBySlug('acme\u0000');
    return { status: 200, body: { found: org !== null } };
  },
});

for (const kind of availableTestDatabases()) {
  describe(`a value the database refuses (${kind.kind === 'embedded' ? 'PGlite' : 'PostgreSQL server'})`, function () {
    let h: ApiHarness;
    before(async function () {
      if (kind.skipReason !== null) this.skip();
      h = await startApi(await kind.open(), { extraRoutes: [rawSlugLookup] });
    });
    after(async () => h?.close());

    it('is a 422 problem (storage.value_refused), logged once at warn with the SQLSTATE and no stack', async () => {
      const r = await h.api.call('GET', '/v1/test/raw-slug', { as: null });
      expect(r.status, r.text).to.equal(422);
      expect(r.body.code).to.equal('storage.value_refused');
      expect(r.text).to.not.match(/UTF8|0x00|select|orgs/i);
      const id = r.headers.get('x-request-id');
      const lines = h.logs.lines.filter((l) => l['request_id'] === id && l['message'] !== 'request');
      expect(lines).to.have.length(1);
      expect(lines[0]).to.include({ level: 'WARNING', message: 'value refused by the database', code: 'storage.value_refused', sqlstate: '22021' });
      expect(JSON.stringify(lines[0])).to.not.match(/stack|\n\s+at /);
    });
  });
}

/** Sends raw bytes and reads until the server closes the connection (or 10 s pass: `closed` false). */
function rawExchange(url: string, bytes: string): Promise<{ head: string; body: string; closed: boolean }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    const finish = (closed: boolean) => {
      clearTimeout(timer);
      const [head = '', ...body] = Buffer.concat(chunks).toString('utf8').split('\r\n\r\n');
      resolve({ head, body: body.join('\r\n\r\n'), closed });
    };
    const timer = setTimeout(() => {
      socket.destroy();
      finish(false);
    }, 10_000);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => finish(true));
    socket.write(bytes);
  });
}

describe("requests Node's HTTP parser refuses", () => {
  let h: ApiHarness;
  before(async () => {
    h = await startApi(null);
  });
  after(async () => h?.close());

  const cases: Array<[string, () => string, number, string]> = [
    ['a query string past the header limit', () => `GET /v1/admin/leads?q=${'a'.repeat(70_000)} HTTP/1.1\r\nHost: x\r\n\r\n`, 431, 'request.headers_too_large'],
    ['a header past the limit', () => `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Pad: ${'p'.repeat(20_000)}\r\n\r\n`, 431, 'request.headers_too_large'],
    ['a request line that is not HTTP', () => 'HELLO THERE\r\n\r\n', 400, 'request.unparseable'],
    ['a NUL in a header value', () => 'GET /healthz HTTP/1.1\r\nHost: x\r\nIdempotency-Key: a\u0000b\r\n\r\n', 400, 'request.unparseable'],
    ['a header line without a colon', () => 'GET /healthz HTTP/1.1\r\nHost: x\r\nNot a header\r\n\r\n', 400, 'request.unparseable'],
  ];
  for (const [what, bytes, status, code] of cases) {
    it(`answers ${what} with ${status} problem+json and closes the connection`, async () => {
      const r = await rawExchange(h.server.url, bytes());
      expect(r.head).to.match(new RegExp(`^HTTP/1.1 ${status} `));
      expect(r.head).to.match(/\r\ncontent-type: application\/problem\+json\r\n/i);
      expect(r.head).to.match(/\r\nconnection: close/i);
      const problem = JSON.parse(r.body);
      expect(problem).to.include({ status, code });
      expect(problem.title).to.be.a('string').and.not.equal('');
      expect(problem.request_id).to.match(/^[0-9a-f-]{36}$/);
      expect(r.closed, 'the server closed the connection').to.equal(true);
    });
  }

  it('still serves the next connection', async () => {
    await rawExchange(h.server.url, 'HELLO\r\n\r\n');
    const ok = await h.api.call('GET', '/healthz', { as: null });
    expect(ok.status).to.equal(200);
  });
});
