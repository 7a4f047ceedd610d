/**
 * PB5C — booking create throughput of this tree against an older commit's, in the same run.
 *
 * BENCH_BASELINE_CHECKOUT names a git worktree of the baseline commit (issue 12: d3dbb22, main
 * before the performance work) with its own node_modules (README: `git worktree add`, `npm ci`).
 * Each side gets its own scratch database on the server and its own child process
 * (booking-create-child.ts, forked with that checkout's root and tsx; it loads that checkout's own
 * packages), which migrates the database with its checkout's migrations and makes the org and the
 * client through its own core. This process then writes the same PB4 data set into both (500
 * workers, 10,000 bookings, 14,500 occupancy rows: scheduling-seed.ts, plain SQL as the owner), so
 * the two databases are equal but for their schema versions.
 *
 * Each child creates bookings with `core.bookings.create.execute` — the same inputs on both sides
 * (worker n mod 500 on the days after the data, one slot each: nothing overlaps, every call
 * succeeds). After 40 warm-up creates each, per rep and mode BENCH_PB5_RUNS (300) creates per side
 * in chunks of 20 that alternate between the sides (A B, B A, …); modes: sequential (one caller) and concurrent
 * (BENCH_PB5_CLIENTS callers, pool of as many). Reported: bookings/s and the child's CPU ms per
 * booking (process.cpuUsage: its main thread and libuv's), and the ratio current/baseline.
 * Target (issue 12): booking create ≥ 1.5× the baseline's throughput, per mode, in a majority of
 * reps. Afterwards each database must hold exactly the bookings made, each with its occupancy row.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { benchOptions, type BenchOptions } from './bench-options.js';
import { hostEnv } from './host-env.js';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database.js';
import type { Log } from './scheduling-bench-support.js';
import { DEFAULT_SEED, seedScheduleRows } from './scheduling-seed.js';
import { fmt, fmtSpread, majorityVerdict, median, spread, table, verdictLine, type BenchReport, type TargetResult, type Verdict } from './stats.js';

export const PB5C_TARGET_RATIO = 1.5;
const WARMUP_CREATES = 40;
const CHUNK = 20;
const CHILD_SCRIPT = fileURLToPath(new URL('./booking-create-child.ts', import.meta.url));
const CURRENT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

type SideKey = 'current' | 'baseline';
type Mode = 'sequential' | 'concurrent';

interface Side {
  readonly key: SideKey;
  readonly root: string;
  readonly commit: string;
  readonly scratch: ScratchDatabase;
  readonly owner: pg.Pool;
  readonly child: ChildProcess;
  readonly orgId: string;
  /** The last lines the child wrote to stderr, to explain a failure. */
  readonly stderr: string[];
  made: number;
}

interface RunResult {
  readonly ms: number;
  readonly cpuMs: number;
  readonly count: number;
}

function describeCommit(root: string): string {
  try {
    return execFileSync('git', ['-C', root, 'log', '-1', '--format=%h %s'], { encoding: 'utf8' }).trim().slice(0, 100);
  } catch {
    return '(not a git checkout)';
  }
}

/** The next message of a child, or its error / exit as a thrown error. */
function nextMessage<T>(side: Pick<Side, 'key' | 'child' | 'stderr'>): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    const cleanup = () => {
      side.child.off('message', onMessage);
      side.child.off('exit', onExit);
    };
    const onMessage = (message: { type: string; message?: string }) => {
      cleanup();
      if (message.type === 'error') reject(new Error(`${side.key} child: ${message.message}`));
      else resolvePromise(message as T);
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`${side.key} child exited (${code}) before answering; its stderr:\n${side.stderr.join('')}`));
    };
    side.child.on('message', onMessage);
    side.child.on('exit', onExit);
  });
}

