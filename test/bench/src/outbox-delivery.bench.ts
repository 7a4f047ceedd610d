/**
 * PB3 — outbox delivery (ADR 20), on a PostgreSQL server.
 *
 * Part 1, throughput and drain time. Each rep refills a backlog of BENCH_PB3_EVENTS (10,000)
 * email events over PB3_ORGS orgs (the table emptied first, so every rep starts alike), then one
 * variant drains it; the variants take turns in rotating order:
 *   ours   `runtime.core.outbox.deliver.execute(sys)` — the real deliverer through the real
 *          adapters (scanner function, one tenant transaction to claim and one to record every
 *          outcome per org batch of 50, sender lookup, rendering, circuit breaker, attempt rows),
 *          with a mailer whose send resolves at once;
 *   plain  (the baseline) what an app without our feature does, on one pg client as the table
 *          owner: BEGIN; SELECT … FOR UPDATE SKIP LOCKED LIMIT 50; the same no-op sends; one
 *          UPDATE marking the batch sent; COMMIT. The least a correct app does: a crash rolls the
 *          batch back, so nothing is lost, and the locks keep other claimers off meanwhile;
 *   lease  (diagnostic, no target) the plain loop with our lease instead: claim and mark
 *          `sending` under a token in one autocommit statement, send, mark `sent` in a second
 *          one guarded by the token. It shows what is the lease and what is the rest.
 * Reported: events per second per variant, ours/plain (target ≥ 0.5×) and ours/lease, and the
 * drain time of the backlog by ours.
 *
 * Part 2, latency on an otherwise idle system: the job host's pump (`startOutboxPump`, woken by
 * the server's LISTEN/NOTIFY) delivers while a producer enqueues BENCH_PB3_RATE (200) events per
 * second for BENCH_PB3_LATENCY_S (20) s, one event per tenant unit of work as a use case writes
 * it, spread over the orgs. Latency of an event = the mailer's receive time − the moment its unit
 * of work started (both in this process); also sent_at − created_at from the rows. Target: p95
 * ≤ 100 ms in a majority of reps.
 *
 * BENCH_PB3_PROFILE=1 adds, for the first rep of part 1, each variant's CPU per batch (this
 * process; the database backends, from /proc) and WAL, and ours' store calls; `v8` also writes
 * a V8 profile of this thread while ours drains.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'node:inspector/promises';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import type { Runtime } from '@cws/composition';
import { createLogger } from '@cws/composition';
import { systemActor, type EmailToSend, type Mailer, type OutboxPayload, type RequestContext, type SystemContext } from '@cws/core';
import { defaultPollMs, startOutboxPump } from '@cws/host-jobs';
import { benchOptions, type BenchOptions } from './bench-options.js';
import { analyse, type CpuProfile } from './cpu-profile.js';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database.js';
import { benchRuntime, latency, type Latency, type Log } from './scheduling-bench-support.js';
import { fmt, fmtSpread, majorityVerdict, median, spread, table, verdictLine, type BenchReport, type TargetResult, type Verdict } from './stats.js';

export const PB3_THROUGHPUT_TARGET = 0.5;
export const PB3_P95_TARGET_MS = 100;
const PB3_ORGS = 10;
const BATCH = 50;
const WARMUP_EVENTS = 1_000;

type VariantKey = 'ours' | 'plain' | 'lease';

/** A mailer that accepts every message at once and tells who listens when it did. */
class NoopMailer implements Mailer {
  readonly provider = 'bench-noop';
  received = 0;
  onSend: ((email: EmailToSend, atMs: number) => void) | null = null;

  async send(email: EmailToSend): Promise<{ providerMessageId: string | null }> {
    this.received += 1;
    this.onSend?.(email, performance.now());
    return { providerMessageId: null };
  }
}

interface Setup {
  readonly scratch: ScratchDatabase;
  readonly runtime: Runtime;
  readonly mailer: NoopMailer;
  /** The table owner, for fills, checks and the baselines. */
  readonly owner: pg.Pool;
  readonly orgIds: readonly string[];
  /** The payload of a real enqueued booking confirmation, copied into every backlog row. */
  readonly payload: OutboxPayload;
}

