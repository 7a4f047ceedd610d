/**
 * Small statistics and text-table helpers shared by the benchmarks. Every figure a benchmark
 * reports is a median over repetitions, shown with its spread (min–max), because back-to-back
 * runs on a 2-core box vary by ±25% (perf notes, pilot P3).
 */

export type Verdict = 'PASS' | 'MISS' | 'FAIL' | 'SKIP';

/** One target of one benchmark, as printed in the summary. */
export interface TargetResult {
  readonly bench: string;
  readonly name: string;
  readonly verdict: Verdict;
  /** e.g. "median 0.42 (0.40–0.45), 3/3 reps missed". */
  readonly detail: string;
}

export interface BenchReport {
  readonly bench: string;
  readonly targets: readonly TargetResult[];
  /** Ratios worth repeating in the summary, already formatted. */
  readonly ratios: ReadonlyArray<{ readonly name: string; readonly value: string }>;
  /** A correctness test (T1) rather than a benchmark: a FAIL among its targets sets exit code 1. */
  readonly gate?: boolean;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index]!;
}

export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** (max − min) / median, in percent. */
  readonly rangePct: number;
}

export function spread(values: readonly number[]): Spread {
  const m = median(values);
  const min = Math.min(...values);
  const max = Math.max(...values);
  return { median: m, min, max, rangePct: m === 0 ? 0 : ((max - min) / m) * 100 };
}

/** A number with `digits` decimals and thousands separators. */
export function fmt(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return String(value);
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function fmtSpread(s: Spread, digits = 0, unit = ''): string {
  return `median ${fmt(s.median, digits)}${unit} (${fmt(s.min, digits)}–${fmt(s.max, digits)}${unit}, range ${fmt(s.rangePct, 0)}% of median)`;
}

/** Right-aligns numbers, left-aligns the first column; two spaces between columns. */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>, indent = '  '): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    indent + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  const rule = indent + widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/**
 * Verdict over repetitions: a target is missed when it is missed in a majority of the reps
 * (2 of 3), so one noisy rep neither passes nor fails a benchmark on its own.
 */
export function majorityVerdict(perRep: readonly Verdict[]): Verdict {
  const count = (v: Verdict) => perRep.filter((x) => x === v).length;
  const half = perRep.length / 2;
  if (count('FAIL') > half) return 'FAIL';
  if (count('FAIL') + count('MISS') > half) return 'MISS';
  return 'PASS';
}

export function verdictLine(t: TargetResult): string {
  return `  ${t.verdict.padEnd(4)}  ${t.bench} ${t.name}: ${t.detail}`;
}
