/**
 * PB4H — suggestions over HTTP under load, on a PostgreSQL server.
 *
 * The real HTTP app (runtime + Koa app, as PB1 starts it; pool of 10) on the PB4 data set (one
 * org, 500 workers in 50 teams, 10,000 bookings over 28 days; scheduling-seed.ts) in a scratch
 * database. autocannon runs in a worker thread (as PB1's load.ts) with 20 connections, each
 * sending `GET /v1/admin/schedule/suggestions?start&end&skill_tags` with Basic Auth (admin) and
 * X-Test-Org, cycling through 64 different 2-h windows and skill sets, so no single answer is
 * requested over and over. One warm-up run of BENCH_WARMUP_S, then BENCH_REPS runs of
 * BENCH_DURATION_S.
 *
 * Reported per run: req/s, client latency (autocannon's p50/p90/p97.5/p99; it has no p95), the
 * server's own p50/p95 (request in → response finished, timed in the server), the server thread's
 * CPU ms per request and its event-loop busy share, and the response size.
 * Target (issue 12): ≥ 300 req/s at 20 connections, in a majority of runs. This is an absolute
 * figure, so it moves with machine load: read it with the load average printed beside it.
 */
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { createLogger, createRuntime, loadConfig, type Runtime } from '@cws/composition';
import { createHttpApp, startHttpServer, type RunningHttpServer } from '@cws/host-http';
import { LogSink } from './api-stack-setup.js';
import { benchOptions, type BenchOptions } from './bench-options.js';
import { basicAuthorization, hostEnv } from './host-env.js';
import { runLoad, type LoadResult } from './load.js';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database.js';
import { latency, msSince, type Log } from './scheduling-bench-support.js';
import { DEFAULT_SEED, SKILLS, prng, randomWindow, seedSchedule, type ScheduleSeed } from './scheduling-seed.js';
import { fmt, fmtSpread, majorityVerdict, median, spread, table, verdictLine, type BenchReport, type TargetResult, type Verdict } from './stats.js';

export const PB4H_TARGET_RPS = 300;
export const PB4H_CONNECTIONS = 20;
const POOL = 10;
const PATHS = 64;
const ROUTE = '/v1/admin/schedule/suggestions';

/** `count` suggestion requests over random windows of the seed, with 0–2 skill tags each. */
function suggestionPaths(seed: ScheduleSeed, count: number): string[] {
  const random = prng(4242);
  return Array.from({ length: count }, () => {
    const { start, end } = randomWindow(seed, random);
    const tags = [...new Set([SKILLS[Math.floor(random() * SKILLS.length)]!, SKILLS[Math.floor(random() * SKILLS.length)]!])].slice(0, Math.floor(random() * 3));
    const query = new URLSearchParams({ start: start.toISOString(), end: end.toISOString() });
    if (tags.length > 0) query.set('skill_tags', tags.join(','));
    return `${ROUTE}?${query.toString()}`;
  });
}

