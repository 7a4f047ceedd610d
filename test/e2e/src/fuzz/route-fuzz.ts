/**
 * A fuzz of every operation in the host's route table, over real HTTP: for each route, valid
 * requests generated from its own schemas and mutated ones (hostile values in every place a
 * client controls: path, query, body, headers, content type, framing). Every answer must be
 * below 500, every error RFC 9457 problem+json with `status`, `title` and `code`, no answer
 * may carry a stack trace, and local times must name the same instant as the UTC ones.
 *
 * Reproducible: inputs come from fast-check with a fixed seed (per route: seed + a hash of the
 * operation id), so a finding replays with the same FUZZ_SEED.
 */
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import fc from 'fast-check';
import type { RouteDefinition } from '@cws/host-http';
import { invoiceTotals, lineFigures, type Invoice } from '@cws/core';
import type { ApiHarness } from '../api-harness.js';
import { OrgApi, fromNow, utcDay } from '../scheduling-fixtures.js';
import { KNOWN_PASSWORD, idPoolOfPath, valueOf, type JsonSchema, type ValueHints } from './schema-arbitraries.js';
import { FORGED_CURSORS, HOSTILE_DATES, HOSTILE_LOCAL, RAW_ENCODINGS, deeplyNested, deeplyNestedArray, hostileJsonValue, hostileParamValue } from './hostile-values.js';

export interface FuzzOptions {
  readonly seed: number;
  /** Valid requests per operation. */
  readonly validRuns: number;
  /** Mutated requests per operation. */
  readonly mutatedRuns: number;
  /** Requests in flight at once. */
  readonly concurrency?: number;
  /** Only operations whose id matches. */
  readonly only?: RegExp;
  /** Progress lines (one per operation). */
  readonly log?: (line: string) => void;
}

export interface FuzzFinding {
  readonly operationId: string;
  readonly input: string;
  readonly why: string;
  readonly request: string;
  readonly status: number;
  readonly response: string;
}

export interface RouteStats {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  /** Answers to valid and to mutated requests, by status. */
  readonly valid: Readonly<Record<string, number>>;
  readonly mutated: Readonly<Record<string, number>>;
}

export interface FuzzReport {
  readonly seed: number;
  readonly operations: number;
  readonly requests: number;
  readonly byStatus: Readonly<Record<string, number>>;
  readonly routes: readonly RouteStats[];
  readonly findings: readonly FuzzFinding[];
}

/** The env a fuzzed host runs with: proxy headers trusted from loopback, so sign-ins the fuzz needs come from another address than its failed guesses. */
export const FUZZ_ENV: Readonly<Record<string, string>> = { TRUST_PROXY_HEADERS: 'true', TRUSTED_PROXY_IPS: '127.0.0.1' };
const FUZZER_ADDRESS = '198.51.100.7';

export interface WireRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: Buffer;
}

interface Input {
  readonly params: Record<string, unknown>;
  readonly query: Record<string, unknown>;
  readonly body: unknown;
}

type Mutation =
  | { kind: 'body-field'; at: number; value: unknown }
  | { kind: 'every-string'; suffix: string }
  | { kind: 'query-field'; at: number; value: string }
  | { kind: 'date-field'; at: number; date: string; cursor: string }
  | { kind: 'path-param'; at: number; value: string }
  | { kind: 'raw-encoding'; where: 'query' | 'path'; at: number; raw: string }
  | { kind: 'unknown-field'; where: 'body' | 'query'; value: unknown }
  | { kind: 'duplicate-query' }
  | { kind: 'body-text'; text: string }
  | { kind: 'content-type'; type: string | null }
  | { kind: 'huge-query'; size: number }
  | { kind: 'huge-header'; size: number }
  | { kind: 'auth'; authorization: string | null }
  | { kind: 'header'; name: string; value: string };

// ------------------------------------------------------------------ wire encoding

/** Percent-encodes like encodeURIComponent, but lone surrogates go out as their WTF-8 bytes. */
function encodeLoose(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    let out = '';
    for (const ch of text) {
      const code = ch.codePointAt(0)!;
      if (code >= 0xd800 && code <= 0xdfff) {
        out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
      } else out += encodeURIComponent(ch);
    }
    return out;
  }
}

