/**
 * PB7 — billing (issue 11, Benchmark), three parts on one runtime and HTTP app (pool 10):
 *
 *   1. Invoice list: `GET /v1/admin/invoices?limit=50` on the real HTTP app vs a bare node:http
 *      route in the same process that runs the repository's own list statement (captured from the
 *      adapter: the invoice columns, the lines and booking ids as JSON sub-selects, org filter,
 *      newest first, 51 rows), joined to the clients' name and email, on a plain pg.Pool as the
 *      owner, and answers the same JSON page. autocannon as PB1; target throughput ≥ 0.5×.
 *   2. Stripe webhook: `POST /v1/payments/stripe/webhook` at a fixed arrival rate
 *      (BENCH_PB7_RATE, 100 events/s) for BENCH_DURATION_S per rep, open loop from a worker
 *      thread, events signed with the Stripe SDK's test header helper (fake Stripe server): 85 %
 *      payment_intent.succeeded settling distinct issued invoices, 10 % re-deliveries of one of
 *      them, 5 % types we ignore. Target p99 send → 2xx ≤ 50 ms. Checked afterwards: every
 *      answer 200, every settled invoice PAID, no event failed. Interleaved with it, as a
 *      diagnostic without a target, a plain app's webhook on the same box at the same rate.
 *   3. Reconcile mismatch report: `GET /v1/admin/finance/reconcile/invoices?status=mismatch&limit=50`
 *      at BENCH_PB7_INVOICES (100k) invoices and ~100k payments vs a plain query that computes
 *      the same mismatch rule, page and total through pg. Sequential calls, interleaved; target
 *      median latency ours/plain ≤ 2×.
 * On a PostgreSQL server (TEST_DATABASE_URL): a scratch database. Otherwise PGlite, one
 * connection, 10k reconcile invoices, every verdict indicative only.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Session } from 'node:inspector/promises';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { createLogger, type Runtime } from '@cws/composition';
import type { EmailToSend, Mailer, RequestContext } from '@cws/core';
import { createKnex } from '@cws/adapter-postgres';
import { createHttpApp, startHttpServer, type RunningHttpServer } from '@cws/host-http';
import { embeddedTestDatabase, startFakeStripeServer, type FakeStripeServer } from '@cws/test-support';
import { LogSink } from './api-stack-setup.js';
import { analyse, type CpuProfile } from './cpu-profile.js';
import { benchOptions, type BenchOptions } from './bench-options.js';
import { billingOrg, insertIssuedInvoices, insertReconcileBooks } from './billing-seed.js';
import { basicAuthorization } from './host-env.js';
import { runLoad, threadCpuMs, type LoadResult } from './load.js';
import { benchRuntime, captureAdapterSql, latency, type Log } from './scheduling-bench-support.js';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database.js';
import { fmt, fmtSpread, majorityVerdict, median, spread, table, verdictLine, type BenchReport, type TargetResult, type Verdict } from './stats.js';
import { sendOpenLoop, type DeliveryResult, type SignedDelivery } from './webhook-sender.js';

export const PB7_LIST_TARGET = 0.5;
export const PB7_WEBHOOK_P99_TARGET_MS = 50;
export const PB7_RECONCILE_TARGET = 2;
const LIST_INVOICES = 2_000;
const PAGE = 50;
const WEBHOOK_PATH = '/v1/payments/stripe/webhook';

const tenantCtx = (orgId: string): RequestContext => ({ orgId, actor: { kind: 'system', id: 'bench-pb7', role: null }, requestId: `bench-pb7-${randomUUID()}`, now: new Date() });

interface Stack {
  readonly onServer: boolean;
  readonly scratch: ScratchDatabase | null;
  readonly runtime: Runtime;
  readonly owner: pg.Pool;
  readonly ownerUrl: string;
  readonly app: RunningHttpServer;
  readonly appLog: LogSink;
  readonly fake: FakeStripeServer;
  readonly poolSize: number;
  readonly orgIds: string[];
  close(): Promise<void>;
}

async function startStack(options: BenchOptions, log: Log): Promise<Stack> {
  const onServer = options.serverUrl !== null;
  const scratch = onServer ? await createScratchDatabase(options.serverUrl!, 'pb7') : null;
  const embedded = scratch === null ? await embeddedTestDatabase() : null;
  const ownerUrl = scratch?.url ?? embedded!.ownerConnectionString;
  const appUrl = scratch?.url ?? embedded!.connectionString;
  log(scratch !== null ? `  database: ${scratch.description}` : '  database: embedded PGlite (ONE session on this thread; every figure is indicative only)');
  const poolSize = onServer ? options.connections : 1;
  const owner = new pg.Pool({ connectionString: ownerUrl, max: poolSize, application_name: 'cws-bench-pb7-plain' });
  let closing = false;
  owner.on('error', (err) => {
    if (!closing) log(`  warning: plain pool connection lost: ${err.message}`);
  });
  const fake = await startFakeStripeServer();
  const appLog = new LogSink();
  const orgIds: string[] = [];
  let runtime: Runtime | null = null;
  let app: RunningHttpServer | null = null;
  const close = async () => {
    closing = true;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await app?.close();
    await runtime?.close();
    await fake.close();
    if (scratch === null) {
      for (const id of orgIds) await owner.query('delete from orgs where id = $1', [id]).catch((err: unknown) => log(`  warning: could not delete bench org ${id}: ${String(err)}`));
    }
    await owner.end();
    await scratch?.drop().catch((err: unknown) => log(`  warning: could not drop ${scratch.name}: ${String(err)}`));
  };
  try {
    // An email channel, as in production, so the webhook queues its receipts (nothing delivers
    // them here: no job host runs).
    const mailer: Mailer = { provider: 'bench-noop', send: async (_email: EmailToSend) => ({ providerMessageId: null }) };
    runtime = await benchRuntime(
      appUrl,
      { DATABASE_POOL_MAX: String(poolSize), STRIPE_SECRET_KEY: fake.secretKey, STRIPE_WEBHOOK_SECRET: fake.webhookSecret, STRIPE_API_BASE_URL: fake.baseUrl },
      { channels: { email: mailer } },
    );
    app = await startHttpServer(createHttpApp(runtime, { logger: createLogger(runtime.config, appLog) }), '127.0.0.1', 0);
    return { onServer, scratch, runtime, owner, ownerUrl, app, appLog, fake, poolSize, orgIds, close };
  } catch (err) {
    await close();
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// 1. Invoice list

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

/** A row of the plain statement as the API's invoice JSON (FULL view: the admin sees email and notes). */
function plainInvoiceJson(r: Record<string, any>) {
  const total = Number(r['total_cents']);
  const paid = Number(r['paid_cents']);
  return {
    id: r['id'],
    org_id: r['org_id'],
    number: r['number'],
    status: r['status'],
    currency: r['currency'],
    issue_date: r['issue_date'],
    due_date: r['due_date'],
    payment_terms_days: Number(r['payment_terms_days']),
    client: { id: r['client_id'], name: r['client_name'], email: r['client_email'] },
    booking_ids: r['booking_ids'],
    notes: r['notes'],
    lines: (r['lines'] as Array<Record<string, any>>).map((l) => ({
      id: l['id'],
      position: Number(l['position']),
      description: l['description'],
      quantity: Number(l['quantityMilli']) / 1000,
      unit_price_cents: Number(l['unitPriceCents']),
      tax_rate_basis: Number(l['taxRateBasis']),
      line_total_cents: Number(l['lineTotalCents']),
      line_tax_cents: Number(l['lineTaxCents']),
      booking_id: l['bookingId'] ?? null,
    })),
    subtotal_cents: Number(r['subtotal_cents']),
    taxable_subtotal_cents: Number(r['taxable_subtotal_cents']),
    tax_cents: Number(r['tax_cents']),
    tax_rate_basis: Number(r['tax_rate_basis']),
    total_cents: total,
    paid_cents: paid,
    outstanding_cents: r['status'] === 'VOID' ? 0 : Math.max(0, total - paid),
    credit_cents: Math.max(0, paid - total),
    sent_at: iso(r['sent_at']),
    paid_at: iso(r['paid_at']),
    voided_at: iso(r['voided_at']),
    void_reason: r['void_reason'],
    created_at: (r['created_at'] as Date).toISOString(),
    updated_at: (r['updated_at'] as Date).toISOString(),
  };
}

