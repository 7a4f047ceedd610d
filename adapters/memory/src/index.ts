import type { JobMonitor, OrgDirectory, RateLimiter, SystemAuditLog, UnitOfWork, UserAccounts } from '@cws/core';
import { MemoryOutboxDeliveryStore, MemorySmsOptOutStore } from './memory-outbox.js';
import { MemoryRateLimiter } from './memory-rate-limiter.js';
import { MemoryUserAccounts } from './memory-identity-repositories.js';
import { MemoryJobQueue } from './memory-job-queue.js';
import { MemoryState } from './memory-state.js';
import { MemoryJobMonitor, MemoryOrgDirectory, MemorySystemAuditLog } from './memory-system-stores.js';
import { MemoryUnitOfWork } from './memory-unit-of-work.js';

export { MemoryJobQueue, type FailedRun } from './memory-job-queue.js';
export { MemoryState } from './memory-state.js';
export { MemoryUnitOfWork } from './memory-unit-of-work.js';
export { MemoryJobMonitor, MemoryOrgDirectory, MemorySystemAuditLog } from './memory-system-stores.js';
export { MemoryUserAccounts } from './memory-identity-repositories.js';
export { MemoryRateLimiter } from './memory-rate-limiter.js';
export { MemoryOutboxDeliveryStore, MemoryOutboxRepository, MemorySmsOptOutStore } from './memory-outbox.js';

export interface MemoryAdapters {
  readonly state: MemoryState;
  readonly uow: UnitOfWork;
  readonly orgs: OrgDirectory;
  readonly systemAudit: SystemAuditLog;
  readonly jobMonitor: JobMonitor;
  readonly userAccounts: UserAccounts;
  readonly rateLimiter: RateLimiter;
  /** The outbox's delivery side; it polls (`notify()` wakes waiters of this process). */
  readonly outboxDelivery: MemoryOutboxDeliveryStore;
  readonly smsOptOuts: MemorySmsOptOutStore;
}

/** Every storage port over one shared in-memory state. */
export function createMemoryAdapters(state = new MemoryState()): MemoryAdapters {
  return {
    state,
    uow: new MemoryUnitOfWork(state),
    orgs: new MemoryOrgDirectory(state),
    systemAudit: new MemorySystemAuditLog(state),
    jobMonitor: new MemoryJobMonitor(state),
    userAccounts: new MemoryUserAccounts(state),
    rateLimiter: new MemoryRateLimiter(),
    outboxDelivery: new MemoryOutboxDeliveryStore(state),
    smsOptOuts: new MemorySmsOptOutStore(state),
  };
}

export function createMemoryJobQueue(options: { pollMs?: number } = {}): MemoryJobQueue {
  return new MemoryJobQueue(options);
}
