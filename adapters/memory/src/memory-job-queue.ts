/**
 * An in-process JobQueue: due runs are polled from an array, handlers run with per-job
 * concurrency, retryable failures come back with exponential backoff. Nothing survives a
 * restart; for tests, demos and embedding without a database.
 */
import { randomUUID } from 'node:crypto';
import { CronExpressionParser } from 'cron-parser';
import { isAppError, type DrainResult, type EnqueueOptions, type JobData, type JobDefinition, type JobQueue } from '@cws/core';

interface PendingRun {
  id: string;
  name: string;
  data: JobData;
  runAt: number;
  attempt: number;
  uniqueKey: string | null;
}

interface Schedule {
  cron: string;
  timeZone: string;
  data: JobData;
  nextAt: number;
}

export interface FailedRun {
  readonly id: string;
  readonly name: string;
  readonly attempt: number;
  readonly error: unknown;
}

export class MemoryJobQueue implements JobQueue {
  private readonly definitions = new Map<string, JobDefinition>();
  private readonly pending: PendingRun[] = [];
  private readonly schedules = new Map<string, Schedule>();
  private readonly running = new Map<string, number>();
  private readonly idle: Array<() => void> = [];
  private timer: NodeJS.Timeout | null = null;
  private accepting = false;
  /** Runs that failed for good, newest last (inspection in tests). */
  readonly failed: FailedRun[] = [];

  constructor(private readonly options: { pollMs?: number } = {}) {}

  define(definition: JobDefinition): void {
    this.definitions.set(definition.name, definition);
  }

  async start(): Promise<void> {
    this.accepting = true;
    this.tick();
  }

  async enqueue(name: string, data: JobData, options: EnqueueOptions = {}): Promise<void> {
    const uniqueKey = options.uniqueKey ?? null;
    if (uniqueKey !== null && this.pending.some((p) => p.name === name && p.uniqueKey === uniqueKey)) return;
    this.pending.push({ id: randomUUID(), name, data: structuredClone(data), runAt: options.runAt?.getTime() ?? Date.now(), attempt: 1, uniqueKey });
  }

  async schedule(name: string, cron: string, data: JobData, options: { timeZone?: string } = {}): Promise<void> {
    const timeZone = options.timeZone ?? 'UTC';
    this.schedules.set(name, { cron, timeZone, data: structuredClone(data), nextAt: nextCronTime(cron, timeZone, new Date()) });
  }

  /** The schedules held, for inspection. */
  async listSchedules(): Promise<Array<{ name: string; cron: string; timeZone: string }>> {
    return [...this.schedules].map(([name, s]) => ({ name, cron: s.cron, timeZone: s.timeZone }));
  }

  async drain(timeoutMs: number): Promise<DrainResult> {
    this.accepting = false;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.totalRunning() > 0) {
      await Promise.race([new Promise<void>((resolve) => this.idle.push(resolve)), new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
    }
    return { running: this.totalRunning() };
  }

  private totalRunning(): number {
    let total = 0;
    for (const n of this.running.values()) total += n;
    return total;
  }

  private tick(): void {
    if (!this.accepting) return;
    const now = Date.now();
    for (const [name, s] of this.schedules) {
      if (s.nextAt <= now) {
        s.nextAt = nextCronTime(s.cron, s.timeZone, new Date(now));
        void this.enqueue(name, s.data, { uniqueKey: `schedule:${name}` });
      }
    }
    for (const run of [...this.pending].sort((a, b) => a.runAt - b.runAt)) {
      if (run.runAt > now) continue;
      const def = this.definitions.get(run.name);
      if (def === undefined) continue;
      if ((this.running.get(run.name) ?? 0) >= (def.concurrency ?? 1)) continue;
      this.pending.splice(this.pending.indexOf(run), 1);
      void this.execute(def, run);
    }
    this.timer = setTimeout(() => this.tick(), this.options.pollMs ?? 10);
    this.timer.unref();
  }

  private async execute(def: JobDefinition, run: PendingRun): Promise<void> {
    this.running.set(def.name, (this.running.get(def.name) ?? 0) + 1);
    try {
      await def.handler({ id: run.id, jobName: run.name, data: run.data, attempt: run.attempt });
    } catch (error) {
      const retryable = isAppError(error) && error.retryable;
      if (retryable && run.attempt <= (def.maxRetries ?? 0)) {
        const delay = (def.retryDelayMs ?? 1000) * 2 ** (run.attempt - 1);
        this.pending.push({ ...run, attempt: run.attempt + 1, runAt: Date.now() + delay });
      } else {
        this.failed.push({ id: run.id, name: run.name, attempt: run.attempt, error });
      }
    } finally {
      this.running.set(def.name, (this.running.get(def.name) ?? 1) - 1);
      if (this.totalRunning() === 0) this.idle.splice(0).forEach((resolve) => resolve());
    }
  }
}

function nextCronTime(cron: string, timeZone: string, from: Date): number {
  return CronExpressionParser.parse(cron, { currentDate: from, tz: timeZone }).next().getTime();
}