function plainPage(rows: ReadonlyArray<Record<string, any>>): string {
  const items = rows.slice(0, PAGE);
  const last = items[items.length - 1];
  const nextCursor =
    rows.length > PAGE && last !== undefined ? Buffer.from(JSON.stringify([(last['created_at'] as Date).toISOString(), last['id']]), 'utf8').toString('base64url') : null;
  return JSON.stringify({ items: items.map(plainInvoiceJson), next_cursor: nextCursor });
}

const FROM_INVOICES = ' FROM invoices i WHERE ';
const WITH_CLIENTS = ', c.name AS client_name, c.email AS client_email FROM invoices i LEFT JOIN clients c ON c.org_id = i.org_id AND c.id = i.client_id WHERE ';

/** The repository's list statement for the first page, as the adapter sends it, plus the clients join. */
async function plainListSql(stack: Stack, orgId: string): Promise<{ sql: string; bindings: unknown[] }> {
  const knex = createKnex({ connectionString: stack.ownerUrl, poolMax: 1, statementTimeoutMs: 0, applicationName: 'cws-bench-pb7-capture' });
  try {
    const captured = await captureAdapterSql(knex, tenantCtx(orgId), (repos) =>
      repos.invoices.list({ statuses: null, clientId: null, issuedFrom: null, issuedTo: null, after: null, limit: PAGE + 1 }),
    );
    if (captured.length !== 1) throw new Error(`PB7: the invoice list sent ${captured.length} statements, expected 1`);
    const { sql, bindings } = captured[0]!;
    if (sql.split(FROM_INVOICES).length !== 2) throw new Error(`PB7: the adapter's list statement changed shape; update the bench:\n${sql}`);
    return { sql: sql.replace(FROM_INVOICES, WITH_CLIENTS), bindings: [...bindings] };
  } finally {
    await knex.destroy();
  }
}

function startPlainServer(pool: pg.Pool, list: { sql: string; bindings: unknown[] }): Promise<{ server: Server; url: string }> {
  const send = (res: ServerResponse, status: number, body: string) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  const server = createServer((req, res) => {
    if (req.url !== '/invoices') return send(res, 404, '{"error":"not found"}');
    pool.query(list.sql, list.bindings).then(
      ({ rows }) => send(res, 200, plainPage(rows)),
      (err: unknown) => send(res, 500, JSON.stringify({ error: String(err) })),
    );
  });
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
  });
}

