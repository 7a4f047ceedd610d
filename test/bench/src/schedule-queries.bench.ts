/**
 * PB4 — scheduling queries against a plain indexed range query, on a PostgreSQL server.
 *
 *   conflicts    core.schedule.conflicts.execute(ctx, { start, end, workerId }): one tenant unit of
 *                work (org settings, the worker, blackouts, the worker's team's blocks, the
 *                worker's occupancy).
 *   suggestions  core.schedule.suggestions.execute(ctx, { start, end, skillTags }): blackouts, every
 *                active worker and team, the occupancy of every worker over the window's day,
 *                team blocks; ranked in Node.
 *   baseline     `SELECT id, client_id, starts_at, ends_at, status FROM bookings WHERE org_id = $1
 *                AND starts_at < $to AND ends_at > $from` on the btree (org_id, starts_at, id)
 *                (bookings_org_starts_idx, migration 0007), run through the SAME tenant
 *                transaction helper (`inTenantTransaction`: BEGIN + RLS prelude in one message,
 *                the query, COMMIT), so both sides pay the same BEGIN/RLS cost.
 *   occupancy    diagnostic, no target: the worker-occupancy statement the repository sends for a
 *                conflict check, alone in the same tenant transaction.
 *
 * Data (scheduling-seed.ts): one org, 500 workers in 50 teams, 10,000 bookings over 28 days
 * (9,500 worker bookings, 500 team bookings; 14,500 occupancy rows), 26 blackouts, in a scratch
 * database created, migrated and dropped by this run. Windows are 2 h on a random half hour
 * 07:00–17:00 of a random day; each iteration gives every variant the same window (and the
 * conflicts check a random worker, the suggestions 1–2 random skill tags), in rotating order.
 * 30 warm-up iterations, then BENCH_REPS reps × BENCH_PB4_RUNS iterations.
 *
 * Targets (perf notes, Part A′): conflicts median ≤ 2× the baseline's, and the occupancy plan uses
 * an index bounding the time range on both sides (the (org, worker, starts_at) partial btree, not
 * the GiST index the notes name: see OCCUPANCY_INDEX) with no Seq Scan; suggestions median ≤ 5× the baseline's
 * and p95 ≤ 25 ms. A missed target is reported (MISS/FAIL), never thrown.
 */
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import type { Runtime } from '@cws/composition';
import { MAX_BOOKING_MINUTES, createCore } from '@cws/core';
import { createKnex, createPostgresAdapters, inTenantTransaction, type Knex } from '@cws/adapter-postgres';
import { benchOptions, type BenchOptions } from './bench-options.js';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database.js';
import {
  benchRuntime,
  captureAdapterSql,
  explainInTenant,
  latency,
  logBreakdown,
  logPlan,
  statementBreakdown,
  msSince,
  type CapturedSql,
  type Log,
  type PlanSummary,
} from './scheduling-bench-support.js';
import { DEFAULT_SEED, SKILLS, adminContext, prng, randomWindow, seedSchedule, type ScheduleSeed } from './scheduling-seed.js';
import { fmt, fmtSpread, majorityVerdict, median, spread, table, verdictLine, type BenchReport, type TargetResult, type Verdict } from './stats.js';

export const PB4_CONFLICTS_TARGET = 2;
export const PB4_SUGGESTIONS_TARGET = 5;
export const PB4_SUGGESTIONS_P95_MS = 25;
const WARMUP_RUNS = 30;
// The perf notes asked for the exclusion constraint's GiST index; under RLS its range && cannot be
// an index condition (not leakproof), so a conflict check would read the worker's whole history.
// The partial btree bounds both ends of the time range instead (ADR 12).
const OCCUPANCY_INDEX = 'booking_workers_worker_starts_idx';

export const BASELINE_SQL = 'SELECT id, client_id, starts_at, ends_at, status FROM bookings WHERE org_id = ? AND starts_at < ? AND ends_at > ?';

interface Input {
  readonly start: Date;
  readonly end: Date;
  readonly workerId: string;
  readonly skillTags: string[];
}