const systemContext = (): SystemContext => ({
  actor: systemActor('job:outbox-delivery'),
  requestId: `bench-pb3-${randomUUID()}`,
  now: new Date(),
  reason: 'PB3 benchmark: deliver the backlog',
});

const staffContext = (orgId: string): RequestContext => ({
  orgId,
  actor: { kind: 'staff', id: 'basic:bench-admin', role: 'admin' },
  requestId: `bench-pb3-${randomUUID()}`,
  now: new Date(),
});

/** One event in its own tenant unit of work, as `enqueueMessage` writes it (no notification switch, no secret). */
async function enqueueOne(runtime: Runtime, orgId: string, id: string): Promise<void> {
  const ctx = staffContext(orgId);
  const bookingId = randomUUID();
  await runtime.ports.uow.run(ctx, (repos) =>
    repos.outbox.enqueue({
      id,
      orgId,
      dedupeKey: `booking:${bookingId}:confirmed`,
      createdAt: ctx.now,
      payload: {
        kind: 'email',
        message: {
          template: 'booking_confirmed',
          to: `client-${bookingId.slice(0, 8)}@example.test`,
          toName: 'Bench Client',
          data: {
            bookingId,
            recipientName: 'Bench Client',
            serviceName: 'Standard clean',
            startsAt: '2026-12-08T09:00:00.000Z',
            endsAt: '2026-12-08T11:00:00.000Z',
            timeZone: null,
            address: '1 Bench Street',
          },
          sealedSecret: null,
        },
      },
    }),
  );
}

async function setUp(serverUrl: string, log: Log): Promise<Setup> {
  const scratch = await createScratchDatabase(serverUrl, 'pb3');
  const owner = new pg.Pool({ connectionString: scratch.url, max: 2, application_name: 'cws-bench-pb3-owner' });
  owner.on('error', () => {});
  const mailer = new NoopMailer();
  let runtime: Runtime | null = null;
  try {
    // EMAIL_MODE stays off: the channel is the no-op mailer handed to the container.
    runtime = await benchRuntime(scratch.url, {}, { channels: { email: mailer } });
    const orgIds: string[] = [];
    for (let i = 0; i < PB3_ORGS; i++) {
      const orgId = randomUUID();
      await runtime.core.orgs.create.execute(
        { actor: { kind: 'system', id: 'bench', role: null }, requestId: `bench-pb3-org-${i}`, now: new Date(), reason: 'PB3 benchmark org' },
        { id: orgId, name: `Bench PB3 ${i}`, slug: `bench-pb3-${orgId.slice(0, 8)}` },
      );
      orgIds.push(orgId);
    }
    const first = randomUUID();
    await enqueueOne(runtime, orgIds[0]!, first);
    const row = await owner.query<{ payload: OutboxPayload }>('SELECT payload FROM outbox_events WHERE id = $1', [first]);
    const setup = { scratch, runtime, mailer, owner, orgIds, payload: row.rows[0]!.payload };
    const sc = await owner.query("SELECT current_setting('synchronous_commit') AS sc, current_setting('server_version') AS v");
    log(`  ${scratch.description}`);
    log(`  PostgreSQL ${sc.rows[0].v}, synchronous_commit=${sc.rows[0].sc}; ${PB3_ORGS} orgs; batch ${BATCH}; app pool ${runtime.config.database.poolMax}`);
    return setup;
  } catch (err) {
    await runtime?.close().catch(() => {});
    await owner.end().catch(() => {});
    await scratch.drop().catch(() => {});
    throw err;
  }
}

/**
 * Empties the outbox and writes `events` due rows spread evenly over the orgs, then ANALYZE. Each
 * row is 1 ms younger than the one before, as a backlog that built up over time: with one shared
 * timestamp every claim (ours and the baselines) would sort every due row to find the oldest 50.
 */
