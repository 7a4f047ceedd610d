/**
 * One process, everything in it: the embedded database (or DATABASE_URL), migrations applied,
 * a demo org on first start, the job host and the HTTP host sharing one logger and one metrics
 * registry. This is what `npm start` runs.
 */
import { Registry } from 'prom-client';
import { DEMO_ORG_SLUG, createLogger, createRuntime, seedDemoOrg, type Config, type Logger, type Runtime } from '@cws/composition';
import { createHttpApp, startHttpServer, type RunningHttpServer } from '@cws/host-http';
import { startJobHost, startJobHostHttp, type JobHostHttp, type RunningJobHost } from '@cws/host-jobs';
import { ensureDevCredentials, type DevCredentials } from './dev-credentials.js';

/** NOTIFY is not delivered across connections of the embedded database, so embedded Agenda polls this often. */
const EMBEDDED_PROCESS_EVERY_MS = 1000;

export interface Standalone {
  readonly runtime: Runtime;
  readonly http: RunningHttpServer;
  readonly jobs: RunningJobHost;
  /** The job host's own /healthz, /readyz, /metrics port: only when JOBS_HTTP_PORT is set (the API serves the job metrics anyway). */
  readonly jobsHttp: JobHostHttp | null;
  readonly credentials: DevCredentials | null;
  readonly seeded: boolean;
  /** The demo owner's login, when the demo org was created with one. */
  readonly demoOwner: { readonly email: string } | null;
  /** The demo worker's portal login, when the demo org was created with their password. */
  readonly demoWorker: { readonly login: string } | null;
  readonly logger: Logger;
  stop(): Promise<void>;
}

export interface StandaloneOptions {
  /** Overrides for tests (port 0, in-memory database). */
  readonly port?: number;
  readonly embeddedDataDir?: string | null;
  readonly logger?: Logger;
}

export async function startStandalone(loaded: Config, options: StandaloneOptions = {}): Promise<Standalone> {
  const credentials = ensureDevCredentials(loaded);
  const config: Config = {
    ...loaded,
    jobs: { ...loaded.jobs, enabled: true },
    auth: credentials?.pair == null ? loaded.auth : { ...loaded.auth, basicAuthPairs: [credentials.pair] },
  };
  const logger = options.logger ?? createLogger(config);
  const runtime = await createRuntime(config, options.embeddedDataDir === undefined ? {} : { embeddedDataDir: options.embeddedDataDir });
  try {
    const applied = await runtime.migrate();
    if (applied.length > 0) logger.info({ applied }, 'migrations applied');
    let seeded = false;
    let demoOwner: { email: string } | null = null;
    let demoWorker: { login: string } | null = null;
    if (config.demo.seed && (await runtime.ports.orgs.count()) === 0) {
      // Outside dev there is no place to keep a generated password: the owner comes from `npm run bootstrap`.
      const demo = await seedDemoOrg(runtime.core, runtime.clock.now(), {
        ...(config.auth.defaultOrgId !== null ? { orgId: config.auth.defaultOrgId } : {}),
        ...(credentials !== null ? { owner: credentials.owner, worker: { password: credentials.worker.password } } : {}),
      });
      logger.info({ org_id: demo.orgId, slug: demo.slug, clients: demo.clients, leads: demo.leads, workers: demo.workers, bookings: demo.bookings, owner: demo.ownerEmail }, 'demo org created');
      seeded = true;
      demoOwner = demo.ownerEmail === null ? null : { email: demo.ownerEmail };
      demoWorker = demo.workerLogin === null ? null : { login: demo.workerLogin };
    } else if (credentials !== null && (await runtime.ports.userAccounts.findByEmail(credentials.owner.email)) !== null) {
      demoOwner = { email: credentials.owner.email };
      // A data directory seeded before the demo worker had a portal password has none to show.
      if (credentials.workerSaved) demoWorker = { login: credentials.worker.email };
    }
    const registry = new Registry();
    const jobs = await startJobHost(runtime, {
      logger,
      registry,
      processName: 'standalone',
      ...(runtime.storage === 'embedded' ? { processEveryMs: EMBEDDED_PROCESS_EVERY_MS } : {}),
    });
    const jobsHttp = config.jobs.httpPort === null ? null : await startJobHostHttp(runtime, jobs, { host: config.http.host, port: config.jobs.httpPort, registry, logger });
    const http = await startHttpServer(createHttpApp(runtime, { logger, registry }), config.http.host, options.port ?? config.http.port, config.http.limits);
    return {
      runtime,
      http,
      jobs,
      jobsHttp,
      credentials,
      seeded,
      demoOwner,
      demoWorker,
      logger,
      async stop() {
        await http.close();
        await jobsHttp?.close();
        await jobs.stop(30_000);
        await runtime.close();
      },
    };
  } catch (err) {
    await runtime.close();
    throw err;
  }
}