/** The first difference between two JSON values, as a path, or null. */
function firstDifference(a: unknown, b: unknown, path = '$'): string | null {
  if (typeof a !== typeof b || Array.isArray(a) !== Array.isArray(b) || (a === null) !== (b === null)) return `${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
  if (a !== null && typeof a === 'object') {
    const ka = Object.keys(a as object);
    const kb = Object.keys(b as object);
    if (ka.join() !== kb.join()) return `${path}: keys ${ka.join()} vs ${kb.join()}`;
    for (const k of ka) {
      const d = firstDifference((a as any)[k], (b as any)[k], `${path}.${k}`);
      if (d !== null) return d;
    }
    return null;
  }
  return a === b ? null : `${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
}

/**
 * With BENCH_PB7_PROFILE=1, runs `work` under the V8 sampling profiler (this thread: the server)
 * and prints where the CPU went, per package and the hottest project functions, per unit of work.
 */
async function profiled<T>(label: string, units: (result: T) => number, log: Log, work: () => Promise<T>): Promise<T> {
  if (process.env['BENCH_PB7_PROFILE'] !== '1') return work();
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
    const result = await work();
    const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
    const n = Math.max(1, units(result));
    const a = analyse(profile);
    const per = (ms: number) => fmt(ms / n, 3);
    log(`  profile of ${label} (server thread, ms per unit over ${fmt(n)} units; sampled ${fmt(a.sampledMs / n, 2)} ms each):`);
    log(table(['package (self time)', 'ms/unit'], a.byCategory.slice(0, 14).map(([k, ms]) => [k, per(ms)]), '    '));
    log(table(['project function (inclusive)', 'ms/unit'], a.projectInclusive.slice(0, 18).map(([k, ms]) => [k.slice(0, 110), per(ms)]), '    '));
    log(table(['hottest function (self)', 'ms/unit'], a.hottest.slice(0, 14).map(([k, ms]) => [k.slice(0, 110), per(ms)]), '    '));
    return result;
  } finally {
    session.disconnect();
  }
}

/**
 * BENCH_PB7_PROFILE=1: the statements the app sends (every pg client query in this process,
 * the app's pool included) while `work` handles `units` requests, counted and listed by text.
 */
async function countStatements(log: Log, work: () => Promise<unknown>, units: number): Promise<void> {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  const seen = new Map<string, number>();
  proto.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0] as string | { text?: string };
    const text = (typeof first === 'string' ? first : (first?.text ?? '?')).replace(/\s+/g, ' ').slice(0, 100);
    seen.set(text, (seen.get(text) ?? 0) + 1);
    return original.apply(this, args);
  };
  try {
    await work();
  } finally {
    proto.query = original;
  }
  const total = [...seen.values()].reduce((a, b) => a + b, 0);
  log(`  statements per request: ${fmt(total / units, 1)} (${total} over ${units} requests, each round trip one client query):`);
  log(table(['statement (first 100 characters)', 'per request'], [...seen.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => [k, fmt(n / units, 2)]), '    '));
}

interface PartResult {
  readonly targets: TargetResult[];
  readonly ratios: Array<{ name: string; value: string }>;
}

