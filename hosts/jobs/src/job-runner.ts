/**
 * Runs one job once, the same way whether Agenda scheduled it or an operator typed
 * `--job NAME --once`: a system context, the use case, the outcome recorded in job_run_stats,
 * one log line, and the metrics. Failures are rethrown so the queue can apply the retry policy.
 */
import { AppError, isAppError, systemActor, type SystemContext } from '@cws/core';
import type { Logger, Runtime } from '@cws/composition';
import { JOB_CATALOGUE, findJob, type JobSpec } from './jobs/job-catalogue.js';
import type { JobMetrics } from './job-metrics.js';

export interface JobRunContext {
  readonly runtime: Runtime;
  readonly logger: Logger;
  readonly metrics: JobMetrics | null;
  readonly runnerId: string;
}

/** Safe one-line summary of a failure for job_run_stats (no stack, no SQL). */
export function failureSummary(err: unknown): string {
  if (isAppError(err)) return `${err.code}: ${err.message}`.slice(0, 500);
  return `internal.unexpected: ${err instanceof Error ? err.name : 'error'}`;
}

export async function runJob(job: JobSpec, rc: JobRunContext, runId: string, attempt: number): Promise<Record<string, unknown>> {
  const startedAt = rc.runtime.clock.now();
  // `job` makes cross-org work record each org's outcome under the job's name (its jobs status).
  const sys: SystemContext = { actor: systemActor(`job:${job.name}`), requestId: `job-${runId}-${attempt}`, now: startedAt, reason: `job ${job.name}`, job: job.name };
  const started = performance.now();
  try {
    const summary = await job.run(rc.runtime, sys);
    const finishedAt = rc.runtime.clock.now();
    await rc.runtime.ports.jobMonitor.recordRun({ jobName: job.name, runnerId: rc.runnerId, outcome: 'success', startedAt, finishedAt, error: null });
    rc.metrics?.success(job.name, finishedAt);
    rc.logger.info({ job: job.name, run_id: runId, attempt, outcome: 'success', latency_ms: Math.round(performance.now() - started), ...summary }, 'job run');
    return summary;
  } catch (err) {
    rc.metrics?.failure(job.name);
    const error = failureSummary(err);
    await rc.runtime.ports.jobMonitor
      .recordRun({ jobName: job.name, runnerId: rc.runnerId, outcome: 'error', startedAt, finishedAt: rc.runtime.clock.now(), error })
      .catch((recordErr: unknown) => rc.logger.warn({ err: recordErr, job: job.name }, 'could not record the failed run'));
    const unexpected = !isAppError(err) || err.kind === 'internal';
    rc.logger[unexpected ? 'error' : 'warn'](
      { job: job.name, run_id: runId, attempt, outcome: 'error', error, latency_ms: Math.round(performance.now() - started), ...(unexpected ? { err } : {}) },
      'job run',
    );
    throw err;
  }
}

/** `--job NAME --once`: resolves the name, runs it in this process, returns its summary. */
export async function runJobOnce(name: string, rc: JobRunContext): Promise<Record<string, unknown>> {
  const job = findJob(name);
  if (job === undefined) {
    const names = JOB_CATALOGUE.map((j) => j.name);
    throw new AppError('job.unknown', `No job is named ${name}. Jobs: ${names.join(', ')}`, { details: { job: name, jobs: names } });
  }
  return runJob(job, rc, `once-${process.pid}`, 1);
}

