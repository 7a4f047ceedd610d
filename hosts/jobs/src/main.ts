#!/usr/bin/env node
/**
 * Production entry of the job host (`npm run jobs`, or `npm run jobs:dev` from the sources), and
 * the one-shot runner the guides use: `--job NAME --once` runs one job in this process and exits
 * 0 on success, 1 on failure. The long-running host also serves /healthz, /readyz and /metrics on
 * JOBS_HTTP_PORT (8001). SIGTERM/SIGINT drain running jobs (never abandon them), then exit:
 * Agenda leaves timers that would otherwise keep the process alive.
 */
import { Registry, collectDefaultMetrics } from 'prom-client';
import { createLogger, createRuntime, exitOnStartFailure, loadConfigOrExit, parseCommandLine, stopOnSignals, type Runtime } from '@cws/composition';
import { startJobHost } from './job-host.js';
import { startJobHostHttp } from './job-host-http.js';
import { runJobOnce } from './job-runner.js';
import { JOB_CATALOGUE, findJob } from './jobs/job-catalogue.js';

/** The guide's port of the `jobs` service, used when JOBS_HTTP_PORT is unset. */
const DEFAULT_JOBS_HTTP_PORT = 8001;

const JOB_NAMES = JOB_CATALOGUE.map((job) => job.name).join(', ');

const USAGE = `Usage: npm run jobs [-- --job NAME --once | --list]       (compiled: npm run build first)
       npm run jobs:dev [-- --job NAME --once | --list]   (from the sources, no build)

Runs the scheduled jobs, writes the runner heartbeat that /readyz checks, and serves /healthz,
/readyz and /metrics on JOBS_HTTP_PORT (default ${DEFAULT_JOBS_HTTP_PORT}). Without DATABASE_URL it uses the embedded
database in EMBEDDED_DATA_DIR, which only one process can open: stop a running npm start first.

Options:
  --job NAME --once   run one job now, in this process, and exit (0 on success, 1 on failure)
  --list              list the jobs: name, schedule, what it does
  -h, --help          show this help

Jobs: ${JOB_NAMES}
`;

/**
 * The embedded database is this checkout's own: bring it to the code's migrations as npm start
 * would. A server is migrated as a deploy step (npm run migrate); refuse to run against an
 * older schema rather than fail job by job with "relation does not exist".
 */
async function ensureMigrated(runtime: Runtime): Promise<void> {
  if (runtime.storage === 'embedded') {
    await runtime.migrate();
    return;
  }
  const status = await runtime.migrationStatus();
  if (!status.upToDate) {
    process.stderr.write(`jobs: the database is behind this build (${status.pending.length} migration(s) pending, e.g. ${status.pending[0]}): run npm run migrate first\n`);
    await runtime.close();
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const values = parseCommandLine({
    name: 'jobs',
    usage: USAGE,
    options: { job: { type: 'string' }, once: { type: 'boolean', default: false }, list: { type: 'boolean', default: false } },
  });
  if (values.list) {
    for (const job of JOB_CATALOGUE) process.stdout.write(`${job.name}\t${job.cron ?? '(on demand)'}\t${job.description}\n`);
    return;
  }
  const oneJob = values.job !== undefined || values.once;
  if (oneJob && (values.job === undefined || !values.once)) {
    process.stderr.write(`jobs: use --job NAME --once together to run one job\n\n${USAGE}`);
    process.exit(2);
  }
  if (values.job !== undefined && findJob(values.job) === undefined) {
    process.stderr.write(`jobs: no job is named "${values.job}". Jobs: ${JOB_NAMES}\n`);
    process.exit(2);
  }

  const config = loadConfigOrExit();
  const logger = createLogger(config);
  const runtime = await createRuntime(config);
  await ensureMigrated(runtime);

  if (values.job !== undefined) {
    let code = 0;
    try {
      const summary = await runJobOnce(values.job, { runtime, logger, metrics: null, runnerId: `${config.jobs.runnerId}-once` });
      process.stdout.write(`${JSON.stringify({ job: values.job, outcome: 'success', ...summary })}\n`);
    } catch (err) {
      process.stderr.write(`${values.job} failed: ${err instanceof Error ? err.message : String(err)}\n`);
      code = 1;
    }
    await runtime.close();
    process.exit(code);
  }

  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const host = await startJobHost(runtime, { logger, registry });
  const http = await startJobHostHttp(runtime, host, { host: config.http.host, port: config.jobs.httpPort ?? DEFAULT_JOBS_HTTP_PORT, registry, logger });
  logger.info({ url: http.url, runner_id: host.runnerId }, 'job host endpoints listening (/healthz, /readyz, /metrics)');
  stopOnSignals(logger, 'job host', async () => {
    await http.close();
    await host.stop(30_000);
    await runtime.close();
  });
}

main().catch(exitOnStartFailure('jobs'));
