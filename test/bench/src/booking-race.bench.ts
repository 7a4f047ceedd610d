/**
 * T1 — load held: concurrent booking creation over HTTP, the double-booking guard (perf notes,
 * Part C, T1). A test with pass criteria rather than a ratio; selectable as BENCH_ONLY=T1.
 *
 * The real HTTP app (createRuntime + createHttpApp, as the e2e harness starts it) on a scratch
 * database of the PostgreSQL server, Basic Auth as the admin with X-Test-Org. One org, one client,
 * 20 workers in 4 teams of 5, one day on a 30-min grid, 2-h bookings (45 possible starts, so a
 * worker can hold at most 12 bookings). BENCH_T1_CLIENTS (50) concurrent clients fire
 * BENCH_T1_ATTEMPTS (5,000) `POST /v1/admin/bookings`: 90 % name one random worker, 10 % a
 * random team (which expands to its five members), each at a random slot.
 *
 * Pass criteria, constrained run:
 *   - 0 overlapping pairs: self-join on booking_workers (same org and worker, a.booking_id <
 *     b.booking_id, both active, tstzrange &&), and the same from the bookings' own times
 *     (bookings joined to their workers); 0 overlapping team blocks;
 *   - 0 × 5xx; every non-201 is 409 application/problem+json with code booking.slot_unavailable;
 *   - every booking answered 201 is in the database with occupancy rows matching its time and
 *     exactly one booking.create audit row, and nothing else was written.
 * Control run: the same load on a second scratch database whose exclusion constraints are
 * dropped must find > 0 overlapping pairs — proof that the test can fail.
 * Idempotency (constrained database): 100 concurrent identical POSTs with one Idempotency-Key →
 * 1 booking, 1 audit row, 100 × 201 all naming the same booking id.
 *
 * A criterion not met is a FAIL verdict; T1 is a correctness test, so unlike the benchmarks its
 * FAIL also makes `npm run bench` exit with 1 (see run-all.ts).
 */
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { createLogger, type Runtime } from '@cws/composition';
import { createHttpApp, startHttpServer, type RunningHttpServer } from '@cws/host-http';
import { LogSink } from './api-stack-setup.js';
import { benchOptions, type BenchOptions } from './bench-options.js';
import { basicAuthorization } from './host-env.js';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database.js';
import { adminContext, prng, seedBase } from './scheduling-seed.js';
import { benchRuntime, lanes, latency, msSince, type Latency, type Log } from './scheduling-bench-support.js';
import { fmt, table, verdictLine, type BenchReport, type TargetResult } from './stats.js';

const WORKERS = 20;
const TEAMS = 4;
const SLOT_MINUTES = 30;
const BOOKING_MINUTES = 120;
const TEAM_SHARE = 0.1;
const IDEMPOTENT_REQUESTS = 100;
const SLOT_CODE = 'booking.slot_unavailable';

interface Response {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  readonly ms: number;
  /** The Idempotent-Replayed header was "true". */
  readonly replayed: boolean;
}