async function invoiceListPart(stack: Stack, options: BenchOptions, log: Log): Promise<PartResult> {
  log('');
  log(`PB7.1  invoice list: GET /v1/admin/invoices?limit=${PAGE} (real app) vs the repository's statement on a plain pg route`);
  const { orgId, clientIds } = await billingOrg(stack.runtime, 'list', 40);
  stack.orgIds.push(orgId);
  const t0 = performance.now();
  await insertIssuedInvoices(stack.runtime, orgId, clientIds, LIST_INVOICES);
  await stack.owner.query('ANALYZE invoices, invoice_items, invoice_bookings, clients');
  log(`  data: 1 org, 40 clients, ${fmt(LIST_INVOICES)} issued invoices of 3 lines (through repos.invoices.insert, ${fmt((performance.now() - t0) / 1000, 1)} s)`);

  const list = await plainListSql(stack, orgId);
  const plain = await startPlainServer(stack.owner, list);
  try {
    const api = { key: 'api', label: 'PB7 API', url: `${stack.app.url}/v1/admin/invoices?limit=${PAGE}`, headers: { authorization: basicAuthorization(), 'x-test-org': orgId } };
    const bare = { key: 'plain', label: 'plain pg', url: `${plain.url}/invoices`, headers: {} as Record<string, string> };
    const bodies = await Promise.all(
      [api, bare].map(async (r) => {
        const res = await fetch(r.url, { headers: r.headers });
        const text = await res.text();
        if (res.status !== 200) throw new Error(`PB7 probe: ${r.label} answered ${res.status}: ${text.slice(0, 500)}`);
        return JSON.parse(text) as { items: Array<{ id: string; lines: unknown[] }>; next_cursor: string | null };
      }),
    );
    const [a, b] = bodies as [(typeof bodies)[0], (typeof bodies)[0]];
    if (a.items.length !== PAGE || a.items.map((i) => i.id).join() !== b.items.map((i) => i.id).join()) throw new Error('PB7 probe: the API and the plain route returned different pages');
    if (a.items.some((i) => i.lines.length !== 3)) throw new Error('PB7 probe: an invoice came without its 3 lines');
    const diff = firstDifference(a, b);
    if (diff !== null) throw new Error(`PB7 probe: the plain route's JSON differs from the API's at ${diff}`);
    log(`  probe: both return the same ${PAGE} invoices with their lines, and the same JSON byte for byte in value (next_cursor included)`);
    log(
      `  load: autocannon in a worker thread, ${options.connections} connections; pools ${stack.poolSize} each; ${options.durationS} s per run after ${options.warmupS} s warm-up; ` +
        `${options.reps} reps in the order API plain`,
    );
    for (const r of [api, bare]) await runLoad({ url: r.url, headers: r.headers, connections: options.connections, durationS: options.warmupS });
    if (process.env['BENCH_PB7_PROFILE'] === '1') {
      await countStatements(log, async () => {
        for (let i = 0; i < 20; i++) await (await fetch(api.url, { headers: api.headers })).text();
      }, 20);
    }
    const results: Record<'api' | 'plain', LoadResult[]> = { api: [], plain: [] };
    const rows: string[][] = [];
    for (let rep = 1; rep <= options.reps; rep++) {
      for (const r of [api, bare]) {
        const load = () => runLoad({ url: r.url, headers: r.headers, connections: options.connections, durationS: options.durationS });
        const x = rep === 1 ? await profiled(`${r.label} rep 1`, (l) => l.requests, log, load) : await load();
        results[r.key as 'api' | 'plain'].push(x);
        rows.push([String(rep), r.label, fmt(x.rps), fmt(x.p50), fmt(x.p99), fmt(x.elu * 100), fmt(x.cpuMsPerRequest, 2), x.machineCores === null ? 'n/a' : fmt(x.machineCores, 2)]);
      }
    }
    log('');
    log(table(['rep', 'route', 'req/s', 'p50 ms', 'p99 ms', 'server thread busy %', 'server thread CPU ms/req', 'machine cores busy'], rows));
    const ratios = results.api.map((x, i) => x.rps / results.plain[i]!.rps);
    const cpuRatios = results.api.map((x, i) => x.cpuMsPerRequest / results.plain[i]!.cpuMsPerRequest);
    const perRep: Verdict[] = ratios.map((x) => (x >= PB7_LIST_TARGET ? 'PASS' : 'MISS'));
    log('');
    log(table(['rep', 'throughput API/plain', 'CPU ms/req API/plain', `≥ ${PB7_LIST_TARGET}`], ratios.map((x, i) => [String(i + 1), fmt(x, 3), fmt(cpuRatios[i]!, 2), perRep[i]!])));
    const tr = spread(ratios);
    log(`  API    req/s ${fmtSpread(spread(results.api.map((x) => x.rps)))}; CPU ${fmtSpread(spread(results.api.map((x) => x.cpuMsPerRequest)), 2, ' ms/req')}`);
    log(`  plain  req/s ${fmtSpread(spread(results.plain.map((x) => x.rps)))}; CPU ${fmtSpread(spread(results.plain.map((x) => x.cpuMsPerRequest)), 2, ' ms/req')}`);
    log(`  throughput API/plain ${fmtSpread(tr, 2)}`);
    const target: TargetResult = {
      bench: 'PB7',
      name: `invoice list throughput(API)/throughput(plain) ≥ ${PB7_LIST_TARGET}${stack.onServer ? '' : ' [PGlite: indicative only]'}`,
      verdict: majorityVerdict(perRep),
      detail: `median ${fmt(tr.median, 2)} (${fmt(tr.min, 2)}–${fmt(tr.max, 2)}), missed in ${perRep.filter((v) => v !== 'PASS').length}/${perRep.length} reps; CPU ms/req ${fmt(median(results.api.map((x) => x.cpuMsPerRequest)), 2)} vs ${fmt(median(results.plain.map((x) => x.cpuMsPerRequest)), 2)}`,
    };
    log(verdictLine(target));
    return {
      targets: [target],
      ratios: [
        { name: 'PB7 invoice list throughput API/plain', value: `${fmt(tr.median, 2)} (${fmt(tr.min, 2)}–${fmt(tr.max, 2)})` },
        { name: 'PB7 invoice list req/s API | plain', value: `${fmt(median(results.api.map((x) => x.rps)))} | ${fmt(median(results.plain.map((x) => x.rps)))}` },
        {
          name: 'PB7 invoice list CPU ms/req API | plain',
          value: `${fmt(median(results.api.map((x) => x.cpuMsPerRequest)), 2)} | ${fmt(median(results.plain.map((x) => x.cpuMsPerRequest)), 2)}`,
        },
      ],
    };
  } finally {
    await new Promise((resolve) => setTimeout(resolve, 500));
    await new Promise<void>((resolve) => {
      plain.server.close(() => resolve());
      plain.server.closeAllConnections();
    });
  }
}

// ---------------------------------------------------------------------------------------------
// 2. Webhook

interface WebhookEvent extends SignedDelivery {
  readonly kind: 'settle' | 'duplicate' | 'ignored' | 'foreign';
  readonly invoiceId: string | null;
}

/**
 * The events of one rep, signed now: of every 20, 17 settle the next unused invoice, 2 deliver
 * again an event of this rep sent 5–40 events earlier (Stripe retries and double sends), one is
 * a type we do not act on (payment_intent.created with our metadata: stored as ignored; or
 * customer.created naming no org: acknowledged only).
 */
function repEvents(fake: FakeStripeServer, orgId: string, invoices: Array<{ id: string; totalCents: number }>, count: number, seed: number): WebhookEvent[] {
  const events: WebhookEvent[] = [];
  for (let i = 0; i < count; i++) {
    const slot = (i + seed) % 20;
    const earlier = events.filter((e) => e.kind === 'settle');
    if ((slot === 6 || slot === 15) && earlier.length > 5) {
      const again = earlier[Math.max(0, earlier.length - 5 - ((i * 7) % 35))]!;
      events.push({ ...again, kind: 'duplicate' });
      continue;
    }
    if (slot === 11) {
      if (i % 2 === 0) {
        const intent = fake.createPaymentIntent({ amount: 5_000, currency: 'usd', status: 'requires_payment_method', metadata: { org_id: orgId, invoice_id: '', booking_id: '', purpose: 'invoice_balance' } });
        const s = fake.signedEvent('payment_intent.created', intent);
        events.push({ payload: s.payload, header: s.header, kind: 'ignored', invoiceId: null });
      } else {
        const s = fake.signedEvent('customer.created', { id: `cus_bench${i}`, object: 'customer', email: null, metadata: {} });
        events.push({ payload: s.payload, header: s.header, kind: 'foreign', invoiceId: null });
      }
      continue;
    }
    const invoice = invoices.shift();
    if (invoice === undefined) throw new Error('PB7: ran out of invoices to settle');
    const intent = fake.createPaymentIntent({ amount: invoice.totalCents, currency: 'usd', metadata: { org_id: orgId, invoice_id: invoice.id, booking_id: '', purpose: 'invoice_balance' } });
    const s = fake.signedEvent('payment_intent.succeeded', intent);
    events.push({ payload: s.payload, header: s.header, kind: 'settle', invoiceId: invoice.id });
  }
  return events;
}