async function fillBacklog(s: Setup, events: number, key: VariantKey = 'ours'): Promise<void> {
  await s.owner.query('TRUNCATE outbox_events, email_events');
  // The baselines claim across orgs by due time: a plain app has the index that query needs (our
  // schema has none, since our claims are per org). Ours runs without it, so it neither uses it
  // nor pays for keeping it up to date.
  await s.owner.query(
    key === 'ours'
      ? 'DROP INDEX IF EXISTS pb3_baseline_due_idx'
      : "CREATE INDEX IF NOT EXISTS pb3_baseline_due_idx ON outbox_events (next_attempt_at, id) WHERE status IN ('pending', 'sending')",
  );
  await s.owner.query(
    `INSERT INTO outbox_events (org_id, id, kind, dedupe_key, payload, status, attempts, next_attempt_at, created_at, updated_at)
     SELECT ($1::uuid[])[1 + g % cardinality($1::uuid[])], gen_random_uuid(), 'email', 'booking:' || gen_random_uuid() || ':confirmed',
            $2::jsonb, 'pending', 0, t, t, t
       FROM generate_series(0, $3::int - 1) AS g, LATERAL (SELECT now() - interval '1 hour' + g * interval '1 millisecond' AS t) AS at`,
    [s.orgIds, JSON.stringify(s.payload), events],
  );
  await s.owner.query('ANALYZE outbox_events');
}

/** Every row sent, each once (attempts) — and for ours, one attempt record each. */
async function checkDrained(s: Setup, key: VariantKey, events: number): Promise<void> {
  const r = await s.owner.query<{ sent: number; other: number; attempts: number; records: number }>(
    `SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent, count(*) FILTER (WHERE status <> 'sent')::int AS other,
            coalesce(max(attempts), 0)::int AS attempts, (SELECT count(*)::int FROM email_events) AS records FROM outbox_events`,
  );
  const { sent, other, attempts, records } = r.rows[0]!;
  const recordsWanted = key === 'ours' ? events : 0;
  if (sent !== events || other !== 0 || attempts > 1 || records !== recordsWanted) {
    throw new Error(`PB3 ${key}: after the drain ${sent} sent, ${other} not sent, max attempts ${attempts}, ${records} attempt records (want ${events}, 0, ≤ 1, ${recordsWanted})`);
  }
}

const noopSend = (mailer: NoopMailer, orgId: string, id: string, payload: unknown) =>
  mailer.send({
    idempotencyId: id,
    orgId,
    to: String((payload as { message?: { to?: unknown } }).message?.to ?? ''),
    toName: null,
    fromName: 'Bench',
    subject: 'Booking confirmed',
    text: 'Booking confirmed',
    html: '<p>Booking confirmed</p>',
    template: 'booking_confirmed',
  });

interface ClaimedRow {
  org_id: string;
  id: string;
  payload: unknown;
}

