/** Picks the JobQueue backend: Agenda on PostgreSQL (default) or MongoDB, or in memory. */
import { AgendaJobQueue } from '@cws/adapter-jobs-agenda';
import { MemoryJobQueue } from '@cws/adapter-memory';
import type { JobQueue } from '@cws/core';
import type { Config } from './config/index.js';

export interface JobQueueOptions {
  /** Shown as the lock holder in agenda_jobs (the runner id). */
  readonly runnerId: string;
  /** Overrides JOBS_PROCESS_EVERY_MS (the embedded database cannot deliver NOTIFY). */
  readonly processEveryMs?: number;
  /** Background failures of the queue (polling, lost connections) that belong to no caller. */
  readonly onError?: (error: Error) => void;
}

export function createJobQueue(config: Config, connectionString: string | null, options: JobQueueOptions): JobQueue {
  const processEveryMs = options.processEveryMs ?? config.jobs.processEveryMs;
  if (config.jobs.backend === 'mongo') {
    return new AgendaJobQueue({ backend: 'mongo', mongodbUrl: config.jobs.mongodbUrl!, name: options.runnerId, processEveryMs, ...onError(options) });
  }
  if (connectionString === null) return new MemoryJobQueue({ pollMs: Math.min(processEveryMs, 100) });
  return new AgendaJobQueue({ backend: 'postgres', connectionString, poolMax: 4, name: options.runnerId, processEveryMs, ...onError(options) });
}

const onError = (options: JobQueueOptions) => (options.onError === undefined ? {} : { onError: options.onError });