export async function runSuggestionsHttpBench(options: BenchOptions, log: Log = console.log): Promise<BenchReport> {
  log(`PB4H suggestions over HTTP: GET ${ROUTE} on the real app, ${PB4H_CONNECTIONS} connections, on the PB4 data set`);
  const targetName = `≥ ${PB4H_TARGET_RPS} req/s at ${PB4H_CONNECTIONS} connections`;
  if (options.serverUrl === null) {
    const reason = 'needs a PostgreSQL server (set TEST_DATABASE_URL); PGlite is one session on this thread';
    log(`  SKIPPED — ${reason}`);
    return { bench: 'PB4H', targets: [{ bench: 'PB4H', name: targetName, verdict: 'SKIP', detail: reason }], ratios: [] };
  }

  const scratch: ScratchDatabase = await createScratchDatabase(options.serverUrl, 'pb4h');
  log(`  database: ${scratch.description}`);
  const owner = new pg.Pool({ connectionString: scratch.url, max: 2, application_name: 'cws-bench-pb4h-owner' });
  owner.on('error', () => {});
  const appLog = new LogSink();
  let runtime: Runtime | null = null;
  let app: RunningHttpServer | null = null;
  try {
    const config = loadConfig(
      hostEnv(scratch.url, { DATABASE_POOL_MAX: String(POOL), RATE_LIMIT_PER_MINUTE: '1000000', ADMIN_ACTION_RATE_LIMIT_PER_MINUTE: '1000000' }),
      { dotenvPath: null },
    );
    runtime = await createRuntime(config);
    const seed = await seedSchedule(runtime, owner, { ...DEFAULT_SEED, label: 'PB4H' });
    // Every access log line is still built and serialised by pino; only the write goes nowhere.
    app = await startHttpServer(createHttpApp(runtime, { logger: createLogger(config, appLog) }), '127.0.0.1', 0);
    const headers = { authorization: basicAuthorization(), 'x-test-org': seed.orgId };
    const paths = suggestionPaths(seed, PATHS);

    // Every path answers 200 with suggestions; the size of an answer, as the client receives it.
    const sizes: number[] = [];
    let workers = 0;
    for (const path of paths) {
      const response = await fetch(`${app.url}${path}`, { headers });
      const text = await response.text();
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${text.slice(0, 300)}`);
      sizes.push(Buffer.byteLength(text));
      const body = JSON.parse(text) as { workers?: unknown[] };
      workers += body.workers?.length ?? 0;
    }
    log(
      `  data: 1 org, ${fmt(seed.workerIds.length)} workers in ${seed.teamIds.length} teams, ${fmt(seed.bookings)} bookings over ${seed.days} days; ` +
        `${PATHS} different windows (2 h, 0–2 skill tags), every one answered 200 (checked): median ${fmt(median(sizes) / 1024, 1)} KB, ` +
        `${fmt(workers / PATHS, 0)} workers per answer on average`,
    );

    // The server's own latency: request in → response finished.
    let serverMs: number[] = [];
    app.server.on('request', (_req, res) => {
      const t0 = process.hrtime.bigint();
      res.once('finish', () => serverMs.push(msSince(t0)));
    });
    const url = `${app.url}${paths[0]!}`;
    log(
      `  load: autocannon in a worker thread, ${PB4H_CONNECTIONS} connections, app pool ${POOL}; ${options.durationS} s per run after a ${options.warmupS} s warm-up; ` +
        `${options.reps} runs; Basic Auth (admin) + X-Test-Org`,
    );
    await runLoad({ url, headers, connections: PB4H_CONNECTIONS, durationS: options.warmupS, paths });

    const runs: Array<{ load: LoadResult; server: ReturnType<typeof latency> }> = [];
    for (let rep = 0; rep < options.reps; rep++) {
      serverMs = [];
      const load = await runLoad({ url, headers, connections: PB4H_CONNECTIONS, durationS: options.durationS, paths });
      runs.push({ load, server: latency(serverMs) });
    }
    const perRep: Verdict[] = runs.map((r) => (r.load.rps >= PB4H_TARGET_RPS ? 'PASS' : 'MISS'));
    log('');
    log(
      table(
        ['run', 'req/s', `≥ ${PB4H_TARGET_RPS}`, 'p50 ms', 'p90 ms', 'p97.5 ms', 'p99 ms', 'server p50 ms', 'server p95 ms', 'server thread CPU ms/req', 'busy %', 'machine cores busy'],
        runs.map((r, i) => [
          String(i + 1),
          fmt(r.load.rps),
          perRep[i]!,
          fmt(r.load.p50, 0),
          fmt(r.load.p90, 0),
          fmt(r.load.p97_5, 0),
          fmt(r.load.p99, 0),
          fmt(r.server.p50, 1),
          fmt(r.server.p95, 1),
          fmt(r.load.cpuMsPerRequest, 2),
          fmt(r.load.elu * 100, 0),
          r.load.machineCores === null ? 'n/a' : fmt(r.load.machineCores, 2),
        ]),
      ),
    );
    const rps = spread(runs.map((r) => r.load.rps));
    const cpu = spread(runs.map((r) => r.load.cpuMsPerRequest));
    const p50 = spread(runs.map((r) => r.load.p50));
    const serverP95 = spread(runs.map((r) => r.server.p95));
    log(`  req/s                      ${fmtSpread(rps)}`);
    log(`  client p50                 ${fmtSpread(p50, 0, ' ms')}`);
    log(`  server p95                 ${fmtSpread(serverP95, 1, ' ms')}`);
    log(`  server thread CPU per req  ${fmtSpread(cpu, 2, ' ms')}`);
    const target: TargetResult = {
      bench: 'PB4H',
      name: targetName,
      verdict: majorityVerdict(perRep),
      detail:
        `median ${fmt(rps.median)} req/s (${fmt(rps.min)}–${fmt(rps.max)}), below in ${perRep.filter((v) => v !== 'PASS').length}/${perRep.length} runs; ` +
        `p50 ${fmt(p50.median, 0)} ms, server p95 ${fmt(serverP95.median, 1)} ms, ${fmt(cpu.median, 2)} ms server CPU per request, ${fmt(median(sizes) / 1024, 1)} KB per answer`,
    };
    log('');
    log(verdictLine(target));
    return {
      bench: 'PB4H',
      targets: [target],
      ratios: [
        { name: `PB4H suggestions req/s at ${PB4H_CONNECTIONS} connections`, value: `${fmt(rps.median)} (${fmt(rps.min)}–${fmt(rps.max)})` },
        { name: 'PB4H p50 ms | server p95 ms | CPU ms/req', value: `${fmt(p50.median, 0)} | ${fmt(serverP95.median, 1)} | ${fmt(cpu.median, 2)}` },
      ],
    };
  } catch (err) {
    if (appLog.failures.length > 0) log(`  app log lines of failing requests:\n    ${appLog.failures.join('\n    ')}`);
    throw err;
  } finally {
    // autocannon drops its sockets with requests still queued on the pool; let them drain first.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await app?.close().catch(() => {});
    await runtime?.close().catch(() => {});
    await owner.end().catch(() => {});
    await scratch.drop().catch((err: unknown) => log(`  warning: could not drop the scratch database: ${String(err)}`));
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runSuggestionsHttpBench({ ...benchOptions(), only: ['PB4H'] }).then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
