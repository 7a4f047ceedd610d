/**
 * What the use cases of every area are built from: the ports `createCore` was given, with the
 * core's defaults filled in. Each area's wiring file (`use-cases/<area>/*-use-cases.ts`) takes
 * what its use cases need from here, by name.
 */
import type { SystemAuditLog } from '../../ports/audit-log.port.js';
import type { Clock } from '../../ports/clock.port.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { JobMonitor } from '../../ports/job-monitor.port.js';
import type { OrgDirectory } from '../../ports/org-directory.port.js';
import type { RateLimiter } from '../../ports/rate-limiter.port.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import type { IdentityOptions } from '../identity/identity-policy.js';
import type { CredentialDeps } from '../identity/sign-in.use-case.js';
import type { CreateOrg } from '../orgs/create-org.use-case.js';
import type { WorkerPortalDeps, WorkerPortalOptions } from '../worker-portal/worker-portal-options.js';
import type { SearchAdmission } from './search-admission.js';
import type { Messaging } from '../outbox/messaging.js';
import type { OutboxObserver } from '../../ports/outbox.port.js';
import type { BillingDeps } from '../billing/billing-support.js';
import type { InvoiceDocumentRenderer } from '../../ports/invoice-document.port.js';
import type { OrgRosterCache } from '../schedule/org-roster-cache.js';

export interface CoreServices {
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
  readonly clock: Clock;
  readonly orgs: OrgDirectory;
  readonly systemAudit: SystemAuditLog;
  readonly jobs: JobMonitor;
  readonly limiter: RateLimiter;
  /** Staff accounts: hashing, one-time codes, sealing, tokens, limits, mail. */
  readonly credentials: CredentialDeps;
  /** Worker portal sign-in and passwords. */
  readonly workerCredentials: WorkerPortalDeps;
  readonly options: IdentityOptions;
  readonly portalOptions: WorkerPortalOptions;
  /** One admission for lead and client searches: they share the same database connections. */
  readonly searches: SearchAdmission;
  readonly createOrg: CreateOrg;
  /** Age after which a job runner's heartbeat counts as stale. */
  readonly heartbeatTtlSeconds: number;
  /** Channels, sealer and settings of the outbox: what notifications and delivery need. */
  readonly messaging: Messaging;
  /** Per-event delivery outcomes, for metrics; null when nobody watches. */
  readonly outboxObserver: OutboxObserver | null;
  /** Invoices, payments, the processor and their options. */
  readonly billing: BillingDeps;
  /** Lays out invoice documents (PDF); null when none is configured. */
  readonly invoiceDocuments: InvoiceDocumentRenderer | null;
  /** Each org's roster for a few seconds (suggestions); `uow` drops an org's entry when it writes one. */
  readonly rosters: OrgRosterCache;
}