function queryString(query: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) parts.push(`${encodeLoose(key)}=${encodeLoose(typeof v === 'string' ? v : JSON.stringify(v) ?? '')}`);
  }
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}

function pathOf(route: RouteDefinition, params: Record<string, unknown>, raw: Record<string, string> = {}): string {
  return route.path.replace(/:([A-Za-z]+)/g, (_: string, name: string) => raw[name] ?? encodeLoose(String(params[name] ?? randomUUID())));
}

/** JSON leaves and subtrees of a body, as paths from its root. */
function pointers(value: unknown, at: readonly (string | number)[] = []): Array<readonly (string | number)[]> {
  if (value === null || typeof value !== 'object') return at.length === 0 ? [] : [at];
  const entries: Array<[string | number, unknown]> = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return [...(at.length === 0 ? [] : [at]), ...entries.flatMap(([k, v]) => pointers(v, [...at, k]))];
}

function setAt(root: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy: any = Array.isArray(root) ? [...root] : { ...(root as object) };
  copy[path[0]!] = setAt(copy[path[0]!], path.slice(1), value);
  return copy;
}

function mapStrings(value: unknown, f: (s: string) => string): unknown {
  if (typeof value === 'string') return f(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, f)]));
  return value;
}

// ------------------------------------------------------------------ generation

const schemaOf = (s: unknown) => (s ?? null) as JsonSchema | null;

function inputArbitrary(route: RouteDefinition, hints: ValueHints): fc.Arbitrary<Input> {
  const params = schemaOf(route.params);
  const query = schemaOf(route.query);
  const body = schemaOf(route.body);
  const pathPool = idPoolOfPath(route.path);
  const paramHints: ValueHints = pathPool === null ? hints : { ...hints, ids: { ...hints.ids, id: hints.ids[pathPool] ?? [] } };
  const paramsArb = params === null ? fc.constant({}) : valueOf(params, paramHints);
  return fc.record({
    params: paramsArb.map((p) => (p ?? {}) as Record<string, unknown>),
    query: (query === null ? fc.constant({}) : valueOf(query, hints)) as fc.Arbitrary<Record<string, unknown>>,
    body: body === null ? fc.constant(undefined) : valueOf(body, hints),
  });
}

const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('body-field' as const), at: fc.nat(), value: hostileJsonValue }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('every-string' as const), suffix: fc.constantFrom('\u0000', '\ud800', '\udfff', 'A'.repeat(5000)) }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('query-field' as const), at: fc.nat(), value: hostileParamValue }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('date-field' as const), at: fc.nat(), date: fc.constantFrom(...HOSTILE_DATES, ...HOSTILE_LOCAL), cursor: fc.constantFrom(...FORGED_CURSORS) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('path-param' as const), at: fc.nat(), value: hostileParamValue }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('raw-encoding' as const), where: fc.constantFrom('query' as const, 'path' as const), at: fc.nat(), raw: fc.constantFrom(...RAW_ENCODINGS) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('unknown-field' as const), where: fc.constantFrom('body' as const, 'query' as const), value: hostileJsonValue }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'duplicate-query' as const }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('body-text' as const),
      text: fc.constantFrom('', 'null', '[]', '"text"', '1e400', '{', '{"a":', '{"a":1}}', '\ufeff{}', deeplyNested(5_000), deeplyNestedArray(50_000), '{"__proto__":{"admin":true}}', `{"name":"${'\\ud800'.repeat(3)}"}`, '\u0000'),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('content-type' as const), type: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/json; charset=latin1', 'application/merge-patch+json', null) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('huge-query' as const), size: fc.constantFrom(9_000, 20_000, 70_000) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('huge-header' as const), size: fc.constantFrom(9_000, 20_000, 70_000) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('auth' as const),
      authorization: fc.constantFrom(null, 'Bearer ', 'Bearer x.y.z', `Bearer ${'a'.repeat(8_000)}`, 'Basic', 'Basic !!!', `Basic ${Buffer.from('admin\u0000:x').toString('base64')}`, 'Digest x', 'Bearer \u00ff\u00fe'),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('header' as const),
      name: fc.constantFrom('idempotency-key', 'x-request-id', 'x-test-org', 'x-break-glass-token', 'origin', 'x-forwarded-for', 'accept'),
      value: fc.constantFrom('', ' ', '\u00e9\u00ff', 'k'.repeat(300), 'not-a-uuid', '00000000-0000-0000-0000-000000000000', '1.2.3.4, ::ffff:999.1.1.1', '*/*;q=abc'),
    }),
  },
);

