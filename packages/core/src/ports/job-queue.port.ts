/**
 * Background jobs: named handlers, run later or on a schedule by whichever backend the host
 * chose (Agenda on PostgreSQL or MongoDB, or in memory). Delivery is at least once: handlers
 * must be idempotent.
 */
export type JobData = Readonly<Record<string, unknown>>;

export interface JobRun {
  readonly id: string;
  readonly jobName: string;
  readonly data: JobData;
  /** 1 on the first run, then 2, 3, ... on retries. */
  readonly attempt: number;
}

export interface JobDefinition {
  readonly name: string;
  /** Runs of this job allowed at once in one process (default 1). */
  readonly concurrency?: number;
  /** A run holding its lock longer than this is presumed dead and may run elsewhere. */
  readonly lockLifetimeMs?: number;
  /** Retries after a retryable failure (AppError with `retryable`), default 0. */
  readonly maxRetries?: number;
  /** First retry delay; each later retry doubles it. */
  readonly retryDelayMs?: number;
  readonly handler: (run: JobRun) => Promise<void>;
}

export interface EnqueueOptions {
  /** Earliest time to run; now when absent. */
  readonly runAt?: Date;
  /** At most one pending run per (name, uniqueKey); enqueuing it again changes nothing. */
  readonly uniqueKey?: string;
}

export interface DrainResult {
  /** Runs still going when the timeout hit (0 after a clean drain). */
  readonly running: number;
}

export interface JobQueue {
  /** Registers a handler; call before `start`. */
  define(definition: JobDefinition): void;
  /** Starts processing defined jobs (and publishing enqueued ones). */
  start(): Promise<void>;
  enqueue(name: string, data: JobData, options?: EnqueueOptions): Promise<void>;
  /** Runs `name` on a 5-field cron schedule in `timeZone` (default UTC); one schedule per name. */
  schedule(name: string, cron: string, data: JobData, options?: { timeZone?: string }): Promise<void>;
  /** Stops taking new runs and waits up to `timeoutMs` for running ones to finish. */
  drain(timeoutMs: number): Promise<DrainResult>;
}