/** What to print once the process is up: where it listens and how to call it. */
export function startBanner(s: Standalone): string {
  const pair = s.runtime.config.auth.basicAuthPairs[0];
  const shown = s.credentials?.created === true;
  const lines = [
    '',
    `CleanWithSnapshot is running at ${s.http.url} (database: ${s.runtime.storage === 'embedded' ? `embedded PGlite in ${s.runtime.config.database.embeddedDataDir}` : s.runtime.storage})`,
    `  API reference:  ${s.http.url}/docs   readiness: ${s.http.url}/readyz`,
  ];
  if (s.seeded) lines.push(`  Demo org "${DEMO_ORG_SLUG}" created with clients, leads, a team, workers and visits on its next working day.`);
  if (s.demoOwner !== null && s.credentials !== null) {
    const password = shown ? s.credentials.owner.password : '<owner_password from the file>';
    lines.push(
      shown
        ? `  Demo owner (generated now, shown once; kept in ${s.credentials.file}):`
        : `  Demo owner: the login stored in ${s.credentials.file}`,
      `    email ${s.demoOwner.email}  password ${password}`,
      '  Sign in, then send the access token:',
      `    curl -H 'Content-Type: application/json' -d '{"email":"${s.demoOwner.email}","password":"${password}"}' ${s.http.url}/v1/auth/login`,
      `    curl -H 'Authorization: Bearer <access_token>' ${s.http.url}/v1/admin/leads`,
    );
  }
  if (s.demoWorker !== null && s.credentials !== null) {
    const password = shown ? s.credentials.worker.password : '<worker_password from the file>';
    lines.push(
      `  Demo worker portal (Kim Nguyen; staff set this password, so the first sign-in asks for a new one${shown ? '' : `; kept in ${s.credentials.file}`}):`,
      `    login ${s.demoWorker.login}  password ${password}`,
      `    curl -H 'Content-Type: application/json' -d '{"org":"${DEMO_ORG_SLUG}","login":"${s.demoWorker.login}","password":"${password}"}' ${s.http.url}/v1/worker/portal/login`,
      '    then POST /v1/worker/portal/change-password, GET /v1/worker/portal/jobs (the README walks through it)',
    );
  }
  if (pair !== undefined && s.runtime.config.auth.legacyBasicAuthEnabled) {
    if (s.credentials?.pair != null) {
      lines.push(shown ? `  Legacy admin Basic Auth (generated now, shown once): user ${pair.username}  password ${pair.password}` : `  Legacy admin Basic Auth: the pair stored in ${s.credentials.file}`);
    } else {
      lines.push(`  Legacy Basic Auth: the ${pair.role} pair from your environment (${pair.username}:…)`);
    }
    const auth = shown && s.credentials?.pair != null ? `${pair.username}:${pair.password}` : `${pair.username}:<password>`;
    lines.push(
      '  Or with Basic Auth:',
      `    curl -u '${auth}' ${s.http.url}/v1/admin/leads`,
      `    curl -u '${auth}' -H 'Content-Type: application/json' -d '{"name":"Ada Lovelace","email":"ada@example.com"}' ${s.http.url}/v1/admin/leads`,
    );
  }
  lines.push('  Public intake (no credentials):', `    curl -H 'Content-Type: application/json' -d '{"org_slug":"${DEMO_ORG_SLUG}","name":"Grace","phone":"+1 555 0100"}' ${s.http.url}/v1/public/leads`);
  return `${lines.join('\n')}\n`;
}