function post(agent: Agent, baseUrl: string, path: string, headers: Record<string, string>, body: unknown): Promise<Response> {
  const payload = JSON.stringify(body);
  const t0 = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = request(
      `${baseUrl}${path}`,
      { method: 'POST', agent, headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            body: Buffer.concat(chunks).toString('utf8'),
            ms: msSince(t0),
            replayed: res.headers['idempotent-replayed'] === 'true',
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

interface Stack {
  readonly label: string;
  readonly scratch: ScratchDatabase;
  readonly runtime: Runtime;
  readonly app: RunningHttpServer;
  readonly owner: pg.Pool;
  readonly appLog: LogSink;
  readonly orgId: string;
  readonly clientId: string;
  readonly workerIds: readonly string[];
  readonly teamIds: readonly string[];
  readonly headers: Record<string, string>;
  close(): Promise<void>;
}

async function startStack(serverUrl: string, label: string, dropConstraints: boolean): Promise<Stack> {
  const scratch = await createScratchDatabase(serverUrl, label);
  // A bound on the integrity queries: a bad plan must end the run with an error, not hang it.
  const owner = new pg.Pool({ connectionString: scratch.url, max: 2, application_name: `cws-bench-${label}-owner`, statement_timeout: 60_000 });
  owner.on('error', () => {});
  let runtime: Runtime | null = null;
  let app: RunningHttpServer | null = null;
  const close = async () => {
    await app?.close().catch(() => {});
    await runtime?.close().catch(() => {});
    await owner.end().catch(() => {});
    await scratch.drop().catch(() => {});
  };
  try {
    if (dropConstraints) {
      await owner.query('ALTER TABLE booking_workers DROP CONSTRAINT booking_workers_no_overlap');
      await owner.query('ALTER TABLE booking_team_blocks DROP CONSTRAINT booking_team_blocks_no_overlap');
    }
    runtime = await benchRuntime(scratch.url);
    const appLog = new LogSink();
    app = await startHttpServer(createHttpApp(runtime, { logger: createLogger(runtime.config, appLog) }), '127.0.0.1', 0);
    const orgId = randomUUID();
    const suffix = orgId.slice(0, 8);
    await runtime.core.orgs.create.execute(
      { actor: { kind: 'system', id: 'bench', role: null }, requestId: `bench-${suffix}`, now: new Date(), reason: 'T1 load test org' },
      { id: orgId, name: `Bench T1 ${suffix}`, slug: `bench-t1-${suffix}` },
    );
    const ctx = adminContext(orgId);
    const client = await runtime.core.clients.create.execute(ctx, { name: 'T1 client' });
    const teamIds: string[] = [];
    for (let t = 0; t < TEAMS; t++) teamIds.push((await runtime.core.workforce.createTeam.execute(ctx, { name: `T1 team ${t}` })).id);
    const workerIds: string[] = [];
    for (let w = 0; w < WORKERS; w++) {
      workerIds.push((await runtime.core.workforce.createWorker.execute(ctx, { name: `T1 worker ${String(w).padStart(2, '0')}`, teamId: teamIds[w % TEAMS] })).id);
    }
    return {
      label,
      scratch,
      runtime,
      app,
      owner,
      appLog,
      orgId,
      clientId: client.id,
      workerIds,
      teamIds,
      headers: { authorization: basicAuthorization(), 'x-test-org': orgId },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

interface Attempt {
  readonly body: Record<string, unknown>;
}

function attempts(stack: Stack, count: number, seedValue: number, day: Date): Attempt[] {
  const random = prng(seedValue);
  const starts = (24 * 60 - BOOKING_MINUTES) / SLOT_MINUTES + 1; // 45 starts: 00:00 … 22:00
  return Array.from({ length: count }, () => {
    const start = new Date(day.getTime() + Math.floor(random() * starts) * SLOT_MINUTES * 60_000);
    const end = new Date(start.getTime() + BOOKING_MINUTES * 60_000);
    const common = { client_id: stack.clientId, start: start.toISOString(), end: end.toISOString(), status: 'confirmed', notes: 'T1' };
    return random() < TEAM_SHARE
      ? { body: { ...common, team_id: stack.teamIds[Math.floor(random() * stack.teamIds.length)] } }
      : { body: { ...common, worker_ids: [stack.workerIds[Math.floor(random() * stack.workerIds.length)]] } };
  });
}

interface LoadOutcome {
  readonly attempts: number;
  readonly created: string[];
  readonly conflicts: number;
  readonly serverErrors: number;
  /** Non-201 responses that are not a 409 problem+json with code booking.slot_unavailable. */
  readonly unexpected: Array<{ status: number; contentType: string; body: string }>;
  readonly durationMs: number;
  readonly createdLatency: Latency | null;
  readonly conflictLatency: Latency | null;
}

async function fireLoad(stack: Stack, list: readonly Attempt[], clients: number): Promise<LoadOutcome> {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const created: string[] = [];
  const createdMs: number[] = [];
  const conflictMs: number[] = [];
  let conflicts = 0;
  let serverErrors = 0;
  const unexpected: Array<{ status: number; contentType: string; body: string }> = [];
  const t0 = process.hrtime.bigint();
  try {
    await lanes(list.length, clients, async (i) => {
      const r = await post(agent, stack.app.url, '/v1/admin/bookings', stack.headers, list[i]!.body);
      if (r.status === 201) {
        created.push((JSON.parse(r.body) as { id: string }).id);
        createdMs.push(r.ms);
        return;
      }
      if (r.status >= 500) serverErrors++;
      let code: unknown = null;
      try {
        code = (JSON.parse(r.body) as { code?: unknown }).code;
      } catch {
        // not JSON: unexpected below
      }
      if (r.status === 409 && r.contentType.startsWith('application/problem+json') && code === SLOT_CODE) {
        conflicts++;
        conflictMs.push(r.ms);
      } else if (unexpected.length < 1000) {
        unexpected.push({ status: r.status, contentType: r.contentType, body: r.body.slice(0, 400) });
      }
    });
  } finally {
    agent.destroy();
  }
  return {
    attempts: list.length,
    created,
    conflicts,
    serverErrors,
    unexpected,
    durationMs: msSince(t0),
    createdLatency: createdMs.length > 0 ? latency(createdMs) : null,
    conflictLatency: conflictMs.length > 0 ? latency(conflictMs) : null,
  };
}

interface Integrity {
  /** Overlapping active pairs of one worker, from the occupancy copies. */
  readonly overlapPairs: number;
  /** The same from the bookings' own times (bookings joined to their workers). */
  readonly bookingOverlapPairs: number;
  readonly teamOverlapPairs: number;
  readonly bookings: number;
  /** Bookings whose occupancy rows disagree with them (time, active) or that have none. */
  readonly occupancyMismatches: number;
  /** Bookings without exactly one booking.create audit row. */
  readonly auditMismatches: number;
  /** 201 ids not in the database, and database rows no 201 named. */
  readonly missing: number;
  readonly extra: number;
}

async function integrity(stack: Stack, created: readonly string[], notes: string): Promise<Integrity> {
  const q = async (sql: string, params: unknown[] = []) => Number(((await stack.owner.query(sql, params)).rows[0] as { n: string | number }).n);
  const org = stack.orgId;
  const overlapPairs = await q(
    `SELECT count(*) AS n FROM booking_workers a JOIN booking_workers b
        ON b.org_id = a.org_id AND b.worker_id = a.worker_id AND a.booking_id < b.booking_id
     WHERE a.org_id = $1 AND a.active AND b.active
       AND tstzrange(a.starts_at, a.ends_at, '[)') && tstzrange(b.starts_at, b.ends_at, '[)')`,
    [org],
  );
  const bookingOverlapPairs = await q(
    // Materialised first: planned as one four-way join, the control run's 5,000 bookings made the
    // planner pick nested loops that ran for minutes.
    `WITH x AS MATERIALIZED (
       SELECT w.worker_id, b.id, tstzrange(b.starts_at, b.ends_at, '[)') AS span
         FROM booking_workers w JOIN bookings b ON b.org_id = w.org_id AND b.id = w.booking_id
        WHERE w.org_id = $1 AND b.status <> 'cancelled')
     SELECT count(*) AS n FROM x a JOIN x b ON b.worker_id = a.worker_id AND a.id < b.id AND a.span && b.span`,
    [org],
  );
  const teamOverlapPairs = await q(
    `SELECT count(*) AS n FROM booking_team_blocks a JOIN booking_team_blocks b
        ON b.org_id = a.org_id AND b.team_id = a.team_id AND a.booking_id < b.booking_id
     WHERE a.org_id = $1 AND a.active AND b.active
       AND tstzrange(a.starts_at, a.ends_at, '[)') && tstzrange(b.starts_at, b.ends_at, '[)')`,
    [org],
  );
  const bookings = await q(`SELECT count(*) AS n FROM bookings WHERE org_id = $1 AND notes = $2`, [org, notes]);
  const occupancyMismatches = await q(
    `SELECT count(*) AS n FROM bookings b
      WHERE b.org_id = $1 AND b.notes = $2
        AND (NOT EXISTS (SELECT 1 FROM booking_workers w WHERE w.org_id = b.org_id AND w.booking_id = b.id)
             OR EXISTS (SELECT 1 FROM booking_workers w WHERE w.org_id = b.org_id AND w.booking_id = b.id
                          AND (w.starts_at <> b.starts_at OR w.ends_at <> b.ends_at OR w.active <> (b.status <> 'cancelled')))
             OR (b.team_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM booking_team_blocks t WHERE t.org_id = b.org_id AND t.booking_id = b.id
                          AND t.starts_at = b.starts_at AND t.ends_at = b.ends_at)))`,
    [org, notes],
  );
  const auditMismatches = await q(
    `SELECT count(*) AS n FROM bookings b
      WHERE b.org_id = $1 AND b.notes = $2
        AND (SELECT count(*) FROM admin_audit_logs a WHERE a.org_id = b.org_id AND a.action = 'booking.create' AND a.resource_id = b.id::text) <> 1`,
    [org, notes],
  );
  const ids = (await stack.owner.query<{ id: string }>(`SELECT id FROM bookings WHERE org_id = $1 AND notes = $2`, [org, notes])).rows.map((r) => r.id);
  const inDb = new Set(ids);
  const answered = new Set(created);
  return {
    overlapPairs,
    bookingOverlapPairs,
    teamOverlapPairs,
    bookings,
    occupancyMismatches,
    auditMismatches,
    missing: [...answered].filter((id) => !inDb.has(id)).length,
    extra: ids.filter((id) => !answered.has(id)).length,
  };
}

interface IdempotencyOutcome {
  readonly responses: number;
  readonly statuses: Record<string, number>;
  readonly distinctIds: number;
  readonly replayed: number;
  readonly bookings: number;
  readonly audits: number;
}

async function idempotencyCheck(stack: Stack, day: Date): Promise<IdempotencyOutcome> {
  const agent = new Agent({ keepAlive: true, maxSockets: IDEMPOTENT_REQUESTS });
  const key = `t1-${randomUUID()}`;
  // A day after the load's, so the booking clashes with nothing.
  const start = new Date(day.getTime() + 86_400_000 + 9 * 3_600_000);
  const body = {
    client_id: stack.clientId,
    start: start.toISOString(),
    end: new Date(start.getTime() + BOOKING_MINUTES * 60_000).toISOString(),
    status: 'confirmed',
    worker_ids: [stack.workerIds[0]],
    notes: 'T1 idempotency',
  };
  try {
    const responses = await Promise.all(
      Array.from({ length: IDEMPOTENT_REQUESTS }, () => post(agent, stack.app.url, '/v1/admin/bookings', { ...stack.headers, 'idempotency-key': key }, body)),
    );
    const statuses: Record<string, number> = {};
    for (const r of responses) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    const ids = new Set(responses.filter((r) => r.status === 201).map((r) => (JSON.parse(r.body) as { id: string }).id));
    const count = async (sql: string) => Number(((await stack.owner.query(sql, [stack.orgId])).rows[0] as { n: string }).n);
    return {
      responses: responses.length,
      statuses,
      distinctIds: ids.size,
      replayed: responses.filter((r) => r.replayed).length,
      bookings: await count(`SELECT count(*) AS n FROM bookings WHERE org_id = $1 AND notes = 'T1 idempotency'`),
      audits: await count(
        `SELECT count(*) AS n FROM admin_audit_logs a JOIN bookings b ON b.org_id = a.org_id AND a.resource_id = b.id::text
          WHERE a.org_id = $1 AND b.notes = 'T1 idempotency' AND a.action = 'booking.create'`,
      ),
    };
  } finally {
    agent.destroy();
  }
}

function logOutcome(log: Log, label: string, o: LoadOutcome, i: Integrity): void {
  const l = (x: Latency | null) => (x === null ? 'n/a' : `${fmt(x.p50, 1)} / ${fmt(x.p99, 1)}`);
  log(
    table(
      ['run', 'attempts', '201', '409 slot_unavailable', '5xx', 'other', 'overlaps (occupancy)', 'overlaps (bookings)', 'team overlaps', 'duration s', 'req/s', '201 p50/p99 ms', '409 p50/p99 ms'],
      [
        [
          label,
          fmt(o.attempts),
          fmt(o.created.length),
          fmt(o.conflicts),
          fmt(o.serverErrors),
          fmt(o.unexpected.length - o.serverErrors),
          fmt(i.overlapPairs),
          fmt(i.bookingOverlapPairs),
          fmt(i.teamOverlapPairs),
          fmt(o.durationMs / 1000, 1),
          fmt((o.attempts / o.durationMs) * 1000, 0),
          l(o.createdLatency),
          l(o.conflictLatency),
        ],
      ],
    ),
  );
  log(
    `  ${label}: ${fmt(i.bookings)} bookings in the database for ${fmt(o.created.length)} × 201 (${i.missing} answered but missing, ${i.extra} not answered); ` +
      `${i.occupancyMismatches} with occupancy rows out of step; ${i.auditMismatches} without exactly one audit row`,
  );
  for (const u of o.unexpected.slice(0, 5)) log(`    unexpected response: ${u.status} ${u.contentType} ${u.body}`);
}

export async function runBookingRaceBench(options: BenchOptions, log: Log = console.log): Promise<BenchReport> {
  log(
    `T1  double-booking load test: ${fmt(options.t1Attempts)} concurrent POST /v1/admin/bookings (${options.t1Clients} clients), ` +
      `${WORKERS} workers in ${TEAMS} teams, one day on a ${SLOT_MINUTES}-min grid, ${BOOKING_MINUTES / 60}-h bookings; control run without the constraints`,
  );
  const names = {
    overlaps: 'constrained run: 0 overlapping pairs (occupancy, bookings, team blocks)',
    errors: 'constrained run: 0 × 5xx, every non-201 is 409 problem+json booking.slot_unavailable',
    consistent: 'constrained run: every 201 stored once, with matching occupancy rows and one audit row',
    control: 'control run (exclusion constraints dropped): > 0 overlapping pairs, so the test can fail',
    idempotency: `idempotency: ${IDEMPOTENT_REQUESTS} concurrent identical POSTs with one Idempotency-Key → 1 booking, ${IDEMPOTENT_REQUESTS} × 201 with one id`,
  };
  if (options.serverUrl === null) {
    const reason = 'needs a PostgreSQL server (set TEST_DATABASE_URL): the race is between server sessions';
    log(`  SKIPPED — ${reason}`);
    return { bench: 'T1', gate: true, targets: Object.values(names).map((name) => ({ bench: 'T1', name, verdict: 'SKIP' as const, detail: reason })), ratios: [] };
  }
  const day = new Date(seedBase().getTime() + 86_400_000);
  const targets: TargetResult[] = [];
  const ratios: Array<{ name: string; value: string }> = [];

  // Constrained run.
  let stack = await startStack(options.serverUrl, 't1', false);
  let constrained: { outcome: LoadOutcome; integrity: Integrity };
  let idem: IdempotencyOutcome;
  try {
    log(`  constrained: ${stack.scratch.description}; app pool ${stack.runtime.config.database.poolMax} connections; server ${stack.app.url}`);
    const list = attempts(stack, options.t1Attempts, 1, day);
    const outcome = await fireLoad(stack, list, options.t1Clients);
    constrained = { outcome, integrity: await integrity(stack, outcome.created, 'T1') };
    idem = await idempotencyCheck(stack, day);
    if (stack.appLog.failures.some((f) => /"level":"ERROR"/.test(f))) {
      log('  app error log lines:');
      for (const f of stack.appLog.failures.filter((x) => /"level":"ERROR"/.test(x)).slice(0, 3)) log(`    ${f}`);
    }
  } finally {
    await stack.close();
  }

  // Control run: the same load, the same seeded attempts, no exclusion constraints.
  stack = await startStack(options.serverUrl, 't1ctl', true);
  let control: { outcome: LoadOutcome; integrity: Integrity };
  try {
    log(`  control: ${stack.scratch.description}; exclusion constraints dropped`);
    const outcome = await fireLoad(stack, attempts(stack, options.t1Attempts, 1, day), options.t1Clients);
    control = { outcome, integrity: await integrity(stack, outcome.created, 'T1') };
  } finally {
    await stack.close();
  }

  log('');
  logOutcome(log, 'constrained', constrained.outcome, constrained.integrity);
  logOutcome(log, 'control', control.outcome, control.integrity);
  log(
    `  idempotency: ${idem.responses} responses ${JSON.stringify(idem.statuses)} (${idem.replayed} marked Idempotent-Replayed), ${idem.distinctIds} distinct booking id(s); ` +
      `${idem.bookings} booking(s) and ${idem.audits} audit row(s) in the database`,
  );

  const c = constrained;
  const overlapsTotal = c.integrity.overlapPairs + c.integrity.bookingOverlapPairs + c.integrity.teamOverlapPairs;
  targets.push({
    bench: 'T1',
    name: names.overlaps,
    verdict: overlapsTotal === 0 ? 'PASS' : 'FAIL',
    detail: `${c.integrity.overlapPairs} / ${c.integrity.bookingOverlapPairs} / ${c.integrity.teamOverlapPairs} pairs among ${fmt(c.outcome.created.length)} bookings`,
  });
  const others = c.outcome.unexpected.length;
  targets.push({
    bench: 'T1',
    name: names.errors,
    verdict: c.outcome.serverErrors === 0 && others === 0 ? 'PASS' : 'FAIL',
    detail: `${fmt(c.outcome.created.length)} × 201, ${fmt(c.outcome.conflicts)} × 409 slot_unavailable, ${c.outcome.serverErrors} × 5xx, ${others} other non-201 of ${fmt(c.outcome.attempts)}`,
  });
  const ci = c.integrity;
  targets.push({
    bench: 'T1',
    name: names.consistent,
    verdict: ci.missing === 0 && ci.extra === 0 && ci.occupancyMismatches === 0 && ci.auditMismatches === 0 && ci.bookings === c.outcome.created.length ? 'PASS' : 'FAIL',
    detail: `${fmt(ci.bookings)} stored for ${fmt(c.outcome.created.length)} × 201; missing ${ci.missing}, extra ${ci.extra}, occupancy out of step ${ci.occupancyMismatches}, audit ≠ 1 ${ci.auditMismatches}`,
  });
  const controlPairs = control.integrity.overlapPairs;
  targets.push({
    bench: 'T1',
    name: names.control,
    verdict: controlPairs > 0 ? 'PASS' : 'FAIL',
    detail: `${fmt(controlPairs)} overlapping pairs (bookings view ${fmt(control.integrity.bookingOverlapPairs)}, teams ${fmt(control.integrity.teamOverlapPairs)}) among ${fmt(control.outcome.created.length)} bookings`,
  });
  const idemOk =
    idem.statuses['201'] === IDEMPOTENT_REQUESTS && idem.distinctIds === 1 && idem.replayed === IDEMPOTENT_REQUESTS - 1 && idem.bookings === 1 && idem.audits === 1;
  targets.push({
    bench: 'T1',
    name: names.idempotency,
    verdict: idemOk ? 'PASS' : 'FAIL',
    detail: `statuses ${JSON.stringify(idem.statuses)}, ${idem.distinctIds} distinct id(s), ${idem.replayed} replays, ${idem.bookings} booking(s), ${idem.audits} audit row(s)`,
  });
  log('');
  for (const t of targets) log(verdictLine(t));
  ratios.push({ name: 'T1 overlapping pairs constrained vs control', value: `${fmt(overlapsTotal)} vs ${fmt(controlPairs)}` });
  ratios.push({
    name: 'T1 constrained 201 / 409 / 5xx / duration',
    value: `${fmt(c.outcome.created.length)} / ${fmt(c.outcome.conflicts)} / ${c.outcome.serverErrors} / ${fmt(c.outcome.durationMs / 1000, 1)} s`,
  });
  return { bench: 'T1', gate: true, targets, ratios };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runBookingRaceBench({ ...benchOptions(), only: ['T1'] }).then(
    (report) => process.exit(report.targets.some((t) => t.verdict === 'FAIL') ? 1 : 0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