/** The baseline: one transaction per batch, its locks held while it sends. Returns events sent. */
async function drainPlain(client: pg.PoolClient, mailer: NoopMailer): Promise<number> {
  let sent = 0;
  for (;;) {
    await client.query('BEGIN');
    const claimed = await client.query<ClaimedRow>(
      `SELECT org_id, id, payload FROM outbox_events
        WHERE status = 'pending' AND next_attempt_at <= now()
        ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [BATCH],
    );
    if (claimed.rows.length === 0) {
      await client.query('COMMIT');
      return sent;
    }
    await Promise.all(claimed.rows.map((r) => noopSend(mailer, r.org_id, r.id, r.payload)));
    await client.query(
      `UPDATE outbox_events e SET status = 'sent', sent_at = now()
         FROM unnest($1::uuid[], $2::uuid[]) AS t(org_id, id) WHERE e.org_id = t.org_id AND e.id = t.id`,
      [claimed.rows.map((r) => r.org_id), claimed.rows.map((r) => r.id)],
    );
    await client.query('COMMIT');
    sent += claimed.rows.length;
  }
}

/** Diagnostic: the plain loop with a lease (claim and mark as two autocommit statements, token-guarded). */
async function drainLease(client: pg.PoolClient, mailer: NoopMailer): Promise<number> {
  let sent = 0;
  for (;;) {
    const token = randomUUID();
    const claimed = await client.query<ClaimedRow>(
      `UPDATE outbox_events e SET status = 'sending', claim_token = $2, attempts = e.attempts + 1, next_attempt_at = now() + interval '120 seconds'
         FROM (SELECT org_id, id FROM outbox_events
                WHERE status IN ('pending', 'sending') AND next_attempt_at <= now()
                ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED) due
        WHERE e.org_id = due.org_id AND e.id = due.id
        RETURNING e.org_id, e.id, e.payload`,
      [BATCH, token],
    );
    if (claimed.rows.length === 0) return sent;
    await Promise.all(claimed.rows.map((r) => noopSend(mailer, r.org_id, r.id, r.payload)));
    await client.query(
      `UPDATE outbox_events e SET status = 'sent', claim_token = NULL, sent_at = now()
         FROM unnest($1::uuid[], $2::uuid[]) AS t(org_id, id)
        WHERE e.org_id = t.org_id AND e.id = t.id AND e.status = 'sending' AND e.claim_token = $3`,
      [claimed.rows.map((r) => r.org_id), claimed.rows.map((r) => r.id), token],
    );
    sent += claimed.rows.length;
  }
}

/** CPU seconds (user + system) of the server's backends connected to `database` (procfs; same host only). */
function backendCpuS(database: string): number | null {
  let ticks = 0;
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      let cmdline: string;
      try {
        cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      } catch {
        continue;
      }
      if (!cmdline.startsWith('postgres: ') || !cmdline.includes(` ${database} `)) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    }
  } catch {
    return null;
  }
  return ticks / 100;
}

interface DrainProfile {
  readonly nodeCpuMs: number;
  readonly pgCpuMs: number | null;
  readonly walBytes: number;
  readonly calls: Map<string, { n: number; ms: number }>;
  readonly v8: CpuProfile | null;
}

/**
 * BENCH_PB3_PROFILE=1: what one drain cost — this process's CPU, the database backends' CPU, the
 * WAL written, the store's calls timed (ours), and a V8 profile of this thread (ours).
 */
async function profiledDrain(s: Setup, key: VariantKey, work: () => Promise<void>): Promise<DrainProfile> {
  const calls = new Map<string, { n: number; ms: number }>();
  const store = s.runtime.outbox.delivery as unknown as Record<string, (...args: unknown[]) => Promise<unknown>> | null;
  const originals: Array<[string, (...args: unknown[]) => Promise<unknown>]> = [];
  if (key === 'ours' && store !== null) {
    for (const name of ['dueOrgs', 'claim', 'complete', 'completeAndClaim']) {
      const original = store[name]!;
      originals.push([name, original]);
      store[name] = async function (this: unknown, ...args: unknown[]) {
        const t0 = performance.now();
        try {
          return await original.apply(this, args);
        } finally {
          const c = calls.get(name) ?? { n: 0, ms: 0 };
          c.n += 1;
          c.ms += performance.now() - t0;
          calls.set(name, c);
        }
      };
    }
  }
  const session = key === 'ours' && process.env['BENCH_PB3_PROFILE'] === 'v8' ? new Session() : null;
  session?.connect();
  try {
    await session?.post('Profiler.enable');
    await session?.post('Profiler.setSamplingInterval', { interval: 200 });
    await session?.post('Profiler.start');
    const lsn0 = (await s.owner.query<{ l: string }>('SELECT pg_current_wal_lsn()::text AS l')).rows[0]!.l;
    const pg0 = backendCpuS(s.scratch.name);
    const cpu0 = process.cpuUsage();
    await work();
    const cpu = process.cpuUsage(cpu0);
    const pg1 = backendCpuS(s.scratch.name);
    const wal = await s.owner.query<{ b: string }>('SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1::pg_lsn)::bigint AS b', [lsn0]);
    const v8 = session === null ? null : ((await session.post('Profiler.stop')) as { profile: CpuProfile }).profile;
    return { nodeCpuMs: (cpu.user + cpu.system) / 1000, pgCpuMs: pg0 === null || pg1 === null ? null : (pg1 - pg0) * 1000, walBytes: Number(wal.rows[0]!.b), calls, v8 };
  } finally {
    session?.disconnect();
    // The wrappers are own properties of the instance: removing them uncovers the class's methods.
    for (const [name] of originals) delete store![name];
  }
}

function logProfile(log: Log, key: VariantKey, events: number, ms: number, p: DrainProfile): void {
  const batches = events / BATCH;
  const perBatch = (x: number) => fmt(x / batches, 2);
  log(
    `  profile ${key}: wall ${perBatch(ms)} ms, this process's CPU ${perBatch(p.nodeCpuMs)} ms, database backends' CPU ${p.pgCpuMs === null ? 'n/a' : perBatch(p.pgCpuMs)} ms, ` +
      `WAL ${fmt(p.walBytes / batches / 1024, 1)} KiB — per batch of ${BATCH}`,
  );
  for (const [name, c] of p.calls) log(`    ${name}: ${fmt(c.n)} calls, ${fmt(c.ms / c.n, 2)} ms each, ${perBatch(c.ms)} ms per batch`);
  if (p.v8 !== null) {
    const file = join(tmpdir(), `cws-pb3-${key}-${process.pid}.cpuprofile`);
    writeFileSync(file, JSON.stringify(p.v8));
    log(`    V8 profile of this thread: ${file}`);
    const a = analyse(p.v8);
    log(table(['package (self time)', 'ms/batch'], a.byCategory.slice(0, 10).map(([k, x]) => [k, perBatch(x)]), '    '));
    log(table(['project function (inclusive)', 'ms/batch'], a.projectInclusive.slice(0, 12).map(([k, x]) => [k.slice(0, 110), perBatch(x)]), '    '));
    log(table(['hottest function (self)', 'ms/batch'], a.hottest.slice(0, 12).map(([k, x]) => [k.slice(0, 110), perBatch(x)]), '    '));
  }
}

/** Drains the backlog with one variant; returns its wall time in ms. */
async function drain(s: Setup, key: VariantKey, events: number, log: Log | null = null): Promise<number> {
  await fillBacklog(s, events, key);
  const client = key === 'ours' ? null : await s.owner.connect();
  // A backend terminated under a checked-out client (another session's doing) fails the run with an error, not a crash.
  const onError = () => {};
  client?.on('error', onError);
  try {
    let sent = 0;
    const work = async () => {
      if (key === 'ours') {
        let summary = await s.runtime.core.outbox.deliver.execute(systemContext());
        sent = summary.sent;
        // A run stops at its round limit; the pump would call again at once, so does this.
        while (summary.claimed > 0 && sent < events) {
          summary = await s.runtime.core.outbox.deliver.execute(systemContext());
          sent += summary.sent;
        }
      } else {
        sent = key === 'plain' ? await drainPlain(client!, s.mailer) : await drainLease(client!, s.mailer);
      }
    };
    const t0 = performance.now();
    const profile = log === null ? (await work(), null) : await profiledDrain(s, key, work);
    const ms = performance.now() - t0;
    if (profile !== null) logProfile(log!, key, events, ms, profile);
    if (sent !== events) throw new Error(`PB3 ${key}: sent ${sent} of ${events}`);
    await checkDrained(s, key, events);
    return ms;
  } finally {
    client?.off('error', onError);
    client?.release();
  }
}

interface LatencyRun {
  readonly inProcess: Latency;
  readonly rows: { p50: number; p95: number; p99: number };
  readonly produced: number;
  readonly achievedRate: number;
}

/** The pump delivers while a producer enqueues `rate` events a second for `seconds`. */
async function latencyRun(s: Setup, rate: number, seconds: number): Promise<LatencyRun> {
  await s.owner.query('TRUNCATE outbox_events, email_events');
  const total = rate * seconds;
  const started = new Map<string, number>();
  const latencies: number[] = [];
  let done: () => void = () => {};
  const allReceived = new Promise<void>((resolve) => (done = resolve));
  s.mailer.onSend = (email, atMs) => {
    const t0 = started.get(email.idempotencyId);
    if (t0 === undefined) return;
    started.delete(email.idempotencyId);
    latencies.push(atMs - t0);
    if (latencies.length === total) done();
  };
  const logger = createLogger({ logLevel: 'ERROR' });
  const store = s.runtime.outbox.delivery;
  if (store === null) throw new Error('PB3: the runtime has no outbox delivery store');
  const pump = startOutboxPump(s.runtime, store, { logger, pollMs: defaultPollMs(s.runtime) });
  try {
    // Let the pump find the empty table and start waiting on its LISTEN connection.
    await new Promise((r) => setTimeout(r, 500));
    const intervalMs = 1000 / rate;
    const writes: Array<Promise<void>> = [];
    const failures: unknown[] = [];
    const t0 = performance.now();
    for (let i = 0; i < total; i++) {
      // Open loop: each event leaves at its own time, whether or not earlier writes have returned.
      const wait = t0 + i * intervalMs - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      const id = randomUUID();
      started.set(id, performance.now());
      // Failures are collected, not left unhandled while later events are still being produced.
      writes.push(enqueueOne(s.runtime, s.orgIds[i % s.orgIds.length]!, id).catch((err: unknown) => void failures.push(err)));
    }
    await Promise.all(writes);
    if (failures.length > 0) throw new Error(`PB3 latency: ${failures.length} enqueues failed, the first: ${String(failures[0])}`);
    const producedMs = performance.now() - t0;
    const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 30_000).unref());
    if ((await Promise.race([allReceived, timeout])) === 'timeout') throw new Error(`PB3 latency: ${latencies.length} of ${total} delivered within 30 s after the last enqueue`);
    const rows = await s.owner.query<{ p50: number; p95: number; p99: number }>(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50, percentile_cont(0.95) WITHIN GROUP (ORDER BY ms) AS p95,
              percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99
         FROM (SELECT extract(epoch FROM sent_at - created_at) * 1000 AS ms FROM outbox_events WHERE status = 'sent') t`,
    );
    return { inProcess: latency(latencies), rows: rows.rows[0]!, produced: total, achievedRate: total / (producedMs / 1000) };
  } finally {
    await pump.stop();
    s.mailer.onSend = null;
  }
}

