/**
 * PB5 — cost of the exclusion constraints on the booking write path, on a PostgreSQL server.
 *
 *   exclude  core.bookings.create.execute on a scratch database with the normal schema: one unit
 *            of work = client, worker, org settings and blackout reads, the booking insert with its
 *            occupancy rows under `booking_workers_no_overlap` (GiST EXCLUDE, partial WHERE
 *            active) inside a savepoint, and the audit row.
 *   btree    (baseline) the same call on a second scratch database where both exclusion
 *            constraints are dropped and replaced by plain btree indexes on
 *            (org_id, worker_id, starts_at) and (org_id, team_id, starts_at).
 *
 * Both databases hold the same PB4 data set (10,000 bookings, 14,500 worker occupancy rows), so
 * the indexes are not empty. The bookings written never overlap anything (each goes to the next
 * free (worker, slot) after the seeded days), so every call succeeds on both. Two modes:
 *   sequential  one caller; the variants alternate call by call (A B, B A, …);
 *   concurrent  BENCH_PB5_CLIENTS callers (default 4) on a pool of as many connections; chunks of
 *               50 bookings alternate between the variants (A B, B A, …).
 * BENCH_PB5_RUNS (300) bookings per variant, mode and rep, after 40 warm-up calls per variant.
 * Then, once per variant, a bulk import: 100,000 bookings (200 per worker) with their occupancy
 * rows in ONE `INSERT … SELECT` as the owner, timed.
 * Targets (perf notes, Part A′): p50 ratio exclude/btree ≤ 1.5× and p99 ratio ≤ 2×, per mode,
 * met in a majority of reps; the bulk import ≤ 15× the btree time. A missed target is reported,
 * never thrown.
 */
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import type { Runtime } from '@cws/composition';
import { createCore } from '@cws/core';
import { createKnex, createPostgresAdapters } from '@cws/adapter-postgres';
import { benchOptions, type BenchOptions } from './bench-options.js';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database.js';
import { benchRuntime, latency, lanes, logBreakdown, msSince, statementBreakdowns, type CallBreakdown, type Latency, type Log } from './scheduling-bench-support.js';
import { BOOKING_HOURS, DEFAULT_SEED, SLOT_HOURS, adminContext, seedSchedule, type ScheduleSeed } from './scheduling-seed.js';
import { fmt, fmtSpread, majorityVerdict, spread, table, verdictLine, type BenchReport, type TargetResult, type Verdict } from './stats.js';

export const PB5_P50_TARGET = 1.5;
export const PB5_P99_TARGET = 2;
/** Perf notes, PB5: a bulk import may cost up to 15× the btree-only time (budget for imports and migrations). */
export const PB5_BULK_TARGET = 15;
const BULK_PER_WORKER = 200;
const WARMUP_CALLS = 40;
const CHUNK = 50;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type VariantKey = 'exclude' | 'btree';

/**
 * Leaves plain btree indexes only (the baseline schema): drops both exclusion constraints. The
 * migration's (org_id, worker_id|team_id, starts_at) partial btrees stay, as in the real schema.
 */
export async function replaceExclusionByBtree(owner: pg.Pool | pg.Client): Promise<void> {
  await owner.query('ALTER TABLE booking_workers DROP CONSTRAINT booking_workers_no_overlap');
  await owner.query('ALTER TABLE booking_team_blocks DROP CONSTRAINT booking_team_blocks_no_overlap');
  await owner.query('ANALYZE booking_workers');
  await owner.query('ANALYZE booking_team_blocks');
}

interface Variant {
  readonly key: VariantKey;
  readonly scratch: ScratchDatabase;
  readonly runtime: Runtime;
  readonly owner: pg.Pool;
  readonly seed: ScheduleSeed;
  /** Bookings made so far by this variant: the next free (worker, slot) is derived from it. */
  made: number;
}

/** The n-th booking a variant writes: worker n mod W, on the days after the seeded ones, one slot each. */
function nthBooking(seed: ScheduleSeed, n: number): { workerId: string; start: Date; end: Date } {
  const workers = seed.workerIds.length;
  const round = Math.floor(n / workers);
  const day = seed.days + 1 + Math.floor(round / SLOT_HOURS.length);
  const start = new Date(seed.base.getTime() + day * DAY + SLOT_HOURS[round % SLOT_HOURS.length]! * HOUR);
  return { workerId: seed.workerIds[n % workers]!, start, end: new Date(start.getTime() + BOOKING_HOURS * HOUR) };
}