// ------------------------------------------------------------------ the fuzz

/** The credentials an operation is called with (see sessionFor). */
export interface Session {
  authorization: string | null;
  readonly renew: () => Promise<void>;
}

/** An issued invoice of two lines with its figures as the core computes them. */
function fuzzInvoice(id: string, orgId: string, clientId: string, now: Date): Invoice {
  const amounts = [
    { description: 'Fuzz clean', quantityMilli: 2000, unitPriceCents: 5000, taxRateBasis: 1000 },
    { description: 'Fuzz extra', quantityMilli: 1000, unitPriceCents: 1250, taxRateBasis: 0 },
  ];
  const lines = amounts.map((a, position) => ({ ...a, ...lineFigures(a), id: randomUUID(), position, bookingId: null }));
  return {
    id, orgId, clientId, number: 'INV-2026-000001', status: 'SENT', currency: 'USD', issueDate: '2026-01-05', dueDate: '2026-01-19', paymentTermsDays: 14, notes: null,
    lines, bookingIds: [], ...invoiceTotals(lines), paidCents: 0, sentAt: now, paidAt: null, voidedAt: null, voidReason: null, createdAt: now, updatedAt: now,
  };
}

/** What seedFuzzOrg made: id pools and logins for the generators, the org, the portal worker. */
export interface Seeded {
  readonly hints: ValueHints;
  readonly org: OrgApi;
  readonly portalWorker: { id: string; email: string; password: string };
  readonly metricsToken: string | null;
}

