/**
 * PB8 — the embedded database against the PostgreSQL server, on the same API.
 *
 *   A  (embedded)  `npm start` without DATABASE_URL: hosts/standalone/src/main.ts in its own
 *                  process, PGlite behind the wire server, a fresh data directory.
 *   B  (server)    the same command with DATABASE_URL = a scratch database on TEST_DATABASE_URL's
 *                  server (created for the run, dropped at the end).
 *
 * Both are started once, side by side, with the same environment apart from DATABASE_URL
 * (APP_ENV=dev, the default DATABASE_POOL_MAX of 10 that `npm start` uses either way, the job
 * host running), and hold the same data: the demo org `npm start` seeds plus BENCH_PB8_LEADS
 * leads added over HTTP, so `GET /v1/admin/leads?limit=50` returns the same full page of 50 on
 * both (checked). autocannon drives one of them at a time from a worker thread of this process
 * with BENCH_CONNECTIONS connections; reps interleave A B A B A B after a warm-up of each.
 * CPU per request counts every thread of the host process and, for B, the server's backends
 * serving the scratch database (/proc, Linux), so both sides pay for their database.
 * Target: throughput(A) / throughput(B) ≥ 0.6 in a majority of reps.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { benchOptions, type BenchOptions } from './bench-options.js';
import { runLoad, type LoadResult } from './load.js';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database.js';
import { fmt, fmtSpread, majorityVerdict, median, spread, table, verdictLine, type BenchReport, type TargetResult, type Verdict } from './stats.js';
import { freePort } from './free-port.js';

export const PB8_TARGET_THROUGHPUT_RATIO = 0.6;
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PAGE = 50;

type Log = (line?: string) => void;

/** CPU time (user + system, ms) of a process, all its threads; null when it is gone. Linux. */
function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) / 100) * 1000;
  } catch {
    return null;
  }
}

interface CpuSnapshot {
  readonly hostMs: number;
  readonly backendMs: ReadonlyMap<number, number>;
}

/** CPU ms between two snapshots; a backend that appeared in between counts from its start, one that went away is lost. */
function cpuBetween(before: CpuSnapshot, after: CpuSnapshot): number {
  let ms = after.hostMs - before.hostMs;
  for (const [pid, now] of after.backendMs) ms += now - (before.backendMs.get(pid) ?? 0);
  return ms;
}

interface Host {
  readonly key: 'embedded' | 'server';
  readonly label: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  /** CPU ms so far of the host process (all threads) and, for the server, of each backend serving it. */
  cpu(): Promise<CpuSnapshot>;
  stop(): Promise<void>;
}