function inputs(seed: ScheduleSeed, count: number, seedValue: number): Input[] {
  const random = prng(seedValue);
  return Array.from({ length: count }, () => {
    const { start, end } = randomWindow(seed, random);
    const workerId = seed.workerIds[Math.floor(random() * seed.workerIds.length)]!;
    const first = SKILLS[Math.floor(random() * SKILLS.length)]!;
    const second = SKILLS[Math.floor(random() * SKILLS.length)]!;
    return { start, end, workerId, skillTags: random() < 0.5 ? [first] : [...new Set([first, second])] };
  });
}

type Variant = 'conflicts' | 'suggestions' | 'baseline' | 'occupancy';
const VARIANTS: readonly Variant[] = ['conflicts', 'suggestions', 'baseline', 'occupancy'];

export async function runScheduleQueriesBench(options: BenchOptions, log: Log = console.log): Promise<BenchReport> {
  log('PB4  scheduling queries: conflicts / suggestions (core use cases) vs a plain indexed range query on bookings');
  const targetNames = [
    `conflicts/baseline median ≤ ${PB4_CONFLICTS_TARGET}×`,
    `conflict occupancy plan uses ${OCCUPANCY_INDEX}, no Seq Scan`,
    `suggestions/baseline median ≤ ${PB4_SUGGESTIONS_TARGET}×`,
    `suggestions p95 ≤ ${PB4_SUGGESTIONS_P95_MS} ms`,
  ];
  if (options.serverUrl === null) {
    const reason = 'needs a PostgreSQL server (set TEST_DATABASE_URL); PGlite is one session on this thread and says nothing about these plans';
    log(`  SKIPPED — ${reason}`);
    return { bench: 'PB4', targets: targetNames.map((name) => ({ bench: 'PB4', name, verdict: 'SKIP' as const, detail: reason })), ratios: [] };
  }

  const scratch: ScratchDatabase = await createScratchDatabase(options.serverUrl, 'pb4');
  log(`  database: ${scratch.description}`);
  let runtime: Runtime | null = null;
  let knex: Knex | null = null;
  const owner = new pg.Pool({ connectionString: scratch.url, max: 2, application_name: 'cws-bench-pb4-owner' });
  owner.on('error', () => {});
  try {
    // One connection each: the variants run one at a time, like one dispatcher's requests.
    runtime = await benchRuntime(scratch.url, { DATABASE_POOL_MAX: '1' });
    knex = createKnex({ connectionString: scratch.url, poolMax: 1, statementTimeoutMs: 0, applicationName: 'cws-bench-pb4' });

    const loadStart = process.hrtime.bigint();
    const seed = await seedSchedule(runtime, owner, { ...DEFAULT_SEED, label: 'PB4' });
    const size = await owner.query(
      "SELECT pg_size_pretty(pg_total_relation_size('bookings')) AS bookings, pg_size_pretty(pg_total_relation_size('booking_workers')) AS occupancy",
    );
    log(
      `  data: 1 org, ${fmt(seed.workerIds.length)} workers in ${seed.teamIds.length} teams, ${fmt(seed.bookings)} bookings over ${seed.days} days ` +
        `(${fmt(seed.occupancyRows)} worker occupancy rows), ${seed.blackouts} blackouts; loaded + analyzed in ${fmt(msSince(loadStart) / 1000, 1)} s; ` +
        `bookings ${size.rows[0].bookings}, booking_workers ${size.rows[0].occupancy} (with indexes)`,
    );

    // The statement the repository sends for a conflict check's occupancy, captured from knex.
    const probe = inputs(seed, 1, 7)[0]!;
    const captured = await captureAdapterSql(knex, adminContext(seed.orgId), (repos) =>
      repos.bookings.workerOccupancy({ from: probe.start, to: probe.end }, { workerIds: [probe.workerId], excludeBookingId: null }),
    );
    if (captured.length !== 1) throw new Error(`expected one occupancy statement from the adapter, got ${captured.length}`);
    const occupancySql: CapturedSql = captured[0]!;
    log(`  occupancy SQL (captured from the adapter): ${occupancySql.sql.replace(/\s+/g, ' ')}`);
    const occupancyBindings = (input: Input): unknown[] => {
      // The captured bindings are [org, to, from, earliest start, workerIds]; the same statement
      // with this input's values (an overlapping booking starts at most MAX_BOOKING_MINUTES early).
      const b = occupancySql.bindings;
      if (b.length !== 5 || b[0] !== seed.orgId || !Array.isArray(b[4])) {
        throw new Error(`the occupancy statement's bindings are no longer (org, to, from, earliest start, worker ids): ${JSON.stringify(b)}`);
      }
      return [seed.orgId, input.end, input.start, new Date(input.start.getTime() - MAX_BOOKING_MINUTES * 60_000), [input.workerId]];
    };
    let baselineSql = '';
    {
      let i = 0;
      baselineSql = BASELINE_SQL.replace(/\?/g, () => `$${++i}`);
    }

    // Plans, as the app runs them (role cws_app, RLS on).
    const explainClient = await owner.connect();
    let conflictPlan: PlanSummary;
    try {
      conflictPlan = await explainInTenant(explainClient, seed.orgId, occupancySql.sql, occupancyBindings(probe));
      logPlan(log, 'conflict occupancy (one worker)', conflictPlan);
      const team = seed.workerTeam[seed.workerIds.indexOf(probe.workerId)]!;
      const teamSql = await captureAdapterSql(knex, adminContext(seed.orgId), (repos) =>
        repos.bookings.teamOccupancy({ from: probe.start, to: probe.end }, { teamIds: [team], excludeBookingId: null }),
      );
      logPlan(log, "conflict team blocks (the worker's team)", await explainInTenant(explainClient, seed.orgId, teamSql[0]!.sql, teamSql[0]!.bindings));
      // Suggestions read every worker's occupancy over the window's whole day; the baseline reads a
      // 2-h window. The occupancy scan is bounded on both sides (starts_at from − 24 h to `to`); the
      // baseline only on one, so its cost depends on where the day lies: shown for two days.
      for (const [label, day] of [
        ['day 0', 0],
        [`day ${seed.days - 3}`, seed.days - 3],
      ] as const) {
        const dayStart = new Date(seed.base.getTime() + day * 86_400_000);
        const dayEnd = new Date(dayStart.getTime() + 86_400_000);
        const suggestionsSql = await captureAdapterSql(knex, adminContext(seed.orgId), (repos) =>
          repos.bookings.workerOccupancy({ from: dayStart, to: dayEnd }, { workerIds: null, excludeBookingId: null }),
        );
        logPlan(log, `suggestions occupancy (every worker, ${label})`, await explainInTenant(explainClient, seed.orgId, suggestionsSql[0]!.sql, suggestionsSql[0]!.bindings));
        const from = new Date(dayStart.getTime() + 10 * 3_600_000);
        logPlan(log, `baseline (10:00–12:00 on ${label})`, await explainInTenant(explainClient, seed.orgId, baselineSql, [seed.orgId, new Date(from.getTime() + 2 * 3_600_000), from]));
      }
    } finally {
      explainClient.release();
    }

    const core = runtime.core;
    const kx = knex;
    const run: Record<Variant, (input: Input) => Promise<number>> = {
      conflicts: async (input) => {
        const t0 = process.hrtime.bigint();
        await core.schedule.conflicts.execute(adminContext(seed.orgId), { start: input.start.toISOString(), end: input.end.toISOString(), workerId: input.workerId });
        return msSince(t0);
      },
      suggestions: async (input) => {
        const t0 = process.hrtime.bigint();
        await core.schedule.suggestions.execute(adminContext(seed.orgId), { start: input.start.toISOString(), end: input.end.toISOString(), skillTags: input.skillTags });
        return msSince(t0);
      },
      baseline: async (input) => {
        const t0 = process.hrtime.bigint();
        await inTenantTransaction(kx, seed.orgId, (db) => db.raw(BASELINE_SQL, [seed.orgId, input.end, input.start]));
        return msSince(t0);
      },
      occupancy: async (input) => {
        const t0 = process.hrtime.bigint();
        await inTenantTransaction(kx, seed.orgId, (db) => db.raw(occupancySql.sql.replace(/\$\d+/g, '?'), occupancyBindings(input) as Knex.RawBinding[]));
        return msSince(t0);
      },
    };

    // Sanity: the answers are what the data says (a worker booked in a slot shows a booking conflict).
    {
      const report = await core.schedule.conflicts.execute(adminContext(seed.orgId), {
        start: new Date(seed.base.getTime() + 8 * 3_600_000).toISOString(),
        end: new Date(seed.base.getTime() + 10 * 3_600_000).toISOString(),
        workerId: seed.workerIds[0]!,
      });
      if (!report.conflicts.some((c) => c.kind === 'booking')) throw new Error('worker 0 is booked 08:00–10:00 on day 0, but conflicts found no booking');
      const s = await core.schedule.suggestions.execute(adminContext(seed.orgId), { start: probe.start.toISOString(), end: probe.end.toISOString(), skillTags: [] });
      log(`  check: worker 0 is booked on day 0 08:00 (conflict found); suggestions for the probe window: ${s.workers.length} workers, ${s.teams.length} teams free`);
    }

    log(
      `  method: one caller, ${options.reps} reps × ${options.pb4Runs} iterations; each iteration runs the variants ${VARIANTS.join(', ')} ` +
        `on the same random input, in rotating order; ${WARMUP_RUNS} warm-up iterations; runtime and baseline each on a pool of 1 connection`,
    );
    for (const input of inputs(seed, WARMUP_RUNS, 99)) for (const v of VARIANTS) await run[v](input);

    const samples: Array<Record<Variant, number[]>> = [];
    for (let rep = 0; rep < options.reps; rep++) {
      const s: Record<Variant, number[]> = { conflicts: [], suggestions: [], baseline: [], occupancy: [] };
      const list = inputs(seed, options.pb4Runs, 1000 + rep);
      for (let i = 0; i < list.length; i++) {
        for (let j = 0; j < VARIANTS.length; j++) {
          const v = VARIANTS[(i + j) % VARIANTS.length]!;
          s[v].push(await run[v](list[i]!));
        }
      }
      samples.push(s);
    }

    const rows = samples.flatMap((s, rep) =>
      VARIANTS.map((v) => {
        const l = latency(s[v]);
        const base = median(s.baseline);
        return [String(rep + 1), v, fmt(l.p50, 3), fmt(l.p95, 3), fmt(l.p99, 3), fmt(l.max, 2), v === 'baseline' ? '1.00' : fmt(l.p50 / base, 2)];
      }),
    );
    log('');
    log(table(['rep', 'variant', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'p50 / baseline p50'], rows));

    const conflictRatios = samples.map((s) => median(s.conflicts) / median(s.baseline));
    const suggestionRatios = samples.map((s) => median(s.suggestions) / median(s.baseline));
    const occupancyRatios = samples.map((s) => median(s.occupancy) / median(s.baseline));
    const suggestionP95 = samples.map((s) => latency(s.suggestions).p95);
    const conflictVerdicts: Verdict[] = conflictRatios.map((r) => (r <= PB4_CONFLICTS_TARGET ? 'PASS' : 'MISS'));
    const suggestionVerdicts: Verdict[] = suggestionRatios.map((r) => (r <= PB4_SUGGESTIONS_TARGET ? 'PASS' : 'MISS'));
    const p95Verdicts: Verdict[] = suggestionP95.map((p) => (p <= PB4_SUGGESTIONS_P95_MS ? 'PASS' : 'MISS'));
    log('');
    log(
      table(
        ['rep', 'conflicts ratio', `≤ ${PB4_CONFLICTS_TARGET}`, 'suggestions ratio', `≤ ${PB4_SUGGESTIONS_TARGET}`, 'suggestions p95 ms', `≤ ${PB4_SUGGESTIONS_P95_MS}`, 'occupancy-only ratio'],
        samples.map((_, i) => [
          String(i + 1),
          fmt(conflictRatios[i]!, 2),
          conflictVerdicts[i]!,
          fmt(suggestionRatios[i]!, 2),
          suggestionVerdicts[i]!,
          fmt(suggestionP95[i]!, 2),
          p95Verdicts[i]!,
          fmt(occupancyRatios[i]!, 2),
        ]),
      ),
    );
    const cr = spread(conflictRatios);
    const sr = spread(suggestionRatios);
    const orr = spread(occupancyRatios);
    const sp = spread(suggestionP95);
    log('');
    log(`  conflicts / baseline     ${fmtSpread(cr, 2, '×')}`);
    log(`  suggestions / baseline   ${fmtSpread(sr, 2, '×')}`);
    log(`  suggestions p95          ${fmtSpread(sp, 2, ' ms')}`);
    log(`  diagnostic, no target: occupancy statement alone in a tenant transaction / baseline  ${fmtSpread(orr, 2, '×')}`);

    // Diagnostic, after the measurement: the same use cases on a core of our own over `knex`, whose
    // events time each statement.
    {
      const diagnosticCore = createCore({ ...createPostgresAdapters(kx), rateLimiter: runtime.rateLimiter });
      const list = inputs(seed, 40, 5);
      let i = 0;
      log('');
      logBreakdown(
        log,
        'suggestions',
        await statementBreakdown(kx, list.length, () => {
          const input = list[i++ % list.length]!;
          return diagnosticCore.schedule.suggestions.execute(adminContext(seed.orgId), { start: input.start.toISOString(), end: input.end.toISOString(), skillTags: input.skillTags });
        }),
      );
      logBreakdown(
        log,
        'conflicts',
        await statementBreakdown(kx, list.length, () => {
          const input = list[i++ % list.length]!;
          return diagnosticCore.schedule.conflicts.execute(adminContext(seed.orgId), { start: input.start.toISOString(), end: input.end.toISOString(), workerId: input.workerId });
        }),
      );
    }

    const usesIndex = conflictPlan.indexes.includes(OCCUPANCY_INDEX);
    const noSeq = conflictPlan.seqScans.length === 0;
    const count = (vs: Verdict[]) => vs.filter((v) => v !== 'PASS').length;
    const targets: TargetResult[] = [
      {
        bench: 'PB4',
        name: targetNames[0]!,
        verdict: majorityVerdict(conflictVerdicts),
        detail: `median ${fmt(cr.median, 2)}× (${fmt(cr.min, 2)}–${fmt(cr.max, 2)}), above in ${count(conflictVerdicts)}/${conflictVerdicts.length} reps`,
      },
      {
        bench: 'PB4',
        name: targetNames[1]!,
        verdict: usesIndex && noSeq ? 'PASS' : 'FAIL',
        detail: `${conflictPlan.shape}${usesIndex ? '' : ` — does not use ${OCCUPANCY_INDEX}`}${noSeq ? '' : ` — Seq Scan on ${conflictPlan.seqScans.join(', ')}`}`,
      },
      {
        bench: 'PB4',
        name: targetNames[2]!,
        verdict: majorityVerdict(suggestionVerdicts),
        detail: `median ${fmt(sr.median, 2)}× (${fmt(sr.min, 2)}–${fmt(sr.max, 2)}), above in ${count(suggestionVerdicts)}/${suggestionVerdicts.length} reps`,
      },
      {
        bench: 'PB4',
        name: targetNames[3]!,
        verdict: majorityVerdict(p95Verdicts),
        detail: `median ${fmt(sp.median, 2)} ms (${fmt(sp.min, 2)}–${fmt(sp.max, 2)}), above in ${count(p95Verdicts)}/${p95Verdicts.length} reps`,
      },
    ];
    log('');
    for (const t of targets) log(verdictLine(t));
    return {
      bench: 'PB4',
      targets,
      ratios: [
        { name: 'PB4 conflicts/baseline', value: `${fmt(cr.median, 2)}× (${fmt(cr.min, 2)}–${fmt(cr.max, 2)})` },
        { name: 'PB4 suggestions/baseline', value: `${fmt(sr.median, 2)}× (${fmt(sr.min, 2)}–${fmt(sr.max, 2)})` },
        { name: 'PB4 suggestions p95 ms', value: `${fmt(sp.median, 2)} (${fmt(sp.min, 2)}–${fmt(sp.max, 2)})` },
        { name: 'PB4 occupancy statement only/baseline (info)', value: `${fmt(orr.median, 2)}× (${fmt(orr.min, 2)}–${fmt(orr.max, 2)})` },
      ],
    };
  } finally {
    await knex?.destroy().catch(() => {});
    await runtime?.close().catch(() => {});
    await owner.end().catch(() => {});
    await scratch.drop().catch((err: unknown) => log(`  warning: could not drop the scratch database: ${String(err)}`));
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runScheduleQueriesBench({ ...benchOptions(), only: ['PB4'] }).then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
