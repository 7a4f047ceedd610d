/**
 * The job host's own small HTTP port (guide 003: the `jobs` service on :8001), so a deployment
 * that runs the job host apart from the API can probe and scrape it:
 *   GET /healthz  200 {"status":"ok"} while the process runs (the container health check)
 *   GET /readyz   200, or 503 with checks[] saying why: database reachable, this runner's
 *                 heartbeat no older than JOB_HEARTBEAT_TTL_SECONDS
 *   GET /metrics  the job metrics of guide 000 and the process metrics (Prometheus text),
 *                 behind METRICS_TOKEN exactly as on the API; 404 when METRICS_ENABLED=false
 * Anything else is a 404 problem+json. Plain node:http: three read-only routes need no framework.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { metricsAccess, type Logger, type Runtime } from '@cws/composition';
import type { RunningJobHost } from './job-host.js';

export interface JobHostHttp {
  readonly url: string;
  close(): Promise<void>;
}

export interface JobHostHttpOptions {
  readonly host: string;
  readonly port: number;
  readonly registry: Registry;
  readonly logger: Logger;
}

const DB_TIMEOUT_MS = 2000;

const PROBLEMS = {
  'route.not_found': { status: 404, title: 'No such route' },
  'route.method_not_allowed': { status: 405, title: 'The route does not accept this method' },
  'metrics.unauthorized': { status: 401, title: 'A metrics bearer token is required' },
  'internal.unexpected': { status: 500, title: 'Internal error' },
} as const;

function send(res: ServerResponse, status: number, body: string, contentType: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Cache-Control': 'no-store', ...headers });
  res.end(body);
}

function sendProblem(res: ServerResponse, req: IncomingMessage, code: keyof typeof PROBLEMS, detail: string, publicBaseUrl: string | null, headers: Record<string, string> = {}): void {
  const { status, title } = PROBLEMS[code];
  const path = `/problems/${code.replace('.', '/')}`;
  const problem = {
    type: publicBaseUrl === null ? path : new URL(path, publicBaseUrl).toString(),
    title,
    status,
    detail,
    instance: new URL(req.url ?? '/', 'http://job-host').pathname,
    code,
    request_id: randomUUID(),
  };
  send(res, status, JSON.stringify(problem), 'application/problem+json', headers);
}

async function readiness(runtime: Runtime, jobs: RunningJobHost) {
  const started = performance.now();
  const ms = () => Math.round((performance.now() - started) * 100) / 100;
  let db: { name: 'db'; ok: boolean; ms: number; detail: Record<string, unknown> };
  try {
    await runtime.pingDatabase(DB_TIMEOUT_MS);
    db = { name: 'db', ok: true, ms: ms(), detail: { message: 'database reachable', storage: runtime.storage } };
  } catch (err) {
    db = { name: 'db', ok: false, ms: ms(), detail: { message: err instanceof Error ? err.message : 'database check failed' } };
  }
  const ttl = runtime.config.jobs.heartbeatTtlSeconds;
  const last = jobs.lastBeatAt();
  const age = last === null ? null : Math.max(0, (runtime.clock.now().getTime() - last.getTime()) / 1000);
  const fresh = age !== null && age <= ttl;
  const heartbeat = {
    name: 'jobs' as const,
    ok: fresh,
    ms: 0,
    detail: {
      runner_id: jobs.runnerId,
      last_heartbeat: last?.toISOString() ?? null,
      age_seconds: age === null ? null : Math.round(age * 10) / 10,
      ttl_seconds: ttl,
      ...(fresh ? {} : { message: last === null ? 'this runner is not running' : 'this runner has not written a heartbeat within JOB_HEARTBEAT_TTL_SECONDS' }),
    },
  };
  const breakers = runtime.outbox.breakers().map(({ name, state }) => ({ name, state }));
  // Informational (see the API's readiness): an open breaker is the provider's outage, not ours.
  const delivery = { name: 'delivery' as const, ok: true, ms: 0, detail: { breakers, pump: jobs.outboxPumpRunning() } };
  const checks = [db, heartbeat, delivery];
  const ok = checks.every((c) => c.ok);
  return { status: ok ? 200 : 503, body: { ok, status: ok ? 'ready' : 'unhealthy', checks } };
}

export async function startJobHostHttp(runtime: Runtime, jobs: RunningJobHost, options: JobHostHttpOptions): Promise<JobHostHttp> {
  const { config } = runtime;
  const publicBaseUrl = config.http.publicBaseUrl;
  const { limits } = config.http;
  const server = createServer({ headersTimeout: limits.headersTimeoutMs, requestTimeout: limits.requestTimeoutMs }, (req, res) => {
    const path = new URL(req.url ?? '/', 'http://job-host').pathname;
    const known = path === '/healthz' || path === '/readyz' || path === '/metrics';
    if (!known) return sendProblem(res, req, 'route.not_found', `Nothing is served at ${path}`, publicBaseUrl);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendProblem(res, req, 'route.method_not_allowed', `${req.method ?? ''} is not accepted at ${path}`, publicBaseUrl, { Allow: 'GET, HEAD' });
    }
    const answer = async () => {
      if (path === '/healthz') return send(res, 200, JSON.stringify({ status: 'ok', runner_id: jobs.runnerId }), 'application/json');
      if (path === '/readyz') {
        const result = await readiness(runtime, jobs);
        return send(res, result.status, JSON.stringify(result.body), 'application/json');
      }
      const access = metricsAccess(config.metrics, req.headers.authorization);
      if (access === 'disabled') return sendProblem(res, req, 'route.not_found', 'Metrics are disabled (METRICS_ENABLED=false)', publicBaseUrl);
      if (access === 'unauthorized') {
        return sendProblem(res, req, 'metrics.unauthorized', 'Send Authorization: Bearer <METRICS_TOKEN>', publicBaseUrl, { 'WWW-Authenticate': 'Bearer realm="metrics"' });
      }
      return send(res, 200, await options.registry.metrics(), options.registry.contentType);
    };
    answer().catch((err: unknown) => {
      options.logger.error({ err, path }, 'job host endpoint failed');
      if (res.headersSent) res.destroy();
      else sendProblem(res, req, 'internal.unexpected', 'The request could not be completed; it has been logged', publicBaseUrl);
    });
  });
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
