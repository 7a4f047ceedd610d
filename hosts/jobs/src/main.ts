#!/usr/bin/env node
/**
 * Production entry of the job host (`npm run jobs`), and the one-shot runner the guides use:
 * `--job NAME --once` runs one job in this process and exits 0 on success, 1 on failure.
 * SIGTERM/SIGINT drain running jobs (never abandon them), then exit: Agenda leaves timers that
 * would otherwise keep the process alive.
 */
import { parseArgs } from 'node:util';
import { createLogger, createRuntime, exitOnStartFailure, loadConfigOrExit, stopOnSignals } from '@cws/composition';
import { startJobHost } from './job-host.js';
import { runJobOnce } from './job-runner.js';
import { JOB_CATALOGUE } from './jobs/job-catalogue.js';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { job: { type: 'string' }, once: { type: 'boolean', default: false }, list: { type: 'boolean', default: false } } });
  if (values.list) {
    for (const job of JOB_CATALOGUE) process.stdout.write(`${job.name}\t${job.cron ?? '(on demand)'}\t${job.description}\n`);
    return;
  }
  const config = loadConfigOrExit();
  const logger = createLogger(config);
  const runtime = await createRuntime(config);

  if (values.job !== undefined || values.once) {
    if (values.job === undefined || !values.once) {
      process.stderr.write('Use --job NAME --once to run one job (see --list for the names).\n');
      await runtime.close();
      process.exit(2);
    }
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

  const host = await startJobHost(runtime, { logger });
  stopOnSignals(logger, 'job host', async () => {
    await host.stop(30_000);
    await runtime.close();
  });
}

main().catch(exitOnStartFailure('job host'));
