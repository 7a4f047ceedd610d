/**
 * `npm run bench:soak` (S1): does `npm start`'s embedded stack keep its memory flat under load?
 * Issue 8, item 5: 20 connections of list requests grew its RSS from 488 MB to 2.6 GB with no
 * plateau, because PGlite kept every reply the wire server relayed (ADR 16).
 *
 * Starts the standalone host exactly as `npm start` does (its own process, a fresh data directory,
 * the demo org, the job host running), adds leads so each list page is full, then drives
 * `GET /v1/admin/leads?limit=50` from BENCH_SOAK_CONNECTIONS (20) connections for
 * BENCH_SOAK_WARMUP_S (60) + BENCH_SOAK_S (300) seconds, sampling the server's RSS and JS heap
 * (its /metrics) every BENCH_SOAK_SAMPLE_S (10). PASS when every RSS sample after the warm-up is
 * within ±10 % of the RSS at the end of the warm-up. Like T1 this is a check, not a ratio: a FAIL,
 * or a failing request, exits 1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { freePort } from './free-port.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const num = (name: string, fallback: number) => {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got ${raw}`);
  return value;
};
const OPTIONS = {
  connections: num('BENCH_SOAK_CONNECTIONS', 20),
  warmupS: num('BENCH_SOAK_WARMUP_S', 60),
  measuredS: num('BENCH_SOAK_S', 300),
  sampleS: num('BENCH_SOAK_SAMPLE_S', 10),
  leads: num('BENCH_SOAK_LEADS', 200),
};
/** RSS after the warm-up may move this much either way. */
const RSS_BAND = 0.1;
const METRICS_TOKEN = 'soak-metrics-token-000000000000000';

interface Sample {
  readonly atS: number;
  readonly rssMb: number;
  readonly heapMb: number;
}

