/**
 * One autocannon run, programmatically, with the load generator in a worker thread (autocannon's
 * `workers: 1`) so it does not share the event loop of the servers it measures; it still shares
 * the machine's cores, as in pilot P3. Alongside: how busy the server's main thread was (event
 * loop utilisation) and how many cores this process and the whole machine used.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';

export interface LoadResult {
  /** Mean requests per second (autocannon's per-second samples). */
  readonly rps: number;
  readonly p50: number;
  /** autocannon has no p95 bucket: the nearest ones either side. */
  readonly p90: number;
  readonly p97_5: number;
  readonly p99: number;
  readonly requests: number;
  /** Main-thread event loop utilisation of this process during the run, 0..1. */
  readonly elu: number;
  /** Main-thread busy time per request, ms (elu × duration / requests). */
  readonly busyMsPerRequest: number;
  /** Main-thread CPU time per request, ms (Linux), else the busy time. */
  readonly cpuMsPerRequest: number;
  /** Cores used by the whole machine (Linux /proc/stat), null elsewhere. */
  readonly machineCores: number | null;
  /** Cores used by this process (server thread + load generator thread). */
  readonly processCores: number;
}

/**
 * CPU time (user + system, ms) of the calling thread, from /proc/thread-self/stat (Linux; 10 ms
 * ticks). Unlike event loop utilisation it does not count time the thread was runnable but
 * descheduled, which matters on a 2-core box shared with the database and the load generator.
 */
export function threadCpuMs(): number | null {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After "pid (comm) ", field 3 (state) is index 0, so utime (14) and stime (15) are 11 and 12.
    return ((Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_S) * 1000;
  } catch {
    return null;
  }
}
const CLOCK_TICKS_PER_S = 100;

function machineTicks(): { busy: number; total: number } | null {
  try {
    const first = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const fields = first.trim().split(/\s+/).slice(1).map(Number);
    const total = fields.reduce((a, b) => a + b, 0);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

export async function runLoad(options: {
  url: string;
  headers?: Record<string, string>;
  connections: number;
  durationS: number;
  /** Paths each connection sends in turn, looping (e.g. varied query strings); default: `url`'s own. */
  paths?: readonly string[];
}): Promise<LoadResult> {
  // Requests of the previous run that autocannon abandoned finish before this one starts.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const eluStart = performance.eventLoopUtilization();
  const cpuStart = process.cpuUsage();
  const ticksStart = machineTicks();
  const threadStart = threadCpuMs();
  const wallStart = process.hrtime.bigint();
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationS,
    headers: options.headers ?? {},
    workers: 1,
    ...(options.paths === undefined ? {} : { requests: options.paths.map((path) => ({ method: 'GET' as const, path })) }),
  });
  const wallS = Number(process.hrtime.bigint() - wallStart) / 1e9;
  const elu = performance.eventLoopUtilization(eluStart).utilization;
  const cpu = process.cpuUsage(cpuStart);
  const ticksEnd = machineTicks();
  const threadEnd = threadCpuMs();

  if (result.errors > 0 || result.timeouts > 0 || result.non2xx > 0) {
    throw new Error(
      `${options.url}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx responses ` +
        `(status counts ${JSON.stringify(result.statusCodeStats)}); a benchmark of failing requests means nothing`,
    );
  }
  const requests = result.requests.total;
  const busyMsPerRequest = requests === 0 ? Number.NaN : (elu * wallS * 1000) / requests;
  const machineCores =
    ticksStart === null || ticksEnd === null || ticksEnd.total === ticksStart.total
      ? null
      : ((ticksEnd.busy - ticksStart.busy) / (ticksEnd.total - ticksStart.total)) * availableParallelism();
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p97_5: result.latency.p97_5,
    p99: result.latency.p99,
    requests,
    elu,
    busyMsPerRequest,
    cpuMsPerRequest: threadStart === null || threadEnd === null || requests === 0 ? busyMsPerRequest : (threadEnd - threadStart) / requests,
    machineCores,
    processCores: (cpu.user + cpu.system) / 1e6 / wallS,
  };
}