/** An org with members, teams, workers (one with a portal password), services, clients, leads, a blackout, bookings and a series. */
export async function seedFuzzOrg(h: ApiHarness): Promise<Seeded> {
  const org = await OrgApi.create(h, { timeZone: 'America/New_York' });
  const members = [await h.staff(org.orgId, 'dispatcher'), await h.staff(org.orgId, 'viewer')];
  const changed = await h.api.call('POST', '/v1/auth/change-password', { token: members[0]!.accessToken, body: { current_password: members[0]!.password, new_password: KNOWN_PASSWORD } });
  if (changed.status !== 200) throw new Error(`seeding the fuzz: change-password answered ${changed.status}: ${changed.text}`);
  const team = await org.team();
  const team2 = await org.team();
  const portalEmail = `portal-${randomUUID().slice(0, 8)}@fuzz.example.com`;
  const portalWorker = await org.worker({ email: portalEmail, team_id: team.id, skills: ['windows'] });
  const workers = [portalWorker, await org.worker({ phone: '+15550101010', team_id: team2.id }), await org.worker()];
  // The login the fuzz's own sign-ins use is kept out of its guesses (they would lock it);
  // this one takes them, and the password the generator sometimes sends.
  await org.expect(200, 'POST', `/v1/admin/workers/${workers[1].id}/portal-password`, { password: KNOWN_PASSWORD });
  const services = [await org.service(), await org.service({ name: 'Deep clean', duration_minutes: 240 })];
  const clients = [await org.client({ email: 'client-a@fuzz.example.com' }), await org.client(), await org.client({ phone: '+15550202020' })];
  const leads = [];
  for (const name of ['Lead one', 'Lead two', 'Lead three']) leads.push(await org.expect(201, 'POST', '/v1/admin/leads', { name, email: `${name.replace(' ', '.')}@fuzz.example.com` }));
  const blackout = await org.expect(201, 'POST', '/v1/admin/blackouts', { scope: 'worker', worker_id: workers[2].id, start: fromNow(24 * 5), end: fromNow(24 * 5 + 4), reason: 'Leave' });
  const bookings = [
    await org.booking({ client_id: clients[0].id, service_id: services[0].id, start: fromNow(1), worker_ids: [portalWorker.id], status: 'confirmed' }),
    await org.booking({ client_id: clients[1].id, service_id: services[0].id, start: fromNow(26), team_id: team2.id }),
    await org.booking({ client_id: clients[2].id, start: fromNow(50), end: fromNow(52) }),
  ];
  const day = utcDay(2).toISOString().slice(0, 10);
  const series = await org.expect(201, 'POST', '/v1/admin/booking-series', { client_id: clients[0].id, rule: { freq: 'weekly', weekdays: ['tue', 'fri'] }, start_date: day, time: '09:00', duration_minutes: 60, count: 6, worker_ids: [workers[1].id] });
  const password = `Portal-${randomUUID()}`;
  await org.expect(200, 'POST', `/v1/admin/workers/${portalWorker.id}/portal-password`, { password });
  // Outbox events written as a use case writes them (pending: a replay of one answers 409).
  const outboxEvents = [randomUUID(), randomUUID()];
  const invoices = [randomUUID()];
  const seedCtx = { orgId: org.orgId, actor: { kind: 'system' as const, id: 'fuzz-seed', role: null }, requestId: `fuzz-seed-${randomUUID()}`, now: new Date() };
  await h.runtime.ports.uow.run(seedCtx, async (repos) => {
    for (const id of outboxEvents) {
      const message = { template: 'password_reset' as const, to: 'client-a@fuzz.example.com', toName: null, data: { expiresAt: '2030-01-01T00:00:00Z' }, sealedSecret: null };
      await repos.outbox.enqueue({ id, orgId: org.orgId, dedupeKey: `fuzz:${id}:reset`, payload: { kind: 'email', message }, createdAt: seedCtx.now });
    }
    // An issued invoice, written as the repositories store one (for the invoice routes' ids).
    // Guarded while a storage has no invoice repositories (PostgreSQL's arrive with migration 0014).
    if (repos.invoices !== undefined) await repos.invoices.insert(fuzzInvoice(invoices[0]!, org.orgId, clients[0].id, seedCtx.now));
  });
  const hints: ValueHints = {
    ids: {
      lead: leads.map((l) => l.id),
      client: clients.map((c) => c.id),
      address: clients.flatMap((c) => c.addresses.map((a: { id: string }) => a.id)),
      worker: workers.map((w) => w.id),
      team: [team.id, team2.id],
      service: services.map((s) => s.id),
      blackout: [blackout.id],
      booking: [...bookings.map((b) => b.id), ...series.created.map((b: { id: string }) => b.id)],
      series: [series.series.id],
      // The worker portal's jobs: the portal worker's booking.
      job: [bookings[0].id],
      user: members.map((m) => m.userId),
      org: [org.orgId],
      outboxEvent: outboxEvents,
      invoice: invoices,
    },
    slugs: [org.slug],
    logins: [...members.map((m) => m.email), '+15550101010'],
    now: new Date(),
  };
  return { hints, org, portalWorker: { id: portalWorker.id, email: portalEmail, password }, metricsToken: h.runtime.config.metrics.token };
}

/** The credentials a route is called with; renewed when an answer says the session ended. */
export async function sessionFor(h: ApiHarness, route: RouteDefinition, seeded: Seeded): Promise<Session> {
  let signIns = 0;
  const from = () => ({ 'x-forwarded-for': `203.0.113.${(signIns++ % 250) + 1}` });
  if (route.audience === 'staff') {
    // Its own OWNER per route: what one route does to its caller (logout, failed password
    // checks, TOTP enrolment) does not starve the next.
    const owner = await h.staff(seeded.org.orgId, 'owner');
    const session: Session = {
      authorization: `Bearer ${owner.accessToken}`,
      renew: async () => {
        const r = await h.api.call('POST', '/v1/auth/login', { as: null, headers: from(), body: { email: owner.email, password: owner.password, org_id: seeded.org.orgId } });
        if (r.status === 200) session.authorization = `Bearer ${r.body.access_token}`;
      },
    };
    return session;
  }
  if (route.audience === 'worker') {
    const { id, email, password } = seeded.portalWorker;
    const session: Session = {
      authorization: null,
      renew: async () => {
        // The fuzz may have deactivated the worker or changed their password: undo both.
        await seeded.org.call('PATCH', `/v1/admin/workers/${id}`, { body: { active: true, email } });
        await seeded.org.call('POST', `/v1/admin/workers/${id}/portal-password`, { body: { password } });
        const r = await h.api.call('POST', '/v1/worker/portal/login', { as: null, headers: from(), body: { org: seeded.org.slug, login: email, password } });
        if (r.status === 200) session.authorization = `Bearer ${r.body.access_token}`;
      },
    };
    await session.renew();
    return session;
  }
  const metrics = route.path === '/metrics' && seeded.metricsToken !== null ? `Bearer ${seeded.metricsToken}` : null;
  return { authorization: metrics, renew: async () => {} };
}