/**
 * Diagnostic for the webhook (no target): what a plain app's webhook does at the least, on the
 * owner's pool: the Stripe signature checked by hand as the SDK does (HMAC-SHA256 of
 * `t.payload`, 300 s tolerance), then one transaction of separate statements — BEGIN, the event
 * row (ON CONFLICT DO NOTHING: a re-delivery stops there), the invoice FOR UPDATE, the payment,
 * the invoice's paid and status, COMMIT. No audit, no receipt, no RLS. It tells what this box
 * gives any webhook at the same rate at the same time.
 */
function startPlainWebhookServer(pool: pg.Pool, secret: string): Promise<{ server: Server; url: string }> {
  const send = (res: ServerResponse, status: number, body: string) => {
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  const verified = (payload: string, header: string): boolean => {
    const parts = new Map<string, string[]>();
    for (const item of header.split(',')) {
      const [k, v] = item.split('=', 2) as [string, string | undefined];
      if (v !== undefined) parts.set(k, [...(parts.get(k) ?? []), v]);
    }
    const t = Number(parts.get('t')?.[0]);
    if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > 300) return false;
    const expected = createHmac('sha256', secret).update(`${t}.${payload}`, 'utf8').digest();
    return (parts.get('v1') ?? []).some((sig) => {
      const given = Buffer.from(sig, 'hex');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const payload = Buffer.concat(chunks).toString('utf8');
    if (!verified(payload, String(req.headers['stripe-signature'] ?? ''))) return send(res, 400, '{"error":"bad signature"}');
    const event = JSON.parse(payload) as { id: string; type: string; created: number; data: { object: { id: string; amount?: number; currency?: string; metadata?: Record<string, string> } } };
    const object = event.data.object;
    const orgId = object.metadata?.['org_id'] ?? '';
    const invoiceId = object.metadata?.['invoice_id'] || null;
    if (orgId === '') return send(res, 200, '{"received":true}');
    const settles = event.type === 'payment_intent.succeeded' && invoiceId !== null;
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const fresh = await client.query(
        `INSERT INTO stripe_events (event_id, org_id, type, invoice_id, processed_status, created_at, received_at, processed_at)
         VALUES ($1, $2, $3, $4, $5, to_timestamp($6), now(), now()) ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
        [event.id, orgId, event.type, invoiceId, settles ? 'processed' : 'ignored', event.created],
      );
      if (fresh.rowCount === 1 && settles) {
        const inv = await client.query<{ client_id: string; currency: string }>('SELECT client_id, currency FROM invoices WHERE org_id = $1 AND id = $2 FOR UPDATE', [orgId, invoiceId]);
        const row = inv.rows[0];
        if (row === undefined || row.currency.toLowerCase() !== object.currency) throw new Error(`plain webhook: no invoice ${invoiceId} in ${object.currency}`);
        await client.query(
          `INSERT INTO invoice_payments (org_id, id, invoice_id, client_id, provider, method, purpose, status, amount_cents, currency, provider_reference, received_at, provider_updated_at, recorded_by)
           VALUES ($1, gen_random_uuid(), $2, $3, 'stripe', 'card', 'balance', 'succeeded', $4, $5, $6, now(), to_timestamp($7), 'stripe-webhook')`,
          [orgId, invoiceId, row.client_id, object.amount, row.currency, object.id, event.created],
        );
        await client.query(
          `UPDATE invoices SET paid_cents = paid_cents + $3, updated_at = now(),
                  status = CASE WHEN paid_cents + $3 >= total_cents THEN 'PAID' ELSE 'PARTIAL' END,
                  paid_at = CASE WHEN paid_cents + $3 >= total_cents THEN now() ELSE paid_at END
            WHERE org_id = $1 AND id = $2`,
          [orgId, invoiceId, object.amount],
        );
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
    return send(res, 200, '{"received":true}');
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => send(res, 500, JSON.stringify({ error: String(err) })));
  });
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook` }));
  });
}