async function startHost(key: Host['key'], databaseUrl: string, leads: number, log: Log): Promise<Host> {
  const dir = mkdtempSync(join(tmpdir(), `cws-pb8-${key}-`));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let output = '';
  // What `npm start` runs, in its own process; only DATABASE_URL differs between the two. Settings
  // from the caller's environment that would make them differ (pool size, owner URL) are dropped.
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['DATABASE_OWNER_URL', 'DATABASE_POOL_MAX', 'REDIS_URL', 'NODE_OPTIONS', 'TEST_DATABASE_URL']) delete env[name];
  const child: ChildProcess = spawn(process.execPath, ['--conditions=@cws/source', '--import', 'tsx', 'hosts/standalone/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...env,
      APP_ENV: 'dev',
      LOG_LEVEL: 'WARNING',
      HOST: '127.0.0.1',
      PORT: String(port),
      EMBEDDED_DATA_DIR: join(dir, 'var', 'pgdata'),
      RATE_LIMIT_PER_MINUTE: '1000000',
      ADMIN_ACTION_RATE_LIMIT_PER_MINUTE: '1000000',
      DATABASE_URL: databaseUrl,
      REDIS_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
  child.stderr!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
  const stop = async () => {
    child.kill('SIGTERM');
    await new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve(undefined);
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve(undefined);
      });
    });
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const deadline = Date.now() + 180_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${key}: npm start exited with ${child.exitCode}:\n${output}`);
      if (await fetch(`${base}/readyz`).then((r) => r.ok, () => false)) break;
      if (Date.now() > deadline) throw new Error(`${key}: npm start was not ready within 180 s:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const creds = JSON.parse(readFileSync(join(dir, 'var', 'dev-admin-credentials.json'), 'utf8')) as { username: string; password: string };
    const headers = { authorization: `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}` };
    for (let i = 0; i < leads; i += 1) {
      const r = await fetch(`${base}/v1/admin/leads`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `PB8 Lead ${i}`, email: `pb8-${i}@example.com`, notes: 'x'.repeat(80) }),
      });
      if (r.status !== 201) throw new Error(`${key}: seeding a lead answered ${r.status}: ${await r.text()}`);
    }
    let backends: pg.Client | null = null;
    if (key === 'server') {
      backends = new pg.Client({ connectionString: databaseUrl, application_name: 'cws-bench-pb8-cpu' });
      backends.on('error', () => {});
      await backends.connect();
    }
    const cpu = async (): Promise<CpuSnapshot> => {
      const backendMs = new Map<number, number>();
      if (backends !== null) {
        const { rows } = await backends.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
        for (const { pid } of rows) {
          const ms = processCpuMs(pid);
          if (ms !== null) backendMs.set(pid, ms);
        }
      }
      return { hostMs: processCpuMs(child.pid!) ?? Number.NaN, backendMs };
    };
    log(`  ${key}: npm start ready at ${base} (pid ${child.pid}), ${leads} leads added`);
    return {
      key,
      label: key === 'embedded' ? 'embedded (PGlite)' : 'server (PostgreSQL)',
      url: `${base}/v1/admin/leads?limit=${PAGE}`,
      headers,
      cpu,
      async stop() {
        await backends?.end().catch(() => {});
        await stop();
      },
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function firstPage(host: Host): Promise<Array<{ name: string }>> {
  const r = await fetch(host.url, { headers: host.headers });
  const body = (await r.json()) as { items?: Array<{ name: string }> };
  if (r.status !== 200 || body.items?.length !== PAGE) throw new Error(`${host.label}: expected a full page of ${PAGE} leads, got ${r.status} with ${body.items?.length}`);
  return body.items;
}

interface Measured extends LoadResult {
  readonly hostCpuMsPerRequest: number;
}

async function measure(host: Host, connections: number, durationS: number): Promise<Measured> {
  const before = await host.cpu();
  const r = await runLoad({ url: host.url, headers: host.headers, connections, durationS });
  const after = await host.cpu();
  return { ...r, hostCpuMsPerRequest: cpuBetween(before, after) / Math.max(1, r.requests) };
}

export async function runEmbeddedVsServerBench(options: BenchOptions, log: Log = console.log): Promise<BenchReport> {
  log('PB8  embedded database vs PostgreSQL server: GET /v1/admin/leads?limit=50 on `npm start`, once per database');
  const name = `throughput(embedded)/throughput(server) ≥ ${PB8_TARGET_THROUGHPUT_RATIO}`;
  if (options.serverUrl === null) {
    const target: TargetResult = { bench: 'PB8', name, verdict: 'SKIP', detail: 'needs TEST_DATABASE_URL (the server side)' };
    log(verdictLine(target));
    return { bench: 'PB8', targets: [target], ratios: [] };
  }
  const leads = options.pb8Leads;
  let scratch: ScratchDatabase | null = null;
  const hosts: Host[] = [];
  try {
    scratch = await createScratchDatabase(options.serverUrl, 'pb8');
    log(`  server side: ${scratch.description}`);
    // One after the other: two PGlite/migration start-ups at once would only slow each other.
    hosts.push(await startHost('embedded', '', leads, log));
    hosts.push(await startHost('server', scratch.url, leads, log));
    const pages = await Promise.all(hosts.map(async (h) => (await firstPage(h)).map((l) => l.name).join()));
    if (pages.some((p) => p !== pages[0])) throw new Error('the hosts return different first pages');
    log(`  data: the demo org + ${leads} leads on each; both return the same first page of ${PAGE} (checked)`);
    log(
      `  load: autocannon in a worker thread, ${options.connections} connections, one host at a time; DATABASE_POOL_MAX 10 (the default) on both; ` +
        `${options.durationS} s per run after a ${options.warmupS} s warm-up of each; ${options.reps} reps, each in the order embedded server`,
    );
    for (const host of hosts) await runLoad({ url: host.url, headers: host.headers, connections: options.connections, durationS: options.warmupS });
    const results = new Map<string, Measured[]>(hosts.map((h) => [h.key, []]));
    const rows: string[][] = [];
    for (let rep = 1; rep <= options.reps; rep += 1) {
      for (const host of hosts) {
        const r = await measure(host, options.connections, options.durationS);
        results.get(host.key)!.push(r);
        rows.push([
          String(rep),
          host.label,
          fmt(r.rps),
          fmt(r.p50, 0),
          fmt(r.p99, 0),
          fmt(r.hostCpuMsPerRequest, 2),
          r.machineCores === null ? 'n/a' : fmt(r.machineCores, 2),
        ]);
      }
    }
    log('');
    log(table(['rep', 'database', 'req/s', 'p50 ms', 'p99 ms', 'CPU ms/req (host + its db)', 'machine cores busy'], rows));
    const emb = results.get('embedded')!;
    const srv = results.get('server')!;
    const ratios = emb.map((r, i) => r.rps / srv[i]!.rps);
    const p99Ratios = emb.map((r, i) => r.p99 / Math.max(1, srv[i]!.p99));
    const perRep: Verdict[] = ratios.map((x) => (x >= PB8_TARGET_THROUGHPUT_RATIO ? 'PASS' : 'MISS'));
    log('');
    log(table(['rep', 'throughput embedded/server', 'p99 embedded/server', `≥ ${PB8_TARGET_THROUGHPUT_RATIO}`], ratios.map((x, i) => [String(i + 1), fmt(x, 3), fmt(p99Ratios[i]!, 2), perRep[i]!])));
    log('');
    for (const host of hosts) {
      const rs = results.get(host.key)!;
      log(
        `  ${host.label.padEnd(20)} req/s ${fmtSpread(spread(rs.map((r) => r.rps)))}; p99 ${fmtSpread(spread(rs.map((r) => r.p99)), 0, ' ms')}; ` +
          `CPU ${fmt(median(rs.map((r) => r.hostCpuMsPerRequest)), 2)} ms/req`,
      );
    }
    const tr = spread(ratios);
    const verdict = majorityVerdict(perRep);
    const target: TargetResult = {
      bench: 'PB8',
      name,
      verdict,
      detail: `median ${fmt(tr.median, 2)} (${fmt(tr.min, 2)}–${fmt(tr.max, 2)}), missed in ${perRep.filter((v) => v !== 'PASS').length}/${perRep.length} reps`,
    };
    log('');
    log(verdictLine(target));
    return {
      bench: 'PB8',
      targets: [target],
      ratios: [
        { name: 'PB8 throughput embedded/server', value: `${fmt(tr.median, 2)} (${fmt(tr.min, 2)}–${fmt(tr.max, 2)})` },
        { name: 'PB8 req/s embedded | server', value: `${fmt(median(emb.map((r) => r.rps)))} | ${fmt(median(srv.map((r) => r.rps)))}` },
        {
          name: 'PB8 CPU ms/req embedded | server',
          value: `${fmt(median(emb.map((r) => r.hostCpuMsPerRequest)), 2)} | ${fmt(median(srv.map((r) => r.hostCpuMsPerRequest)), 2)}`,
        },
      ],
    };
  } finally {
    for (const host of hosts) await host.stop().catch((err: unknown) => log(`  warning: could not stop the ${host.key} host: ${String(err)}`));
    await scratch?.drop().catch((err: unknown) => log(`  warning: could not drop ${scratch!.name}: ${String(err)}`));
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runEmbeddedVsServerBench({ ...benchOptions(), only: ['PB8'] }).then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