function render(route: RouteDefinition, input: Input, session: Session, mutation: Mutation | null): WireRequest {
  let { params, query, body } = input;
  const rawPath: Record<string, string> = {};
  let rawQuery = '';
  const headers: Record<string, string> = { 'x-forwarded-for': FUZZER_ADDRESS, accept: 'application/json' };
  if (session.authorization !== null) headers['authorization'] = session.authorization;
  let contentType: string | null = 'application/json';
  let bodyText: string | undefined = body === undefined ? undefined : JSON.stringify(body);
  const paramNames = Object.keys(schemaOf(route.params)?.properties ?? {});
  const queryNames = Object.keys(schemaOf(route.query)?.properties ?? {});

  switch (mutation?.kind) {
    case undefined:
      break;
    case 'body-field': {
      const places = pointers(body);
      bodyText = JSON.stringify(places.length === 0 ? { ...(body as object), fuzz: mutation.value } : setAt(body, places[mutation.at % places.length]!, mutation.value));
      break;
    }
    case 'every-string':
      bodyText = body === undefined ? undefined : JSON.stringify(mapStrings(body, (s) => s + mutation.suffix));
      query = mapStrings(query, (s) => s + mutation.suffix) as Record<string, unknown>;
      break;
    case 'query-field': {
      const names = queryNames.length > 0 ? queryNames : ['q'];
      query = { ...query, [names[mutation.at % names.length]!]: mutation.value };
      break;
    }
    case 'date-field': {
      // Dates and cursors of the query and body (top level, where the routes keep them).
      const dated = (schema: JsonSchema | null) =>
        Object.entries(schema?.properties ?? {})
          .filter(([name, p]) => name === 'cursor' || p.format === 'date-time' || p.pattern?.startsWith('^[0-9]{4}-') === true || p.anyOf?.some((a) => a.format === 'date-time' || a.pattern?.startsWith('^[0-9]{4}-')) === true)
          .map(([name]) => name);
      const places = [...dated(schemaOf(route.query)).map((n) => ['query', n] as const), ...dated(schemaOf(route.body)).map((n) => ['body', n] as const)];
      if (places.length === 0) {
        query = { ...query, created_from: mutation.date };
        break;
      }
      const [where, name] = places[mutation.at % places.length]!;
      const value = name === 'cursor' ? mutation.cursor : mutation.date;
      if (where === 'query') query = { ...query, [name]: value };
      else bodyText = JSON.stringify({ ...(body as object), [name]: value });
      break;
    }
    case 'path-param':
      if (paramNames.length > 0) params = { ...params, [paramNames[mutation.at % paramNames.length]!]: mutation.value };
      else query = { ...query, id: mutation.value };
      break;
    case 'raw-encoding':
      if (mutation.where === 'path' && paramNames.length > 0) rawPath[paramNames[mutation.at % paramNames.length]!] = mutation.raw;
      else rawQuery = `${queryNames[mutation.at % Math.max(queryNames.length, 1)] ?? 'q'}=${mutation.raw}`;
      break;
    case 'unknown-field':
      if (mutation.where === 'body') bodyText = JSON.stringify({ ...(typeof body === 'object' && body !== null ? body : {}), unknown_field: mutation.value });
      else query = { ...query, unknown_field: typeof mutation.value === 'string' ? mutation.value : JSON.stringify(mutation.value) };
      break;
    case 'duplicate-query':
      query = Object.fromEntries(Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? [...v, ...v] : [v, v]]));
      break;
    case 'body-text':
      bodyText = mutation.text;
      break;
    case 'content-type':
      contentType = mutation.type;
      bodyText ??= '{}';
      break;
    case 'huge-query':
      rawQuery = `q=${'a'.repeat(mutation.size)}`;
      break;
    case 'huge-header':
      headers['x-fuzz-padding'] = 'p'.repeat(mutation.size);
      break;
    case 'auth':
      if (mutation.authorization === null) delete headers['authorization'];
      else headers['authorization'] = mutation.authorization;
      break;
    case 'header':
      headers[mutation.name] = mutation.value;
      break;
  }
  let qs = queryString(query);
  if (rawQuery !== '') qs = qs === '' ? `?${rawQuery}` : `${qs}&${rawQuery}`;
  if (bodyText !== undefined && contentType !== null) headers['content-type'] = contentType;
  return { method: route.method, path: `${pathOf(route, params, rawPath)}${qs}`, headers, ...(bodyText !== undefined ? { body: Buffer.from(bodyText, 'utf8') } : {}) };
}

