/**
 * `npm run bench`: PB1 (API stack vs bare pg route), PB2 (RLS vs explicit org filter), PB3 (outbox
 * delivery vs a plain SKIP LOCKED loop, and its latency through the pump), PB4
 * (scheduling queries vs the properly bounded range query), PB4H (suggestions over HTTP under load), PB5C (booking create against an older checkout, BENCH_BASELINE_CHECKOUT), PB5 (booking writes under the exclusion constraint vs
 * btree), PB6 (text search at a million leads, and lists under concurrent searches), PB7 (billing:
 * invoice list vs a plain pg route, Stripe webhook p99 at a fixed rate, reconcile report vs a plain
 * query), PB8 (the embedded database vs the server under `npm start`'s list route) and T1
 * (double-booking load test over HTTP, with its control run), every ratio, and a
 * summary of the targets. Exit code 0 whatever the benchmark verdicts (benchmarks report, they
 * do not gate CI); 1 when a benchmark could not run (an error, including failing requests) or
 * when T1, a correctness test, has a FAIL.
 * Options: see bench-options.ts (BENCH_DURATION_S, BENCH_REPS, BENCH_SIZES, TEST_DATABASE_URL, …).
 */
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { runApiStackBench } from './api-stack.bench.js';
import { benchOptions, redactUrl } from './bench-options.js';
import { runRlsQueryCostBench } from './rls-query-cost.bench.js';
import { runOutboxDeliveryBench } from './outbox-delivery.bench.js';
import { runScheduleQueriesBench } from './schedule-queries.bench.js';
import { runSuggestionsHttpBench } from './suggestions-http.bench.js';
import { runBookingWriteBench } from './booking-write.bench.js';
import { runBookingCreateBaselineBench } from './booking-create-baseline.bench.js';
import { runBookingRaceBench } from './booking-race.bench.js';
import { runSearchBench } from './search.bench.js';
import { runBillingBench } from './billing.bench.js';
import { runEmbeddedVsServerBench } from './embedded-vs-server.bench.js';
import { table, verdictLine, type BenchReport } from './stats.js';

const loadText = () => loadavg().map((x) => x.toFixed(2)).join(' / ') + ' (1/5/15 min)';

async function main(): Promise<number> {
  const options = benchOptions();
  const started = Date.now();
  const log = (line = '') => console.log(line);
  log(`CleanWithSnapshot benchmarks — ${new Date().toISOString()}`);
  log(
    `  machine: ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(totalmem() / 2 ** 30)} GiB, ` +
      `Node ${process.version}, ${process.platform}`,
  );
  log(
    `  database: ${options.serverUrl === null ? 'embedded PGlite (TEST_DATABASE_URL not set)' : `PostgreSQL server at ${redactUrl(options.serverUrl)}`}`,
  );
  log(
    `  options: BENCH_DURATION_S=${options.durationS} BENCH_WARMUP_S=${options.warmupS} BENCH_REPS=${options.reps} ` +
      `BENCH_CONNECTIONS=${options.connections} BENCH_SIZES=${options.sizes.join(',')} BENCH_PB2_RUNS=${options.pb2Runs}` +
      ` BENCH_PB4_RUNS=${options.pb4Runs} BENCH_PB5_RUNS=${options.pb5Runs} BENCH_PB5_CLIENTS=${options.pb5Clients}` +
      ` BENCH_PB6_ROWS=${options.pb6Rows} BENCH_PB6_RUNS=${options.pb6Runs}` +
      ` BENCH_T1_ATTEMPTS=${options.t1Attempts} BENCH_T1_CLIENTS=${options.t1Clients}` +
      ` BENCH_PB3_EVENTS=${options.pb3Events} BENCH_PB3_RATE=${options.pb3Rate} BENCH_PB3_LATENCY_S=${options.pb3LatencyS}` +
      ` BENCH_PB7_RATE=${options.pb7Rate} BENCH_PB7_INVOICES=${options.pb7Invoices} BENCH_PB7_RUNS=${options.pb7Runs} BENCH_PB8_LEADS=${options.pb8Leads}` +
      `${options.only ? ` BENCH_ONLY=${options.only.join(',')}` : ''}${options.breakdown ? ' BENCH_BREAKDOWN=1' : ''}` +
      `${options.baselineCheckout ? ` BENCH_BASELINE_CHECKOUT=${options.baselineCheckout}` : ''}`,
  );
  log(`  load average before: ${loadText()} (other work on this machine shifts absolute figures; interleaved ratios less)`);
  log('  every figure is a ratio against a baseline measured in this run; medians over reps, (min–max) spread');

  const reports: BenchReport[] = [];
  const errors: Array<{ bench: string; error: unknown }> = [];
  const benches = [
    { id: 'PB1', run: () => runApiStackBench(options, log) },
    { id: 'PB2', run: () => runRlsQueryCostBench(options, log) },
    { id: 'PB3', run: () => runOutboxDeliveryBench(options, log) },
    { id: 'PB4', run: () => runScheduleQueriesBench(options, log) },
    { id: 'PB4H', run: () => runSuggestionsHttpBench(options, log) },
    { id: 'PB5', run: () => runBookingWriteBench(options, log) },
    { id: 'PB5C', run: () => runBookingCreateBaselineBench(options, log) },
    { id: 'PB6', run: () => runSearchBench(options, log) },
    { id: 'PB7', run: () => runBillingBench(options, log) },
    { id: 'PB8', run: () => runEmbeddedVsServerBench(options, log) },
    { id: 'T1', run: () => runBookingRaceBench(options, log) },
  ].filter((b) => options.only === null || (options.only as readonly string[]).includes(b.id));
  for (const bench of benches) {
    log('');
    log('='.repeat(100));
    try {
      reports.push(await bench.run());
    } catch (error) {
      errors.push({ bench: bench.id, error });
      log(`  ERROR  ${bench.id} could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }

  log('');
  log('='.repeat(100));
  log(`SUMMARY (${Math.round((Date.now() - started) / 1000)} s; load average now ${loadText()})`);
  const ratios = reports.flatMap((r) => r.ratios);
  if (ratios.length > 0) log(table(['ratio', 'median (min–max over reps)'], ratios.map((r) => [r.name, r.value])));
  log('');
  for (const report of reports) for (const target of report.targets) log(verdictLine(target));
  for (const { bench } of errors) log(`  ERROR ${bench}: see above`);
  log('');
  log('  PASS = met in a majority of reps; MISS = missed in a majority (2 of 3); FAIL = beyond the hard limit or a requirement not met;');
  log('  SKIP = not run, with the reason. Benchmark verdicts never change the exit code; errors do, and so does a FAIL of T1,');
  log('  which is a correctness test (double booking, error mapping, idempotency), not a benchmark.');
  const gateFailed = reports.filter((r) => r.gate === true && r.targets.some((t) => t.verdict === 'FAIL'));
  for (const r of gateFailed) log(`  FAILED ${r.bench}: see the FAIL lines above`);
  return errors.length > 0 || gateFailed.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