const skipped = (reason: string): BenchReport => ({
  bench: 'PB3',
  targets: [
    { bench: 'PB3', name: `throughput ours/plain ≥ ${PB3_THROUGHPUT_TARGET}×`, verdict: 'SKIP', detail: reason },
    { bench: 'PB3', name: `enqueue → delivered p95 ≤ ${PB3_P95_TARGET_MS} ms`, verdict: 'SKIP', detail: reason },
  ],
  ratios: [],
});

export async function runOutboxDeliveryBench(options: BenchOptions, log: Log = console.log): Promise<BenchReport> {
  log('PB3  outbox delivery: the real deliverer vs a plain SKIP LOCKED claim-and-mark loop; enqueue → delivered latency through the pump');
  if (options.serverUrl === null) {
    const reason = 'needs a PostgreSQL server (set TEST_DATABASE_URL): LISTEN/NOTIFY wake-ups and a scratch database';
    log(`  SKIPPED — ${reason}`);
    return skipped(reason);
  }
  const events = options.pb3Events;
  const s = await setUp(options.serverUrl, log);
  try {
    log(
      `  method: ${options.reps} reps; each variant drains a fresh backlog of ${fmt(events)} events (${fmt(events / PB3_ORGS)} per org), ` +
        `rotating order; warm-up ${fmt(WARMUP_EVENTS)} events per variant`,
    );
    const keys: VariantKey[] = ['ours', 'plain', 'lease'];
    for (const key of keys) await drain(s, key, WARMUP_EVENTS);

    const perRep: Array<Record<VariantKey, number>> = [];
    const rows: string[][] = [];
    for (let rep = 0; rep < options.reps; rep++) {
      const order = keys.map((_, i) => keys[(i + rep) % keys.length]!);
      const rates = {} as Record<VariantKey, number>;
      const ms = {} as Record<VariantKey, number>;
      for (const key of order) {
        ms[key] = await drain(s, key, events, rep === 0 && ['1', 'v8'].includes(process.env['BENCH_PB3_PROFILE'] ?? '') ? log : null);
        rates[key] = events / (ms[key] / 1000);
      }
      perRep.push(rates);
      rows.push([
        String(rep + 1),
        order.join(' → '),
        fmt(rates.ours),
        fmt(rates.plain),
        fmt(rates.lease),
        fmt(rates.ours / rates.plain, 2),
        fmt(rates.ours / rates.lease, 2),
        fmt(ms.ours / 1000, 2),
      ]);
    }
    log(table(['rep', 'order', 'ours ev/s', 'plain ev/s', 'lease ev/s', 'ours/plain', 'ours/lease', `ours drain ${fmt(events)} s`], rows));
    const ratioPlain = perRep.map((r) => r.ours / r.plain);
    const ratioLease = perRep.map((r) => r.ours / r.lease);
    const drainS = perRep.map((r) => events / r.ours);
    log(`  ours        ${fmtSpread(spread(perRep.map((r) => r.ours)), 0, ' ev/s')}`);
    log(`  plain       ${fmtSpread(spread(perRep.map((r) => r.plain)), 0, ' ev/s')}`);
    log(`  lease       ${fmtSpread(spread(perRep.map((r) => r.lease)), 0, ' ev/s')}`);
    log(`  ours/plain  ${fmtSpread(spread(ratioPlain), 2, '×')}`);
    log(`  ours/lease  ${fmtSpread(spread(ratioLease), 2, '×')} (diagnostic)`);
    log(`  drain ${fmt(events)} (ours)  ${fmtSpread(spread(drainS), 2, ' s')}`);

    log('');
    log(`  latency: the pump (LISTEN/NOTIFY, poll ${defaultPollMs(s.runtime)} ms) while ${options.pb3Rate} events/s are enqueued for ${options.pb3LatencyS} s, one per unit of work`);
    const lat: LatencyRun[] = [];
    const latRows: string[][] = [];
    for (let rep = 0; rep < options.reps; rep++) {
      const run = await latencyRun(s, options.pb3Rate, options.pb3LatencyS);
      lat.push(run);
      latRows.push([
        String(rep + 1),
        fmt(run.produced),
        fmt(run.achievedRate, 0),
        fmt(run.inProcess.p50, 1),
        fmt(run.inProcess.p95, 1),
        fmt(run.inProcess.p99, 1),
        fmt(run.inProcess.max, 1),
        `${fmt(run.rows.p50, 1)} / ${fmt(run.rows.p95, 1)} / ${fmt(run.rows.p99, 1)}`,
      ]);
    }
    log(table(['rep', 'events', 'ev/s sent', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'rows sent_at−created_at p50/p95/p99'], latRows));

    const throughputVerdicts: Verdict[] = ratioPlain.map((r) => (r >= PB3_THROUGHPUT_TARGET ? 'PASS' : 'MISS'));
    const latencyVerdicts: Verdict[] = lat.map((r) => (r.inProcess.p95 <= PB3_P95_TARGET_MS ? 'PASS' : 'MISS'));
    const p95 = spread(lat.map((r) => r.inProcess.p95));
    const targets: TargetResult[] = [
      {
        bench: 'PB3',
        name: `throughput ours/plain ≥ ${PB3_THROUGHPUT_TARGET}×`,
        verdict: majorityVerdict(throughputVerdicts),
        detail: `${fmtSpread(spread(ratioPlain), 2, '×')}; ${fmt(median(perRep.map((r) => r.ours)))} vs ${fmt(median(perRep.map((r) => r.plain)))} ev/s; ${throughputVerdicts.filter((v) => v !== 'PASS').length}/${perRep.length} reps missed`,
      },
      {
        bench: 'PB3',
        name: `enqueue → delivered p95 ≤ ${PB3_P95_TARGET_MS} ms at ${options.pb3Rate} ev/s`,
        verdict: majorityVerdict(latencyVerdicts),
        detail: `${fmtSpread(p95, 1, ' ms')}; p50 ${fmt(median(lat.map((r) => r.inProcess.p50)), 1)} ms, p99 ${fmt(median(lat.map((r) => r.inProcess.p99)), 1)} ms; ${latencyVerdicts.filter((v) => v !== 'PASS').length}/${lat.length} reps missed`,
      },
    ];
    for (const t of targets) log(verdictLine(t));
    return {
      bench: 'PB3',
      targets,
      ratios: [
        { name: 'PB3 throughput ours/plain', value: fmtSpread(spread(ratioPlain), 2, '×') },
        { name: 'PB3 throughput ours/lease (diagnostic)', value: fmtSpread(spread(ratioLease), 2, '×') },
        { name: `PB3 drain ${fmt(events)} events (ours)`, value: fmtSpread(spread(drainS), 2, ' s') },
        { name: 'PB3 latency p95', value: fmtSpread(p95, 1, ' ms') },
      ],
    };
  } finally {
    await s.runtime.close().catch(() => {});
    await s.owner.end().catch(() => {});
    await s.scratch.drop().catch((err: unknown) => log(`  warning: could not drop ${s.scratch.name}: ${String(err)}`));
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runOutboxDeliveryBench(benchOptions()).then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