/** Sends one request over its own HTTP client (raw bytes, no fetch normalisation). */
export function send(baseUrl: URL, agent: Agent, req: WireRequest): Promise<{ status: number; contentType: string; text: string }> {
  return new Promise((resolve, reject) => {
    const r = request(
      { host: baseUrl.hostname, port: baseUrl.port, method: req.method, path: req.path, headers: { ...req.headers, ...(req.body ? { 'content-length': String(req.body.length) } : {}) }, agent, timeout: 60_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    r.on('timeout', () => r.destroy(new Error('no answer within 60 s')));
    r.on('error', reject);
    r.end(req.body);
  });
}

const STACK = /\n\s+at .+:\d+:\d+/;
const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-](0\d|1[0-4]):[0-5]\d)$/;

/** Local wall-clock renderings must be well-formed and name the same instant as their UTC twin. */
function localTimeProblems(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => localTimeProblems(v, out));
  else if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    for (const [key, local] of Object.entries(o)) {
      if (!key.startsWith('local_') || typeof local !== 'string') {
        localTimeProblems(local, out);
        continue;
      }
      const utc = o[key.slice('local_'.length)];
      if (!ZONED.test(local)) out.push(`${key} ${JSON.stringify(local)} is not an RFC 3339 time with an offset`);
      else if (typeof utc === 'string' && Date.parse(utc) !== Date.parse(local)) out.push(`${key} ${local} is not the instant ${utc}`);
    }
  }
  return out;
}

/** Why an answer breaks the promise, or null when it keeps it. */
export function judge(status: number, contentType: string, text: string): string | null {
  if (status >= 500) return `answered ${status}`;
  if (STACK.test(text)) return 'the body holds a stack trace';
  if (status >= 400) {
    if (!contentType.startsWith('application/problem+json')) return `error ${status} is ${contentType || 'bodiless'}, not application/problem+json`;
    let problem: any;
    try {
      problem = JSON.parse(text);
    } catch {
      return `error ${status} body is not JSON`;
    }
    if (problem?.status !== status) return `problem status ${String(problem?.status)} differs from ${status}`;
    if (typeof problem.title !== 'string' || problem.title === '') return 'problem without a title';
    if (typeof problem.code !== 'string' || problem.code === '') return 'problem without a code';
    return null;
  }
  if (status >= 200 && status < 300 && contentType.includes('json') && text !== '') {
    const problems = localTimeProblems(JSON.parse(text));
    if (problems.length > 0) return problems.slice(0, 3).join('; ');
  }
  return null;
}

export function hashOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

export const excerpt = (text: string, max = 400) => (text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text);

function describe(req: WireRequest): string {
  const headers = Object.entries(req.headers)
    .filter(([k]) => k !== 'authorization' && k !== 'x-forwarded-for' && k !== 'accept')
    .map(([k, v]) => `${k}: ${excerpt(v, 60)}`);
  return `${req.method} ${excerpt(req.path, 300)}${headers.length ? ` [${headers.join('; ')}]` : ''}${req.body ? ` ${excerpt(req.body.toString('utf8'), 300)}` : ''}`;
}

/** Runs `jobs` with at most `width` at once. */
export async function pool<T>(items: readonly T[], width: number, job: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) await job(items[next++]!);
    }),
  );
}