async function createOne(v: Variant): Promise<number> {
  const { workerId, start, end } = nthBooking(v.seed, v.made++);
  const t0 = process.hrtime.bigint();
  await v.runtime.core.bookings.create.execute(adminContext(v.seed.orgId), {
    clientId: v.seed.clientId,
    start: start.toISOString(),
    end: end.toISOString(),
    status: 'confirmed',
    workerIds: [workerId],
    notes: 'PB5',
  });
  return msSince(t0);
}

async function setUp(serverUrl: string, key: VariantKey, pool: number, log: Log): Promise<Variant> {
  const scratch = await createScratchDatabase(serverUrl, `pb5_${key}`);
  const owner = new pg.Pool({ connectionString: scratch.url, max: 2, application_name: `cws-bench-pb5-${key}-owner` });
  owner.on('error', () => {});
  let runtime: Runtime | null = null;
  try {
    if (key === 'btree') await replaceExclusionByBtree(owner);
    runtime = await benchRuntime(scratch.url, { DATABASE_POOL_MAX: String(pool) });
    const seed = await seedSchedule(runtime, owner, { ...DEFAULT_SEED, label: `PB5${key}` });
    const constraints = await owner.query<{ conname: string }>(
      "SELECT conname FROM pg_constraint WHERE contype = 'x' AND conrelid IN ('booking_workers'::regclass, 'booking_team_blocks'::regclass) ORDER BY 1",
    );
    log(
      `  ${key.padEnd(7)} ${scratch.name}: ${fmt(seed.bookings)} bookings seeded; exclusion constraints: ${constraints.rows.map((r) => r.conname).join(', ') || 'none (btree indexes instead)'}`,
    );
    return { key, scratch, runtime, owner, seed, made: 0 };
  } catch (err) {
    await runtime?.close().catch(() => {});
    await owner.end().catch(() => {});
    await scratch.drop().catch(() => {});
    throw err;
  }
}

async function tearDown(v: Variant | null, log: Log): Promise<void> {
  if (v === null) return;
  await v.runtime.close().catch(() => {});
  await v.owner.end().catch(() => {});
  await v.scratch.drop().catch((err: unknown) => log(`  warning: could not drop ${v.scratch.name}: ${String(err)}`));
}

type Mode = 'sequential' | 'concurrent';

/**
 * 200 bookings per worker on days 100… after the seed's day 0, one per worker per day in slot
 * (w + k) mod 5 (so nothing overlaps), with their occupancy rows, in one statement; returns ms.
 */
async function bulkImport(v: Variant): Promise<{ ms: number; rows: number }> {
  const client = await v.owner.connect();
  try {
    const t0 = process.hrtime.bigint();
    const result = await client.query(
      `WITH g AS (
         SELECT gen_random_uuid() AS id, ($3::uuid[])[w + 1] AS worker_id,
                $4::timestamptz + (100 + k) * interval '1 day' + (8 + 2 * ((w + k) % 5)) * interval '1 hour' AS starts_at
           FROM generate_series(0, cardinality($3::uuid[]) - 1) AS w, generate_series(0, $5::int - 1) AS k
       ), b AS (
         INSERT INTO bookings (org_id, id, client_id, starts_at, ends_at, time_zone, status, currency, notes)
         SELECT $1, g.id, $2, g.starts_at, g.starts_at + interval '2 hours', 'UTC', 'confirmed', 'USD', 'PB5 bulk' FROM g
       )
       INSERT INTO booking_workers (org_id, booking_id, worker_id, starts_at, ends_at, active, via_team)
       SELECT $1, g.id, g.worker_id, g.starts_at, g.starts_at + interval '2 hours', true, false FROM g`,
      [v.seed.orgId, v.seed.clientId, v.seed.workerIds, v.seed.base, BULK_PER_WORKER],
    );
    return { ms: msSince(t0), rows: result.rowCount ?? 0 };
  } finally {
    client.release();
  }
}