async function startSide(serverUrl: string, key: SideKey, root: string, callers: number, log: Log): Promise<Side> {
  const scratch = await createScratchDatabase(serverUrl, `pb5c_${key}`, { migrate: false });
  const owner = new pg.Pool({ connectionString: scratch.url, max: 2, application_name: `cws-bench-pb5c-${key}-owner` });
  owner.on('error', () => {});
  const stderr: string[] = [];
  const child = fork(CHILD_SCRIPT, [root], {
    cwd: root,
    execArgv: ['--conditions=@cws/source', '--import', 'tsx'],
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '',
      ...hostEnv(scratch.url, { DATABASE_POOL_MAX: String(callers), RATE_LIMIT_PER_MINUTE: '1000000', ADMIN_ACTION_RATE_LIMIT_PER_MINUTE: '1000000' }),
    },
    // Its log lines (INFO, as the hosts run) are built and written, to nowhere.
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr.push(chunk.toString('utf8'));
    if (stderr.length > 20) stderr.shift();
  });
  try {
    const ready = await nextMessage<{ orgId: string; clientId: string }>({ key, child, stderr });
    const seed = await seedScheduleRows(owner, ready.orgId, ready.clientId, { ...DEFAULT_SEED, label: `PB5C${key}` });
    child.send({ type: 'seeded', workerIds: seed.workerIds, base: seed.base.getTime(), days: seed.days });
    const side: Side = { key, root, commit: describeCommit(root), scratch, owner, child, orgId: ready.orgId, stderr, made: 0 };
    const migrations = await owner.query<{ n: number }>('SELECT count(*)::int AS n FROM knex_migrations').catch(() => ({ rows: [{ n: Number.NaN }] }));
    log(`  ${key.padEnd(8)} ${side.commit} — ${scratch.name}: ${migrations.rows[0]!.n} migrations of its own, ${fmt(seed.bookings)} bookings seeded`);
    return side;
  } catch (err) {
    child.kill();
    await owner.end().catch(() => {});
    await scratch.drop().catch(() => {});
    throw err;
  }
}

async function runCreates(side: Side, count: number, callers: number): Promise<RunResult> {
  const answer = nextMessage<RunResult>(side);
  side.child.send({ type: 'run', from: side.made, count, callers });
  const result = await answer;
  side.made += count;
  return result;
}

async function stopSide(side: Side | null, log: Log): Promise<void> {
  if (side === null) return;
  if (side.child.exitCode === null) {
    const exited = new Promise<void>((resolvePromise) => side.child.once('exit', () => resolvePromise()));
    side.child.send({ type: 'close' });
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (side.child.exitCode === null) side.child.kill();
  }
  await side.owner.end().catch(() => {});
  await side.scratch.drop().catch((err: unknown) => log(`  warning: could not drop ${side.scratch.name}: ${String(err)}`));
}