export async function fuzzRoutes(h: ApiHarness, options: FuzzOptions): Promise<FuzzReport> {
  const seeded = await seedFuzzOrg(h);
  const baseUrl = new URL(h.server.url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency ?? 4 });
  const findings: FuzzFinding[] = [];
  const byStatus: Record<string, number> = {};
  const routes: RouteStats[] = [];
  let requests = 0;
  let operations = 0;
  try {
    for (const route of h.http.routes) {
      if (options.only !== undefined && !options.only.test(route.operationId)) continue;
      operations++;
      const session = await sessionFor(h, route, seeded);
      const routeSeed = (options.seed + hashOf(route.operationId)) | 0;
      const inputs = inputArbitrary(route, seeded.hints);
      const planned: Array<{ label: string; input: Input; mutation: Mutation | null }> = [
        ...fc.sample(inputs, { seed: routeSeed, numRuns: options.validRuns }).map((input) => ({ label: 'valid', input, mutation: null })),
        ...fc.sample(fc.tuple(inputs, mutationArbitrary), { seed: routeSeed + 1, numRuns: options.mutatedRuns }).map(([input, mutation]) => ({ label: mutation.kind, input, mutation })),
      ];
      const stats = { operationId: route.operationId, method: route.method, path: route.path, valid: {} as Record<string, number>, mutated: {} as Record<string, number> };
      routes.push(stats);
      let renewing: Promise<void> | null = null;
      await pool(planned, options.concurrency ?? 4, async ({ label, input, mutation }) => {
        if (renewing !== null) await renewing;
        const wire = render(route, input, session, mutation);
        let answer: { status: number; contentType: string; text: string };
        try {
          answer = await send(baseUrl, agent, wire);
        } catch (err) {
          findings.push({ operationId: route.operationId, input: label, why: `no answer: ${(err as Error).message}`, request: describe(wire), status: 0, response: '' });
          return;
        }
        requests++;
        byStatus[answer.status] = (byStatus[answer.status] ?? 0) + 1;
        const tally = mutation === null ? stats.valid : stats.mutated;
        tally[answer.status] = (tally[answer.status] ?? 0) + 1;
        // FUZZ_DEBUG=1 shows why valid requests were refused (to keep the generator meaningful).
        if (process.env['FUZZ_DEBUG'] && mutation === null && answer.status >= 400) options.log?.(`  ${answer.status} ${describe(wire).slice(0, 300)} → ${answer.text.slice(0, 300)}`);
        const why = judge(answer.status, answer.contentType, answer.text);
        if (why !== null) findings.push({ operationId: route.operationId, input: label, why, request: describe(wire), status: answer.status, response: excerpt(answer.text) });
        // A valid request that found its session ended (logout, enrolment): sign in afresh.
        if (answer.status === 401 && mutation?.kind !== 'auth' && route.audience !== 'public' && renewing === null) {
          renewing = session.renew().finally(() => (renewing = null));
        }
      });
      // A renewal started by the last answers must not outlive the route (nor the server).
      if (renewing !== null) await renewing;
      const counts = (t: Record<string, number>) => Object.entries(t).map(([status, n]) => `${status}×${n}`).join(' ');
      options.log?.(`${route.method.padEnd(6)} ${route.path.padEnd(50)} valid: ${counts(stats.valid).padEnd(30)} mutated: ${counts(stats.mutated)}`);
    }
  } finally {
    agent.destroy();
  }
  return { seed: options.seed, operations, requests, byStatus, routes, findings };
}

/** Options from FUZZ_SEED and FUZZ_RUNS (valid and mutated requests per operation, each). */
export function fuzzOptionsFromEnv(defaults: { seed: number; runs: number }): FuzzOptions {
  const seed = Number(process.env['FUZZ_SEED'] ?? defaults.seed);
  const runs = Number(process.env['FUZZ_RUNS'] ?? defaults.runs);
  if (!Number.isInteger(seed) || !Number.isInteger(runs) || runs < 1) throw new Error('FUZZ_SEED must be an integer and FUZZ_RUNS a positive integer');
  const only = process.env['FUZZ_ONLY'];
  return { seed, validRuns: runs, mutatedRuns: runs, ...(only ? { only: new RegExp(only) } : {}) };
}

/** The findings as a readable list (at most `max`), for a failing test or the fuzz script. */
export function formatFindings(report: FuzzReport, max = 20): string {
  const lines = report.findings.slice(0, max).map((f, i) => `${i + 1}. ${f.operationId} (${f.input}): ${f.why}\n   ${f.request}\n   → ${f.status} ${f.response}`);
  const more = report.findings.length > max ? `\n… and ${report.findings.length - max} more` : '';
  return `${report.findings.length} finding(s) in ${report.requests} requests, seed ${report.seed} (rerun with FUZZ_SEED=${report.seed}):\n${lines.join('\n')}${more}`;
}