async function waitReady(base: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output()}`);
    const ok = await fetch(`${base}/readyz`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`npm start was not ready within 180 s:\n${output()}`);
}

async function sample(base: string, startedAt: number): Promise<Sample> {
  const text = await (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  const metric = (name: string) => {
    const m = new RegExp(`^${name} ([0-9.e+]+)`, 'm').exec(text);
    if (m === null) throw new Error(`/metrics has no ${name}`);
    return Number(m[1]) / 2 ** 20;
  };
  return { atS: Math.round((Date.now() - startedAt) / 1000), rssMb: metric('process_resident_memory_bytes'), heapMb: metric('nodejs_heap_size_used_bytes') };
}

/** Least-squares slope of y over x, per minute. */
function slopePerMinute(points: ReadonlyArray<readonly [number, number]>): number {
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return sxx === 0 ? 0 : (sxy / sxx) * 60;
}

async function main(): Promise<number> {
  const log = (line = '') => console.log(line);
  const dir = mkdtempSync(join(tmpdir(), 'cws-soak-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  log(`S1 embedded soak — ${new Date().toISOString()}`);
  log(`  machine: ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(2)).join(' / ')}; Node ${process.version}`);
  log(
    `  options: BENCH_SOAK_CONNECTIONS=${OPTIONS.connections} BENCH_SOAK_WARMUP_S=${OPTIONS.warmupS} BENCH_SOAK_S=${OPTIONS.measuredS} ` +
      `BENCH_SOAK_SAMPLE_S=${OPTIONS.sampleS} BENCH_SOAK_LEADS=${OPTIONS.leads}`,
  );
  let output = '';
  // What `npm start` runs, in its own process, with a fresh data directory.
  const child = spawn(process.execPath, ['--conditions=@cws/source', '--import', 'tsx', 'hosts/standalone/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      APP_ENV: 'dev',
      LOG_LEVEL: 'WARNING',
      HOST: '127.0.0.1',
      PORT: String(port),
      EMBEDDED_DATA_DIR: join(dir, 'var', 'pgdata'),
      METRICS_TOKEN,
      RATE_LIMIT_PER_MINUTE: '1000000',
      ADMIN_ACTION_RATE_LIMIT_PER_MINUTE: '1000000',
      DATABASE_URL: '',
      REDIS_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
  child.stderr!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
  try {
    await waitReady(base, child, () => output);
    const creds = JSON.parse(readFileSync(join(dir, 'var', 'dev-admin-credentials.json'), 'utf8')) as { username: string; password: string };
    const headers = { authorization: `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`, 'content-type': 'application/json' };
    for (let i = 0; i < OPTIONS.leads; i += 1) {
      const r = await fetch(`${base}/v1/admin/leads`, { method: 'POST', headers, body: JSON.stringify({ name: `Soak Lead ${i}`, email: `soak-${i}@example.com` }) });
      if (r.status !== 201) throw new Error(`seeding a lead answered ${r.status}: ${await r.text()}`);
    }
    const listUrl = `${base}/v1/admin/leads?limit=50`;
    const page = (await (await fetch(listUrl, { headers })).json()) as { items: unknown[] };
    log(`  npm start ready at ${base} (pid ${child.pid}); ${OPTIONS.leads} leads added; each request lists ${page.items.length}`);

    const startedAt = Date.now();
    const samples: Sample[] = [await sample(base, startedAt)];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        await new Promise((resolve) => setTimeout(resolve, OPTIONS.sampleS * 1000));
        if (sampling) samples.push(await sample(base, startedAt));
      }
    })();
    const result = await autocannon({ url: listUrl, headers, connections: OPTIONS.connections, duration: OPTIONS.warmupS + OPTIONS.measuredS, workers: 1 });
    sampling = false;
    await sampler;
    samples.push(await sample(base, startedAt));

    log('');
    log('   t (s)   RSS (MB)   heap used (MB)');
    for (const s of samples) log(`  ${String(s.atS).padStart(6)}   ${s.rssMb.toFixed(0).padStart(8)}   ${s.heapMb.toFixed(0).padStart(14)}${s.atS < OPTIONS.warmupS ? '   (warm-up)' : ''}`);
    log('');
    log(
      `  ${result.requests.total} requests (${result.requests.average.toFixed(0)} req/s), p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms; ` +
        `${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
    if (result.errors > 0 || result.timeouts > 0 || result.non2xx > 0) {
      log(`  ERROR failing requests (status counts ${JSON.stringify(result.statusCodeStats)}); a soak of failures means nothing`);
      log(output.slice(-4000));
      return 1;
    }
    const after = samples.filter((s) => s.atS >= OPTIONS.warmupS);
    if (after.length < 2) {
      log('  ERROR too few samples after the warm-up: raise BENCH_SOAK_S or lower BENCH_SOAK_SAMPLE_S');
      return 1;
    }
    const reference = after[0]!.rssMb;
    const deviations = after.map((s) => s.rssMb / reference - 1);
    const worst = Math.max(...deviations.map(Math.abs));
    const range = (key: 'rssMb' | 'heapMb') => `${Math.min(...after.map((s) => s[key])).toFixed(0)}–${Math.max(...after.map((s) => s[key])).toFixed(0)} MB`;
    const slope = (key: 'rssMb' | 'heapMb') => slopePerMinute(after.map((s) => [s.atS, s[key]] as const)).toFixed(1);
    log(
      `  after the warm-up (${after[after.length - 1]!.atS - after[0]!.atS} s): RSS ${range('rssMb')} (${(Math.min(...deviations) * 100).toFixed(1)} % to ` +
        `+${(Math.max(...deviations) * 100).toFixed(1)} % of ${reference.toFixed(0)} MB, trend ${slope('rssMb')} MB/min); heap ${range('heapMb')} (trend ${slope('heapMb')} MB/min)`,
    );
    const pass = worst <= RSS_BAND;
    log(`  ${pass ? 'PASS' : 'FAIL'} S1 RSS within ±${RSS_BAND * 100} % after the warm-up (worst ${(worst * 100).toFixed(1)} %)`);
    return pass ? 0 : 1;
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => {
      if (child.exitCode !== null) return resolve(undefined);
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve(undefined);
      });
    });
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  },
);
