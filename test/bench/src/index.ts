/** The benchmarks as functions, for scripts that want to run one with their own options. */
export { runApiStackBench, PB1_TARGET_THROUGHPUT_RATIO } from './api-stack.bench.js';
export { runRlsQueryCostBench, PB2_TARGET_RATIO, PB2_STRETCH_RATIO, PB2_FAIL_RATIO, orgsForRows } from './rls-query-cost.bench.js';
export { runOutboxDeliveryBench, PB3_THROUGHPUT_TARGET, PB3_P95_TARGET_MS } from './outbox-delivery.bench.js';
export { runScheduleQueriesBench, PB4_CONFLICTS_TARGET, PB4_SUGGESTIONS_TARGET, PB4_SUGGESTIONS_P95_MS } from './schedule-queries.bench.js';
export { runSuggestionsHttpBench, PB4H_TARGET_RPS, PB4H_CONNECTIONS } from './suggestions-http.bench.js';
export { runBookingWriteBench, replaceExclusionByBtree, PB5_P50_TARGET, PB5_P99_TARGET, PB5_BULK_TARGET } from './booking-write.bench.js';
export { runBookingCreateBaselineBench, PB5C_TARGET_RATIO } from './booking-create-baseline.bench.js';
export { runBookingRaceBench } from './booking-race.bench.js';
export { runBillingBench, PB7_LIST_TARGET, PB7_WEBHOOK_P99_TARGET_MS, PB7_RECONCILE_TARGET } from './billing.bench.js';
export { runSearchBench, PB6_NONE_P50_MS, PB6_LIST_P99_RATIO, PB6_EXPENSIVE_LIST_P99_RATIO } from './search.bench.js';
export { seedSchedule, DEFAULT_SEED, type ScheduleSeed, type SeedOptions } from './scheduling-seed.js';
export { benchOptions, BENCH_IDS, type BenchId, type BenchOptions } from './bench-options.js';
export type { BenchReport, TargetResult, Verdict } from './stats.js';
