/**
 * The JobQueue port on Agenda 6, stored in PostgreSQL (the agenda_jobs table of our migrations)
 * or MongoDB. Everything a run needs survives a restart: the attempt number is Agenda's stored
 * fail count, retries are Agenda's own backoff, unique keys live in the stored data.
 *
 * Shutdown: `drain()` waits for running work and closes the connections this queue opened, but
 * Agenda 6.2.6 leaves an un-unref'd liveness timer (up to lockLifetime/2) behind each run it
 * processed, so a host calls `process.exit()` after draining (tests run mocha with `exit: true`).
 */
import { hostname } from 'node:os';
import { Agenda, type AgendaBackend, type Job } from 'agenda';
import { AppError, isAppError, type DrainResult, type EnqueueOptions, type JobData, type JobDefinition, type JobQueue } from '@cws/core';
import { createAgendaStore, UNIQUE_KEY_FIELD, type AgendaStore, type AgendaStoreOptions, type StoredSchedule } from './agenda-stores.js';
import { translateStoreError } from './store-errors.js';

export type AgendaJobQueueOptions = AgendaStoreOptions & {
  /** This runner's id, stored as last_modified_by (default `hostname:pid`). */
  readonly name?: string;
  /** How often due runs are polled for (default 5000). NOTIFY wakes PostgreSQL runners sooner. */
  readonly processEveryMs?: number;
  /** Runs at once in this process, over all job names (default 20). */
  readonly maxConcurrency?: number;
  /** Lock lifetime for definitions that set none (default 10 minutes). */
  readonly defaultLockLifetimeMs?: number;
  /** How long connecting may take before the store counts as unreachable (default 10 s). */
  readonly connectTimeoutMs?: number;
  /** Background failures (polling, lost connections) that belong to no caller. */
  readonly onError?: (error: Error) => void;
};

type StoredData = Record<string, unknown>;

interface Opened {
  readonly agenda: Agenda;
  readonly store: AgendaStore;
}

export class AgendaJobQueue implements JobQueue {
  private readonly definitions = new Map<string, JobDefinition>();
  private opening: Promise<Opened> | null = null;
  private draining: Promise<DrainResult> | null = null;

  constructor(private readonly options: AgendaJobQueueOptions) {}

  define(definition: JobDefinition): void {
    this.definitions.set(definition.name, definition);
    // Agenda reads its definitions on every poll, so a late define still takes effect.
    void this.opening?.then((opened) => this.defineOn(opened, definition), () => undefined);
  }

  async start(): Promise<void> {
    const { agenda } = await this.open();
    await this.call(() => agenda.start());
  }

  async enqueue(name: string, data: JobData, options: EnqueueOptions = {}): Promise<void> {
    const { agenda } = await this.open();
    const stored: StoredData = { ...data };
    delete stored[UNIQUE_KEY_FIELD];
    const uniqueKey = options.uniqueKey;
    if (uniqueKey !== undefined) stored[UNIQUE_KEY_FIELD] = uniqueKey;
    const job = agenda.create<StoredData>(name, stored).schedule(options.runAt ?? new Date());
    // The backends check and insert in two statements: two producers racing on one key can both
    // insert. Harmless under at-least-once delivery, but not a hard guarantee.
    if (uniqueKey !== undefined) job.unique({ [`data.${UNIQUE_KEY_FIELD}`]: uniqueKey }, { insertOnly: true });
    await this.call(() => job.save());
  }

  async schedule(name: string, cron: string, data: JobData, options: { timeZone?: string } = {}): Promise<void> {
    const timeZone = options.timeZone ?? 'UTC';
    const { agenda } = await this.open();
    // Agenda would store an unreadable cron or zone as a schedule that never fires, replacing a
    // good one; try it on an unsaved job first.
    const fires = (zone: string) => agenda.create(name, {}).repeatEvery(cron, { timezone: zone, skipImmediate: true }).attrs.nextRunAt instanceof Date;
    // Agenda also takes human intervals ("1 day and 2 hours"); a cron's minute and hour have no words.
    const fields = cron.trim().split(/\s+/);
    if (fields.length !== 5 || !fields.slice(0, 2).every((f) => /^[\d*,/-]+$/.test(f)) || !fires('UTC')) {
      throw AppError.validation([{ pointer: '/cron', detail: 'must be a 5-field cron expression' }]);
    }
    if (!fires(timeZone)) throw AppError.validation([{ pointer: '/timeZone', detail: 'must be an IANA time zone' }]);
    await this.call(() => agenda.every(cron, name, { ...data }, { timezone: timeZone, skipImmediate: true }));
  }

  /** The schedules held in the store, one per job name. */
  async listSchedules(): Promise<StoredSchedule[]> {
    const { store } = await this.open();
    return this.call(() => store.listSchedules());
  }