export async function runBookingCreateBaselineBench(options: BenchOptions, log: Log = console.log): Promise<BenchReport> {
  log('PB5C booking create: this tree against the baseline commit (BENCH_BASELINE_CHECKOUT), each through its own core, in the same run');
  const modes: Mode[] = ['sequential', 'concurrent'];
  const targetName = (mode: Mode) => `${mode === 'concurrent' ? `${options.pb5Clients} callers` : 'one caller'}: bookings/s current/baseline ≥ ${PB5C_TARGET_RATIO}×`;
  const skip = (reason: string): BenchReport => {
    log(`  SKIPPED — ${reason}`);
    return { bench: 'PB5C', targets: modes.map((m) => ({ bench: 'PB5C', name: targetName(m), verdict: 'SKIP' as const, detail: reason })), ratios: [] };
  };
  if (options.serverUrl === null) return skip('needs a PostgreSQL server (set TEST_DATABASE_URL)');
  if (options.baselineCheckout === null) {
    return skip('set BENCH_BASELINE_CHECKOUT to a git worktree of the baseline commit with its own node_modules (README, PB5C)');
  }
  const baselineRoot = resolve(options.baselineCheckout);
  if (!existsSync(join(baselineRoot, 'node_modules', '@cws', 'composition'))) {
    return skip(`${baselineRoot} has no node_modules/@cws/composition: run npm ci there first (README, PB5C)`);
  }

  const callers = options.pb5Clients;
  let current: Side | null = null;
  let baseline: Side | null = null;
  try {
    current = await startSide(options.serverUrl, 'current', CURRENT_ROOT, callers, log);
    baseline = await startSide(options.serverUrl, 'baseline', baselineRoot, callers, log);
    const sides = [current, baseline] as const;
    log(
      `  method: ${options.reps} reps × ${options.pb5Runs} creates per side and mode (sequential: one caller; concurrent: ${callers} callers, pools of ${callers}); ` +
        `chunks of ${CHUNK} alternating A B / B A; ${WARMUP_CREATES} warm-up creates each; bookings/s = creates / wall time of the run; CPU = the child process's`,
    );
    for (const side of sides) await runCreates(side, WARMUP_CREATES, 1);

    const results: Record<Mode, Array<Record<SideKey, RunResult>>> = { sequential: [], concurrent: [] };
    for (let rep = 0; rep < options.reps; rep++) {
      for (const mode of modes) {
        // Chunks alternate A B, B A, … so a burst of other work on the machine falls on both sides.
        const r: Record<SideKey, { ms: number; cpuMs: number; count: number }> = { current: { ms: 0, cpuMs: 0, count: 0 }, baseline: { ms: 0, cpuMs: 0, count: 0 } };
        for (let c = 0; c * CHUNK < options.pb5Runs; c++) {
          const size = Math.min(CHUNK, options.pb5Runs - c * CHUNK);
          const order = (c + rep) % 2 === 0 ? sides : ([baseline, current] as const);
          for (const side of order) {
            const x = await runCreates(side, size, mode === 'sequential' ? 1 : callers);
            r[side.key].ms += x.ms;
            r[side.key].cpuMs += x.cpuMs;
            r[side.key].count += x.count;
          }
        }
        results[mode].push(r);
      }
    }

    // Every create made its booking with one occupancy row, on both sides.
    for (const side of sides) {
      const counts = await side.owner.query<{ bookings: number; occupancy: number }>(
        `SELECT (SELECT count(*) FROM bookings WHERE org_id = $1 AND notes = 'PB5C')::int AS bookings,
                (SELECT count(*) FROM booking_workers w JOIN bookings b ON b.org_id = w.org_id AND b.id = w.booking_id WHERE b.org_id = $1 AND b.notes = 'PB5C')::int AS occupancy`,
        [side.orgId],
      );
      const row = counts.rows[0]!;
      if (row.bookings !== side.made || row.occupancy !== side.made) {
        throw new Error(`${side.key}: ${side.made} bookings made, but the database holds ${row.bookings} bookings and ${row.occupancy} occupancy rows`);
      }
    }
    log(`  check: each database holds exactly the ${fmt(current.made)} bookings made, each with one occupancy row`);

    const perSecond = (r: RunResult) => (r.count / r.ms) * 1000;
    const cpuPer = (r: RunResult) => r.cpuMs / r.count;
    const targets: TargetResult[] = [];
    const ratios: Array<{ name: string; value: string }> = [];
    for (const mode of modes) {
      const rs = results[mode];
      const ratio = rs.map((r) => perSecond(r.current) / perSecond(r.baseline));
      const perRep: Verdict[] = ratio.map((x) => (x >= PB5C_TARGET_RATIO ? 'PASS' : 'MISS'));
      log('');
      log(`  ${mode}${mode === 'concurrent' ? ` (${callers} callers)` : ''}:`);
      log(
        table(
          ['rep', 'current bookings/s', 'baseline bookings/s', 'ratio', `≥ ${PB5C_TARGET_RATIO}`, 'current CPU ms/booking', 'baseline CPU ms/booking'],
          rs.map((r, i) => [
            String(i + 1),
            fmt(perSecond(r.current), 0),
            fmt(perSecond(r.baseline), 0),
            fmt(ratio[i]!, 2),
            perRep[i]!,
            fmt(cpuPer(r.current), 2),
            fmt(cpuPer(r.baseline), 2),
          ]),
        ),
      );
      const s = spread(ratio);
      const cpuC = median(rs.map((r) => cpuPer(r.current)));
      const cpuB = median(rs.map((r) => cpuPer(r.baseline)));
      log(`  ${mode} bookings/s current/baseline  ${fmtSpread(s, 2, '×')}`);
      const target: TargetResult = {
        bench: 'PB5C',
        name: targetName(mode),
        verdict: majorityVerdict(perRep),
        detail:
          `median ${fmt(s.median, 2)}× (${fmt(s.min, 2)}–${fmt(s.max, 2)}), below in ${perRep.filter((v) => v !== 'PASS').length}/${perRep.length} reps; ` +
          `${fmt(median(rs.map((r) => perSecond(r.current))), 0)} vs ${fmt(median(rs.map((r) => perSecond(r.baseline))), 0)} bookings/s; CPU ${fmt(cpuC, 2)} vs ${fmt(cpuB, 2)} ms per booking; baseline ${baseline.commit.split(' ')[0]}`,
      };
      log(verdictLine(target));
      targets.push(target);
      ratios.push({ name: `PB5C ${mode} bookings/s current/baseline`, value: `${fmt(s.median, 2)}× (${fmt(s.min, 2)}–${fmt(s.max, 2)})` });
      ratios.push({ name: `PB5C ${mode} CPU ms/booking current | baseline`, value: `${fmt(cpuC, 2)} | ${fmt(cpuB, 2)}` });
    }
    return { bench: 'PB5C', targets, ratios };
  } finally {
    await stopSide(current, log);
    await stopSide(baseline, log);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runBookingCreateBaselineBench({ ...benchOptions(), only: ['PB5C'] }).then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
