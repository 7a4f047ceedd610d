/**
 * The job host: every catalogue job defined on the queue (with its retry policy), recurring ones
 * scheduled, and a heartbeat per runner written at start and every JOB_HEARTBEAT_INTERVAL_SECONDS
 * (job_heartbeats, read by /readyz). Stopping drains running jobs; it never abandons them.
 */
import { hostname } from 'node:os';
import { Registry } from 'prom-client';
import type { Logger, Runtime } from '@cws/composition';
import type { JobQueue } from '@cws/core';
import { JOB_CATALOGUE } from './jobs/job-catalogue.js';
import { createJobMetrics } from './job-metrics.js';
import { runJob, type JobRunContext } from './job-runner.js';
import { defaultPollMs, startOutboxPump, type OutboxPump } from './outbox-pump.js';
import { registerOutboxMetrics } from './outbox-metrics.js';

export interface JobHostOptions {
  readonly logger: Logger;
  /** Shared with the HTTP host in one process so /metrics shows job metrics too. */
  readonly registry?: Registry;
  /** `jobs` for the job host process, `standalone` when it runs inside the HTTP process. */
  readonly processName?: string;
  readonly processEveryMs?: number;
  readonly version?: string;
  /** Run the continuous outbox deliverer (default true; tests of other jobs turn it off). */
  readonly outboxPump?: boolean;
  /** Its poll interval (default: 5 s on a server, which notifies; 1 s otherwise). */
  readonly outboxPollMs?: number;
}

export interface RunningJobHost {
  readonly queue: JobQueue;
  readonly runnerId: string;
  /** Where the job metrics are registered (the one given, or the host's own). */
  readonly registry: Registry;
  /** When this runner last wrote its heartbeat; null before the first and after stop. */
  lastBeatAt(): Date | null;
  /** Whether this host delivers the outbox continuously. */
  outboxPumpRunning(): boolean;
  /** Writes a heartbeat now (also used by tests). */
  beat(): Promise<void>;
  /** Stops the heartbeat and drains running jobs within `timeoutMs`. */
  stop(timeoutMs?: number): Promise<{ running: number }>;
}

export async function startJobHost(runtime: Runtime, options: JobHostOptions): Promise<RunningJobHost> {
  const { config } = runtime;
  const { logger } = options;
  const runnerId = config.jobs.runnerId;
  const registry = options.registry ?? new Registry();
  const metrics = createJobMetrics(registry, runnerId);
  const stopObserving = runtime.outbox.observers.subscribe(
    registerOutboxMetrics(registry, runtime.outbox.delivery, { statuses: () => runtime.outbox.breakers() }, () => runtime.clock.now()),
  );
  let lastBeat: Date | null = null;
  const queue = runtime.createJobQueue({
    runnerId,
    onError: (err) => logger.warn({ err: err.message }, 'job queue background error'),
    ...(options.processEveryMs !== undefined ? { processEveryMs: options.processEveryMs } : {}),
  });
  const rc: JobRunContext = { runtime, logger, metrics, runnerId };
  const startedAt = runtime.clock.now();

  for (const job of JOB_CATALOGUE) {
    queue.define({
      name: job.name,
      concurrency: 1,
      maxRetries: job.maxRetries,
      retryDelayMs: job.retryDelayMs,
      handler: async (run) => {
        await runJob(job, rc, run.id, run.attempt);
      },
    });
  }

  const beat = async () => {
    const now = runtime.clock.now();
    await runtime.ports.jobMonitor.beat({
      runnerId,
      name: options.processName ?? 'jobs',
      hostname: hostname(),
      pid: process.pid,
      version: options.version ?? '0.1.0',
      startedAt,
      lastHeartbeat: now,
    });
    metrics.heartbeat(now);
    lastBeat = now;
    if (config.jobs.betterStackHeartbeatUrl !== null) {
      await fetch(config.jobs.betterStackHeartbeatUrl, { signal: AbortSignal.timeout(5000) }).catch((err: unknown) =>
        logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'external heartbeat ping failed'),
      );
    }
  };

  await queue.start();
  for (const job of JOB_CATALOGUE) {
    if (job.cron !== null) await queue.schedule(job.name, job.cron, {}, { timeZone: job.timeZone });
  }
  await beat();
  metrics.runnerUp(true);
  const timer = setInterval(() => {
    beat().catch((err: unknown) => logger.warn({ err }, 'heartbeat failed'));
  }, config.jobs.heartbeatIntervalSeconds * 1000);
  timer.unref();
  const delivery = runtime.outbox.delivery;
  const pump: OutboxPump | null =
    options.outboxPump === false || delivery === null
      ? null
      : startOutboxPump(runtime, delivery, { logger, pollMs: options.outboxPollMs ?? defaultPollMs(runtime) });
  logger.info({ runner_id: runnerId, jobs: JOB_CATALOGUE.map((j) => j.name), outbox_pump: pump !== null }, 'job host started');

  return {
    queue,
    runnerId,
    registry,
    lastBeatAt: () => lastBeat,
    outboxPumpRunning: () => pump !== null && lastBeat !== null,
    beat,
    async stop(timeoutMs = 30_000) {
      clearInterval(timer);
      metrics.runnerUp(false);
      lastBeat = null;
      // The pump finishes its batch (its outcomes are recorded) before the queue drains.
      await pump?.stop();
      stopObserving();
      const result = await queue.drain(timeoutMs);
      logger.info({ runner_id: runnerId, still_running: result.running }, 'job host drained');
      return result;
    },
  };
}