async function webhookPart(stack: Stack, options: BenchOptions, log: Log): Promise<PartResult> {
  const rate = options.pb7Rate;
  log('');
  log(`PB7.2  Stripe webhook: POST ${WEBHOOK_PATH} at ${rate} events/s, open loop, ${options.durationS} s per rep after a ${options.warmupS} s warm-up`);
  const perRep = rate * options.durationS;
  const warm = rate * options.warmupS;
  const needed = Math.ceil(((warm + perRep * options.reps) * 17) / 20) + 50;
  // Ours and the plain diagnostic each settle the invoices of their own org.
  interface Side {
    readonly key: 'ours' | 'plain';
    readonly orgId: string;
    readonly invoices: Array<{ id: string; totalCents: number }>;
    readonly all: WebhookEvent[];
    readonly reps: DeliveryResult[][];
  }
  const sides: Side[] = [];
  for (const key of ['ours', 'plain'] as const) {
    const { orgId, clientIds } = await billingOrg(stack.runtime, key === 'ours' ? 'webhook' : 'webhook-plain', 40);
    stack.orgIds.push(orgId);
    const invoices = (await insertIssuedInvoices(stack.runtime, orgId, clientIds, needed)).map((i) => ({ id: i.id, totalCents: i.totalCents }));
    sides.push({ key, orgId, invoices, all: [], reps: [] });
  }
  await stack.owner.query('ANALYZE invoices, invoice_items, clients');
  const plainServer = await startPlainWebhookServer(stack.owner, stack.fake.webhookSecret);
  log(
    `  data: 2 orgs (ours, plain) of ${fmt(needed)} issued invoices (3 lines each); each rep: ${fmt(perRep)} events, of every 20: 17 settle a new invoice, 2 re-deliver one, 1 ignored type; ` +
      `reps in the order ours plain; plain = a plain app's webhook (diagnostic, no target: signature, event row, payment, invoice, one transaction)`,
  );
  const urls = { ours: `${stack.app.url}${WEBHOOK_PATH}`, plain: plainServer.url };
  const run = async (side: Side, count: number, seed: number) => {
    const events = repEvents(stack.fake, side.orgId, side.invoices, count, seed);
    side.all.push(...events);
    const results = await sendOpenLoop(urls[side.key], events, rate);
    const failed = results.filter((r) => r.status < 200 || r.status >= 300 || r.error !== null);
    if (failed.length > 0) {
      if (stack.appLog.failures.length > 0) log(`  app log lines of failing requests:\n    ${stack.appLog.failures.join('\n    ')}`);
      throw new Error(`PB7 webhook (${side.key}): ${failed.length} of ${results.length} events not answered 2xx, e.g. ${failed[0]!.status} ${failed[0]!.error}; a benchmark of failing requests means nothing`);
    }
    return results;
  };
  const [ours, plain] = sides as [Side, Side];
  const rows: string[][] = [];
  try {
    for (const side of sides) await run(side, warm, 0);
    if (process.env['BENCH_PB7_PROFILE'] === '1') await countStatements(log, () => run(ours, 20, 1), 20);
    for (let rep = 1; rep <= options.reps; rep++) {
      for (const side of sides) {
        const before = process.hrtime.bigint();
        const cpuBefore = threadCpuMs();
        const results =
          rep === 1 && side.key === 'ours' ? await profiled('webhook rep 1', (r) => r.length, log, () => run(side, perRep, rep * 3)) : await run(side, perRep, rep * 3);
        const cpuAfter = threadCpuMs();
        const wallS = Number(process.hrtime.bigint() - before) / 1e9;
        const cpuPerEvent = cpuBefore === null || cpuAfter === null ? Number.NaN : (cpuAfter - cpuBefore) / results.length;
        side.reps.push(results);
        const l = latency(results.map((r) => r.ms));
        const s = latency(results.map((r) => r.fromScheduleMs));
        const verdict = side.key === 'plain' ? '' : l.p99 <= PB7_WEBHOOK_P99_TARGET_MS ? 'PASS' : 'MISS';
        rows.push([String(rep), side.key, fmt(results.length), fmt(results.length / wallS, 0), fmt(l.p50, 1), fmt(l.p95, 1), fmt(l.p99, 1), fmt(l.max, 1), fmt(s.p99, 1), fmt(cpuPerEvent, 2), verdict]);
      }
    }
  } finally {
    await new Promise<void>((resolve) => {
      plainServer.server.close(() => resolve());
      plainServer.server.closeAllConnections();
    });
  }
  log('');
  log(table(['rep', 'webhook', 'events', 'answered/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'p99 from schedule', 'server thread CPU ms/event', `p99 ≤ ${PB7_WEBHOOK_P99_TARGET_MS}`], rows));

  // The books after: every settled invoice PAID with its total, one processed event each, none failed.
  const books = async (side: Side) => {
    const settled = [...new Set(side.all.filter((e) => e.kind === 'settle').map((e) => e.invoiceId!))];
    const check = await stack.owner.query<{ paid: number; payments: number; processed: number; ignored: number; failed: number; other: number; receipts: number }>(
      `SELECT (SELECT count(*)::int FROM outbox_events WHERE org_id = $1 AND dedupe_key LIKE 'invoice:%:receipt:%') AS receipts,
              (SELECT count(*)::int FROM invoices WHERE org_id = $1 AND id = ANY($2::uuid[]) AND status = 'PAID' AND paid_cents = total_cents) AS paid,
              (SELECT count(*)::int FROM invoice_payments WHERE org_id = $1 AND invoice_id = ANY($2::uuid[]) AND status = 'succeeded') AS payments,
              count(*) FILTER (WHERE processed_status = 'processed')::int AS processed,
              count(*) FILTER (WHERE processed_status = 'ignored')::int AS ignored,
              count(*) FILTER (WHERE processed_status = 'failed')::int AS failed,
              count(*) FILTER (WHERE processed_status NOT IN ('processed', 'ignored', 'failed'))::int AS other
         FROM stripe_events WHERE org_id = $1`,
      [side.orgId, settled],
    );
    const c = check.rows[0]!;
    const ignoredSent = side.all.filter((e) => e.kind === 'ignored').length;
    // The plain webhook queues no receipts.
    const receiptsWanted = side.key === 'ours' ? settled.length : 0;
    const ok = c.receipts === receiptsWanted && c.paid === settled.length && c.payments === settled.length && c.processed === settled.length && c.ignored === ignoredSent && c.failed === 0 && c.other === 0;
    log(
      `  after (${side.key}): ${fmt(c.paid)} of ${fmt(settled.length)} settled invoices PAID, ${fmt(c.payments)} payments, ${fmt(c.receipts)} receipts queued; stripe_events: ${fmt(c.processed)} processed, ${fmt(c.ignored)} ignored ` +
        `(${ignoredSent} sent), ${c.failed} failed, ${c.other} other; ${side.all.filter((e) => e.kind === 'duplicate').length} re-deliveries, ${side.all.filter((e) => e.kind === 'foreign').length} for no org`,
    );
    return { ok, c, settled: settled.length };
  };
  const mine = await books(ours);
  const theirs = await books(plain);
  const p99 = (side: Side) => side.reps.map((r) => latency(r.map((x) => x.ms)).p99);
  const p99s = p99(ours);
  const verdicts: Verdict[] = p99s.map((p) => (p <= PB7_WEBHOOK_P99_TARGET_MS ? 'PASS' : 'MISS'));
  const p = spread(p99s);
  const pp = spread(p99(plain));
  log(`  plain webhook (diagnostic) p99 ${fmtSpread(pp, 1, ' ms')}`);
  const targets: TargetResult[] = [
    {
      bench: 'PB7',
      name: `webhook p99 send → 2xx ≤ ${PB7_WEBHOOK_P99_TARGET_MS} ms at ${rate} events/s${stack.onServer ? '' : ' [PGlite: indicative only]'}`,
      verdict: majorityVerdict(verdicts),
      detail: `median ${fmt(p.median, 1)} ms (${fmt(p.min, 1)}–${fmt(p.max, 1)}), missed in ${verdicts.filter((v) => v !== 'PASS').length}/${verdicts.length} reps; plain webhook (diagnostic) p99 ${fmt(pp.median, 1)} ms (${fmt(pp.min, 1)}–${fmt(pp.max, 1)})`,
    },
    {
      bench: 'PB7',
      name: 'webhook books afterwards (every settled invoice PAID, one payment, one receipt and one processed event each, none failed)',
      verdict: mine.ok && theirs.ok ? 'PASS' : 'FAIL',
      detail: `ours ${mine.c.paid}/${mine.settled} PAID, ${mine.c.processed} processed, ${mine.c.failed} failed; plain ${theirs.c.paid}/${theirs.settled} PAID`,
    },
  ];
  for (const t of targets) log(verdictLine(t));
  const p50 = (side: Side) => fmt(median(side.reps.map((r) => latency(r.map((x) => x.ms)).p50)), 1);
  return {
    targets,
    ratios: [
      { name: `PB7 webhook p99 at ${rate}/s (ms)`, value: `${fmt(p.median, 1)} (${fmt(p.min, 1)}–${fmt(p.max, 1)})` },
      { name: `PB7 plain webhook p99 at ${rate}/s (ms, diagnostic)`, value: `${fmt(pp.median, 1)} (${fmt(pp.min, 1)}–${fmt(pp.max, 1)})` },
      { name: 'PB7 webhook p50 ours | plain (ms)', value: `${p50(ours)} | ${p50(plain)}` },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// 3. Reconcile mismatch report

/**
 * The plain app's query for the same answer: per invoice, its payments' count, succeeded count,
 * last arrival and settled sum (tips excluded, refunds subtracted), joined to the org's issued
 * invoices, the mismatch rule (stored paid ≠ settled, or status ≠ the one the settled sum gives on
 * the org's today), newest first, 50, with the total as a window count. The org's today comes
 * from its zone in the same statement.
 */
export const PLAIN_RECONCILE_SQL = `
WITH settled AS (
  SELECT p.invoice_id,
         count(*) AS payment_count,
         count(*) FILTER (WHERE p.status IN ('succeeded', 'refunded')) AS succeeded_count,
         max(coalesce(p.received_at, p.created_at)) AS last_payment_at,
         coalesce(sum(p.amount_cents - p.refunded_cents) FILTER (WHERE p.purpose <> 'tip' AND p.status IN ('succeeded', 'refunded')), 0) AS settled_cents
    FROM invoice_payments p
   WHERE p.org_id = $1 AND p.invoice_id IS NOT NULL
   GROUP BY p.invoice_id
), today AS (
  SELECT (now() AT TIME ZONE s.time_zone)::date AS d FROM org_settings s WHERE s.org_id = $1
), books AS (
  SELECT i.id, i.number, i.status, i.currency, i.due_date, i.total_cents, i.paid_cents, i.created_at,
         coalesce(s.settled_cents, 0) AS settled_cents, coalesce(s.payment_count, 0) AS payment_count,
         coalesce(s.succeeded_count, 0) AS succeeded_count, s.last_payment_at,
         CASE WHEN coalesce(s.settled_cents, 0) >= i.total_cents THEN 'PAID'
              WHEN coalesce(s.settled_cents, 0) > 0 THEN 'PARTIAL'
              WHEN i.due_date < (SELECT d FROM today) THEN 'OVERDUE' ELSE 'SENT' END AS due_status
    FROM invoices i LEFT JOIN settled s ON s.invoice_id = i.id
   WHERE i.org_id = $1 AND i.status NOT IN ('DRAFT', 'VOID')
)
SELECT id, number, status, currency, to_char(due_date, 'YYYY-MM-DD') AS due_date, total_cents, paid_cents, settled_cents,
       payment_count, succeeded_count, last_payment_at, count(*) OVER () AS total
  FROM books
 WHERE paid_cents <> settled_cents OR status <> due_status
 ORDER BY created_at DESC, id DESC
 LIMIT $2`;

async function reconcilePart(stack: Stack, options: BenchOptions, log: Log): Promise<PartResult> {
  const size = stack.onServer ? options.pb7Invoices : Math.min(options.pb7Invoices, 10_000);
  log('');
  log(`PB7.3  reconcile mismatch report: GET /v1/admin/finance/reconcile/invoices?status=mismatch&limit=${PAGE} vs a plain query, ${fmt(size)} invoices`);
  const { orgId, clientIds } = await billingOrg(stack.runtime, 'reconcile', 200);
  stack.orgIds.push(orgId);
  const t0 = performance.now();
  const seed = await insertReconcileBooks(stack.owner, orgId, clientIds, size);
  const url = `${stack.app.url}/v1/admin/finance/reconcile/invoices?status=mismatch&limit=${PAGE}`;
  const headers = { authorization: basicAuthorization(), 'x-test-org': orgId };
  const ours = async () => {
    const res = await fetch(url, { headers });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`PB7 reconcile: the API answered ${res.status}: ${text.slice(0, 500)}`);
    return JSON.parse(text) as { items: Array<{ invoice_id: string; mismatch: boolean; settled_cents: number }>; total: number };
  };
  const plain = async () => {
    const { rows } = await stack.owner.query(PLAIN_RECONCILE_SQL, [orgId, PAGE]);
    return { ids: rows.map((r: { id: string }) => r.id), total: rows.length === 0 ? 0 : Number(rows[0].total), body: JSON.stringify(rows) };
  };
  const a = await ours();
  const b = await plain();
  log(`  data: ${fmt(seed.invoices)} invoices (1 line each) and ${fmt(seed.payments)} payments in one org, 200 clients, bulk SQL (${fmt((performance.now() - t0) / 1000, 1)} s); ${fmt(a.total)} mismatches`);
  if (a.total === 0 || a.items.length !== Math.min(PAGE, a.total) || a.total !== b.total || a.items.map((i) => i.invoice_id).join() !== b.ids.join() || a.items.some((i) => !i.mismatch)) {
    throw new Error(`PB7 reconcile probe: the API (${a.total} mismatches, ${a.items.length} rows) and the plain query (${b.total}, ${b.ids.length}) disagree`);
  }
  log(`  probe: both find the same ${fmt(a.total)} mismatches and the same first ${PAGE} ids`);
  const runs = options.pb7Runs;
  log(`  method: one caller; ${runs} calls per variant per rep, alternating (ours over HTTP, plain on pg), after 3 warm-up calls each`);
  for (let i = 0; i < 3; i++) {
    await ours();
    await plain();
  }
  const timed = async (f: () => Promise<unknown>) => {
    const s = performance.now();
    await f();
    return performance.now() - s;
  };
  const rows: string[][] = [];
  const ratios: number[] = [];
  const oursP50: number[] = [];
  const plainP50: number[] = [];
  for (let rep = 1; rep <= options.reps; rep++) {
    const o: number[] = [];
    const p: number[] = [];
    for (let i = 0; i < runs; i++) {
      if (i % 2 === 0) {
        o.push(await timed(ours));
        p.push(await timed(plain));
      } else {
        p.push(await timed(plain));
        o.push(await timed(ours));
      }
    }
    const lo = latency(o);
    const lp = latency(p);
    ratios.push(lo.p50 / lp.p50);
    oursP50.push(lo.p50);
    plainP50.push(lp.p50);
    rows.push([String(rep), fmt(lo.p50, 1), fmt(lo.p95, 1), fmt(lp.p50, 1), fmt(lp.p95, 1), fmt(lo.p50 / lp.p50, 2), lo.p50 / lp.p50 <= PB7_RECONCILE_TARGET ? 'PASS' : 'MISS']);
  }
  log('');
  log(table(['rep', 'ours p50 ms', 'ours p95 ms', 'plain p50 ms', 'plain p95 ms', 'ours/plain p50', `≤ ${PB7_RECONCILE_TARGET}×`], rows));
  const r = spread(ratios);
  const verdicts: Verdict[] = ratios.map((x) => (x <= PB7_RECONCILE_TARGET ? 'PASS' : 'MISS'));
  const target: TargetResult = {
    bench: 'PB7',
    name: `reconcile mismatch report latency ours/plain ≤ ${PB7_RECONCILE_TARGET}× at ${fmt(size)} invoices${stack.onServer ? '' : ' [PGlite: indicative only]'}`,
    verdict: majorityVerdict(verdicts),
    detail: `median ${fmt(r.median, 2)}× (${fmt(r.min, 2)}–${fmt(r.max, 2)}): ${fmt(median(oursP50), 1)} ms vs ${fmt(median(plainP50), 1)} ms, missed in ${verdicts.filter((v) => v !== 'PASS').length}/${verdicts.length} reps`,
  };
  log(verdictLine(target));
  return {
    targets: [target],
    ratios: [
      { name: 'PB7 reconcile mismatch report ours/plain p50', value: `${fmt(r.median, 2)} (${fmt(r.min, 2)}–${fmt(r.max, 2)})` },
      { name: 'PB7 reconcile p50 ms ours | plain', value: `${fmt(median(oursP50), 1)} | ${fmt(median(plainP50), 1)}` },
    ],
  };
}

export async function runBillingBench(options: BenchOptions, log: Log = console.log): Promise<BenchReport> {
  log('PB7  billing: invoice list, Stripe webhook at a fixed rate, reconcile mismatch report');
  const stack = await startStack(options, log);
  try {
    if (!stack.onServer) log('  PGlite caveat: one session on this process’s main thread serialises both sides; the figures say little about a server');
    const parts = [await invoiceListPart(stack, options, log), await webhookPart(stack, options, log), await reconcilePart(stack, options, log)];
    return { bench: 'PB7', targets: parts.flatMap((p) => p.targets), ratios: parts.flatMap((p) => p.ratios) };
  } catch (err) {
    if (stack.appLog.failures.length > 0) log(`  app log lines of failing requests:\n    ${stack.appLog.failures.join('\n    ')}`);
    throw err;
  } finally {
    await stack.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runBillingBench({ ...benchOptions(), only: ['PB7'] }).then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