export async function runBookingWriteBench(options: BenchOptions, log: Log = console.log): Promise<BenchReport> {
  log('PB5  booking write path: core.bookings.create under the exclusion constraints vs the same schema with plain btree indexes');
  const modes: Mode[] = ['sequential', 'concurrent'];
  const targetName = (mode: Mode, which: 'p50' | 'p99') =>
    `${mode}: ${which} exclude/btree ≤ ${which === 'p50' ? PB5_P50_TARGET : PB5_P99_TARGET}×`;
  if (options.serverUrl === null) {
    const reason = 'needs a PostgreSQL server (set TEST_DATABASE_URL): two scratch databases with different schemas, and concurrent callers';
    log(`  SKIPPED — ${reason}`);
    return {
      bench: 'PB5',
      targets: [
        ...modes.flatMap((m) => (['p50', 'p99'] as const).map((w) => ({ bench: 'PB5', name: targetName(m, w), verdict: 'SKIP' as const, detail: reason }))),
        { bench: 'PB5', name: `bulk import: exclude/btree ≤ ${PB5_BULK_TARGET}×`, verdict: 'SKIP' as const, detail: reason },
      ],
      ratios: [],
    };
  }
  const clients = options.pb5Clients;
  let exclude: Variant | null = null;
  let btree: Variant | null = null;
  try {
    exclude = await setUp(options.serverUrl, 'exclude', clients, log);
    btree = await setUp(options.serverUrl, 'btree', clients, log);
    const variants = [exclude, btree] as const;
    const sc = await exclude.owner.query("SELECT current_setting('synchronous_commit') AS sc, current_setting('server_version') AS v");
    log(`  PostgreSQL ${sc.rows[0].v}, synchronous_commit=${sc.rows[0].sc}; app pools of ${clients} connections each`);
    log(
      `  method: ${options.reps} reps × ${options.pb5Runs} bookings per variant and mode; sequential: variants alternate call by call; ` +
        `concurrent: ${clients} callers, chunks of ${CHUNK} alternating; ${WARMUP_CALLS} warm-up calls per variant`,
    );

    for (let i = 0; i < WARMUP_CALLS; i++) for (const v of variants) await createOne(v);

    const results: Record<Mode, Array<Record<VariantKey, Latency>>> = { sequential: [], concurrent: [] };
    const walls: Record<Mode, Array<Record<VariantKey, number>>> = { sequential: [], concurrent: [] };
    for (let rep = 0; rep < options.reps; rep++) {
      for (const mode of modes) {
        const samples: Record<VariantKey, number[]> = { exclude: [], btree: [] };
        const wall: Record<VariantKey, number> = { exclude: 0, btree: 0 };
        if (mode === 'sequential') {
          for (let i = 0; i < options.pb5Runs; i++) {
            const order = (i + rep) % 2 === 0 ? variants : ([btree, exclude] as const);
            for (const v of order) {
              const ms = await createOne(v);
              samples[v.key].push(ms);
              wall[v.key] += ms;
            }
          }
        } else {
          for (let c = 0; c * CHUNK < options.pb5Runs; c++) {
            const size = Math.min(CHUNK, options.pb5Runs - c * CHUNK);
            const order = (c + rep) % 2 === 0 ? variants : ([btree, exclude] as const);
            for (const v of order) {
              const t0 = process.hrtime.bigint();
              await lanes(size, clients, async () => {
                samples[v.key].push(await createOne(v));
              });
              wall[v.key] += msSince(t0);
            }
          }
        }
        results[mode].push({ exclude: latency(samples.exclude), btree: latency(samples.btree) });
        walls[mode].push(wall);
      }
    }

    // Bulk import, once per variant (btree first: the order matters little for one statement each).
    const bulkB = await bulkImport(btree);
    const bulkX = await bulkImport(exclude);
    const bulkRatio = bulkX.ms / bulkB.ms;
    log(
      `  bulk import of ${fmt(bulkX.rows)} bookings + occupancy rows in one INSERT … SELECT: ${fmt(bulkX.ms / 1000, 2)} s under the exclusion constraint, ` +
        `${fmt(bulkB.ms / 1000, 2)} s with the btree: ${fmt(bulkRatio, 2)}× (budget ≤ ${PB5_BULK_TARGET}×)`,
    );

    // Diagnostic, after the measurement: each statement of a create, timed through knex's events
    // on a core of our own over each database (the write statement, which holds the occupancy
    // insert, is the statement that differs).
    const diagnostic = variants.map((v) => ({
      v,
      knex: createKnex({ connectionString: v.scratch.url, poolMax: 1, statementTimeoutMs: 0, applicationName: `cws-bench-pb5-${v.key}-diag` }),
    }));
    const breakdowns: Partial<Record<VariantKey, CallBreakdown>> = {};
    try {
      const results = await statementBreakdowns(
        diagnostic.map(({ v, knex }) => {
          const core = createCore({ ...createPostgresAdapters(knex), rateLimiter: v.runtime.rateLimiter });
          return {
            knex,
            call: () => {
              const { workerId, start, end } = nthBooking(v.seed, v.made++);
              return core.bookings.create.execute(adminContext(v.seed.orgId), { clientId: v.seed.clientId, start: start.toISOString(), end: end.toISOString(), status: 'confirmed', workerIds: [workerId], notes: 'PB5' });
            },
          };
        }),
        60,
      );
      diagnostic.forEach(({ v }, i) => (breakdowns[v.key] = results[i]!));
    } finally {
      for (const { knex } of diagnostic) await knex.destroy();
    }
    log('');
    logBreakdown(log, 'a create (exclude)', breakdowns.exclude!);
    // The occupancy insert is a CTE of the booking's one write statement (with the lock, the booking
    // and the audit row), which opens with the locks' CTE; the breakdown keeps a statement's first 90 characters.
    const insertMs = (b: CallBreakdown) => b.statements.find((x) => /^WITH locked AS|^insert into "booking_workers"/i.test(x.sql))?.ms ?? Number.NaN;
    log(
      `  the write statement holding the occupancy insert (diagnostic, 60 calls each, alternating): ${fmt(insertMs(breakdowns.exclude!), 3)} ms under the exclusion constraint vs ` +
        `${fmt(insertMs(breakdowns.btree!), 3)} ms with the btree (${fmt(insertMs(breakdowns.exclude!) / insertMs(breakdowns.btree!), 2)}×); ` +
        `whole create ${fmt(breakdowns.exclude!.totalMs, 2)} vs ${fmt(breakdowns.btree!.totalMs, 2)} ms`,
    );

    // Every call made its booking, with its one occupancy row and its audit row.
    for (const v of variants) {
      const counts = await v.owner.query(
        `SELECT (SELECT count(*) FROM bookings WHERE org_id = $1 AND notes = 'PB5')::int AS bookings,
                (SELECT count(*) FROM booking_workers w JOIN bookings b ON b.org_id = w.org_id AND b.id = w.booking_id WHERE b.org_id = $1 AND b.notes = 'PB5')::int AS occupancy,
                (SELECT count(*) FROM admin_audit_logs WHERE org_id = $1 AND action = 'booking.create')::int AS audits`,
        [v.seed.orgId],
      );
      const row = counts.rows[0] as { bookings: number; occupancy: number; audits: number };
      if (row.bookings !== v.made || row.occupancy !== v.made || row.audits !== v.made) {
        throw new Error(`${v.key}: ${v.made} bookings made, but the database holds ${row.bookings} bookings, ${row.occupancy} occupancy rows, ${row.audits} audit rows`);
      }
    }
    log(`  check: each database holds exactly the ${fmt(exclude.made)} bookings made, each with one occupancy row and one audit row`);

    const targets: TargetResult[] = [];
    const ratios: Array<{ name: string; value: string }> = [];
    for (const mode of modes) {
      const rs = results[mode];
      log('');
      log(`  ${mode}${mode === 'concurrent' ? ` (${clients} callers)` : ''}:`);
      log(
        table(
          ['rep', 'variant', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'bookings/s'],
          rs.flatMap((r, i) =>
            (['exclude', 'btree'] as const).map((k) => [
              String(i + 1),
              k,
              fmt(r[k].p50, 3),
              fmt(r[k].p95, 3),
              fmt(r[k].p99, 3),
              fmt(r[k].max, 2),
              fmt((r[k].n / walls[mode][i]![k]) * 1000, 0),
            ]),
          ),
        ),
      );
      const p50 = rs.map((r) => r.exclude.p50 / r.btree.p50);
      const p99 = rs.map((r) => r.exclude.p99 / r.btree.p99);
      const throughput = rs.map((r, i) => r.exclude.n / walls[mode][i]!.exclude / (r.btree.n / walls[mode][i]!.btree));
      const v50: Verdict[] = p50.map((x) => (x <= PB5_P50_TARGET ? 'PASS' : 'MISS'));
      const v99: Verdict[] = p99.map((x) => (x <= PB5_P99_TARGET ? 'PASS' : 'MISS'));
      log(
        table(
          ['rep', 'p50 ratio', `≤ ${PB5_P50_TARGET}`, 'p99 ratio', `≤ ${PB5_P99_TARGET}`, 'throughput ratio (info)'],
          rs.map((_, i) => [String(i + 1), fmt(p50[i]!, 2), v50[i]!, fmt(p99[i]!, 2), v99[i]!, fmt(throughput[i]!, 2)]),
        ),
      );
      const s50 = spread(p50);
      const s99 = spread(p99);
      const st = spread(throughput);
      log(`  ${mode} p50 exclude/btree  ${fmtSpread(s50, 2, '×')}`);
      log(`  ${mode} p99 exclude/btree  ${fmtSpread(s99, 2, '×')}`);
      log(`  ${mode} throughput exclude/btree (info)  ${fmtSpread(st, 2, '×')}`);
      const missed = (vs: Verdict[]) => vs.filter((v) => v !== 'PASS').length;
      const t50: TargetResult = {
        bench: 'PB5',
        name: targetName(mode, 'p50'),
        verdict: majorityVerdict(v50),
        detail: `median ${fmt(s50.median, 2)}× (${fmt(s50.min, 2)}–${fmt(s50.max, 2)}), above in ${missed(v50)}/${v50.length} reps`,
      };
      const t99: TargetResult = {
        bench: 'PB5',
        name: targetName(mode, 'p99'),
        verdict: majorityVerdict(v99),
        detail: `median ${fmt(s99.median, 2)}× (${fmt(s99.min, 2)}–${fmt(s99.max, 2)}), above in ${missed(v99)}/${v99.length} reps`,
      };
      log(verdictLine(t50));
      log(verdictLine(t99));
      targets.push(t50, t99);
      ratios.push({ name: `PB5 ${mode} p50 exclude/btree`, value: `${fmt(s50.median, 2)}× (${fmt(s50.min, 2)}–${fmt(s50.max, 2)})` });
      ratios.push({ name: `PB5 ${mode} p99 exclude/btree`, value: `${fmt(s99.median, 2)}× (${fmt(s99.min, 2)}–${fmt(s99.max, 2)})` });
      ratios.push({ name: `PB5 ${mode} throughput exclude/btree (info)`, value: `${fmt(st.median, 2)}× (${fmt(st.min, 2)}–${fmt(st.max, 2)})` });
    }
    const bulkTarget: TargetResult = {
      bench: 'PB5',
      name: `bulk import of ${fmt(bulkX.rows)} bookings: exclude/btree ≤ ${PB5_BULK_TARGET}×`,
      verdict: bulkRatio <= PB5_BULK_TARGET ? 'PASS' : 'MISS',
      detail: `${fmt(bulkRatio, 2)}× (${fmt(bulkX.ms / 1000, 2)} s vs ${fmt(bulkB.ms / 1000, 2)} s), one run each`,
    };
    log('');
    log(verdictLine(bulkTarget));
    targets.push(bulkTarget);
    ratios.push({ name: 'PB5 bulk import 100k exclude/btree', value: `${fmt(bulkRatio, 2)}× (one run)` });
    return { bench: 'PB5', targets, ratios };
  } finally {
    await tearDown(exclude, log);
    await tearDown(btree, log);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runBookingWriteBench({ ...benchOptions(), only: ['PB5'] }).then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
