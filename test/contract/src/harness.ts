import type { JobMonitor, JobQueue, OrgDirectory, OutboxDeliveryStore, SessionLookup, SmsOptOutStore, SystemAuditLog, UnitOfWork, UserAccounts } from '@cws/core';

/** The storage ports of one adapter family, over one store. */
export interface StorageHarness {
  readonly uow: UnitOfWork;
  readonly orgs: OrgDirectory;
  readonly systemAudit: SystemAuditLog;
  readonly jobMonitor: JobMonitor;
  readonly userAccounts: UserAccounts;
  /** Optional in the core; when an adapter family has one, it must agree with `sessions.findWithAccount`. */
  readonly sessionLookup?: SessionLookup;
  /** The outbox's delivery side (the job's); `dispose` closes it. */
  readonly outboxDelivery: OutboxDeliveryStore;
  readonly smsOptOuts: SmsOptOutStore;
  /** Releases what the factory opened (connections, servers); the store may be shared. */
  dispose(): Promise<void>;
}

export type StorageHarnessFactory = () => Promise<StorageHarness>;

export interface JobQueueHarness {
  /** A fresh queue (own job names are namespaced by the suite, so a shared store is fine). */
  readonly queue: JobQueue;
  /** The schedules the backend holds, for the adapter-neutral schedule checks. */
  listSchedules(): Promise<ReadonlyArray<{ name: string; cron: string; timeZone: string }>>;
  dispose(): Promise<void>;
}

export interface JobQueueCaps {
  /** Why the backend cannot run here (e.g. no MONGODB_URL); the suite is skipped with it. */
  readonly unavailableReason?: string | null;
}
