/** The benchmarks as functions, for scripts that want to run one with their own options. */
export { runApiStackBench, PB1_TARGET_THROUGHPUT_RATIO } from './api-stack.bench.js';
export { runRlsQueryCostBench, PB2_TARGET_RATIO, PB2_FAIL_RATIO, orgsForRows } from './rls-query-cost.bench.js';
export { benchOptions, type BenchOptions } from './bench-options.js';
export type { BenchReport, TargetResult, Verdict } from './stats.js';
