/** What the worker portal's use cases are built from: their ports and the portal's options. */
import type { PasswordHasher } from '../../ports/credentials.port.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { OrgDirectory } from '../../ports/org-directory.port.js';
import type { PasswordStrength } from '../../ports/password-strength.port.js';
import type { RateLimiter } from '../../ports/rate-limiter.port.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';

export interface WorkerPortalDeps {
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
  readonly hasher: PasswordHasher;
  readonly limiter: RateLimiter;
  readonly orgs: OrgDirectory;
  /** Judges the portal passwords workers choose (the staff rule). */
  readonly strength: PasswordStrength;
}

export interface WorkerPortalOptions {
  /** How long before a job's start its worker may start it (WORKER_JOB_START_WINDOW_MINUTES). */
  readonly jobStartWindowMinutes: number;
}

export const DEFAULT_WORKER_PORTAL_OPTIONS: WorkerPortalOptions = { jobStartWindowMinutes: 120 };