  /** Stops polling, waits up to `timeoutMs` for running runs, then closes this queue's connections. */
  drain(timeoutMs: number): Promise<DrainResult> {
    this.draining ??= this.shutDown(timeoutMs);
    return this.draining;
  }

  private async shutDown(timeoutMs: number): Promise<DrainResult> {
    const opened = this.opening === null ? null : await this.opening.catch(() => null);
    if (opened === null) return { running: 0 };
    try {
      // Never stop(): it returns at once and leaves running rows locked until their lifetime ends.
      const result = await opened.agenda.drain({ timeout: timeoutMs, closeConnection: false });
      return { running: result.running };
    } finally {
      await opened.store.close();
    }
  }

  private open(): Promise<Opened> {
    if (this.draining !== null) return Promise.reject(new AppError('internal.unexpected', 'The job queue has been drained'));
    this.opening ??= this.connect().catch((err: unknown) => {
      this.opening = null; // a later call may try again
      throw err;
    });
    return this.opening;
  }

  private async connect(): Promise<Opened> {
    const store = createAgendaStore(this.options, this.options.connectTimeoutMs ?? 10_000, this.reportError);
    let settle!: { resolve: () => void; reject: (err: unknown) => void };
    const connected = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
    // Agenda's constructor calls backend.connect() without a catch: a failure would be an
    // unhandled rejection (the process exits) and `ready` would never settle. This wrapper hands
    // the outcome to us instead, and on failure keeps that Agenda instance waiting for good.
    const backend: AgendaBackend = {
      name: store.backend.name,
      repository: store.backend.repository,
      notificationChannel: store.backend.notificationChannel,
      logger: store.backend.logger,
      ownsConnection: false,
      connect: () =>
        store.connect().then(settle.resolve, (err: unknown) => {
          settle.reject(err);
          return new Promise<void>(() => {});
        }),
      disconnect: () => store.close(),
    };
    const agenda = new Agenda({
      backend,
      name: this.options.name ?? `${hostname()}:${process.pid}`,
      processEvery: this.options.processEveryMs ?? 5000,
      maxConcurrency: this.options.maxConcurrency ?? 20,
      defaultLockLifetime: this.options.defaultLockLifetimeMs ?? 10 * 60_000,
    });
    agenda.on('error', this.reportError);
    // Agenda resets the fail count only after a success. A recurring job whose retries ended
    // would start its next scheduled run at attempt N+1 with no retries left; start it afresh.
    agenda.on('retry exhausted', (_error, job) => {
      if (job.attrs.repeatInterval) job.attrs.failCount = 0;
    });
    const opened: Opened = { agenda, store };
    for (const definition of this.definitions.values()) this.defineOn(opened, definition);
    try {
      await connected;
    } catch (err) {
      await store.close().catch(() => undefined);
      throw new AppError('storage.unavailable', 'The job store cannot be reached', { cause: err });
    }
    return opened;
  }

  private defineOn({ agenda, store }: Opened, definition: JobDefinition): void {
    const maxRetries = definition.maxRetries ?? 0;
    const firstDelay = definition.retryDelayMs ?? 1000;
    agenda.define<StoredData>(definition.name, (job) => this.runOnce(store, definition, job), {
      concurrency: definition.concurrency ?? 1,
      lockLifetime: definition.lockLifetimeMs ?? this.options.defaultLockLifetimeMs ?? 10 * 60_000,
      // Agenda hands over the thrown error and the failures so far (this one included); null ends the run.
      backoff: ({ error, attempt }) => (isAppError(error) && error.retryable && attempt <= maxRetries ? firstDelay * 2 ** (attempt - 1) : null),
    });
  }

  private async runOnce(store: AgendaStore, definition: JobDefinition, job: Job<StoredData>): Promise<void> {
    const id = String(job.attrs._id);
    const { [UNIQUE_KEY_FIELD]: uniqueKey, ...data } = job.attrs.data ?? {};
    // Once a run has started it is no longer pending: a new run with the same key may queue,
    // so work enqueued during this run is not lost.
    if (uniqueKey !== undefined) await store.releaseUniqueKey(id);
    try {
      await definition.handler({ id, jobName: job.attrs.name, data, attempt: (job.attrs.failCount ?? 0) + 1 });
    } catch (err) {
      // Agenda reads `.message` of what was thrown; a non-Error would break its failure
      // bookkeeping and leave the run locked until its lifetime ends.
      throw err instanceof Error ? err : new Error(String(err));
    }
  }

  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw translateStoreError(err);
    }
  }

  private readonly reportError = (error: unknown): void => {
    this.options.onError?.(error instanceof Error ? error : new Error(String(error)));
  };
}
