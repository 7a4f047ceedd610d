import type { RequestContext } from '../context.js';
import type { AuditLog } from './audit-log.port.js';
import type { AvailabilityRepository } from './availability-repository.port.js';
import type { ClientRepository } from './client-repository.port.js';
import type { LeadRepository } from './lead-repository.port.js';
import type { OrgSettingsRepository } from './org-settings-repository.port.js';
import type {
  BlackoutRepository,
  BookingRepository,
  BookingSeriesRepository,
  IdempotencyRepository,
  ServiceRepository,
  TeamRepository,
  WorkerRepository,
} from './scheduling-repositories.port.js';
import type { OutboxRepository } from './outbox.port.js';
import type { InvoiceLinkRepository, InvoiceRepository, PaymentRepository, StripeEventRepository } from './billing-repositories.port.js';
import type { BreakGlassRepository, InvitationRepository, MembershipRepository, SessionRepository, UserRepository } from './identity-repositories.port.js';

/** Repositories bound to one transaction of one org. */
export interface TenantRepositories {
  readonly leads: LeadRepository;
  readonly clients: ClientRepository;
  readonly audit: AuditLog;
  readonly orgSettings: OrgSettingsRepository;
  readonly users: UserRepository;
  readonly memberships: MembershipRepository;
  readonly sessions: SessionRepository;
  readonly breakGlass: BreakGlassRepository;
  readonly invitations: InvitationRepository;
  readonly teams: TeamRepository;
  readonly workers: WorkerRepository;
  readonly services: ServiceRepository;
  readonly blackouts: BlackoutRepository;
  readonly bookings: BookingRepository;
  readonly bookingSeries: BookingSeriesRepository;
  /** The window's and its day's occupied time for the whole org, in one read (suggestions). */
  readonly availability: AvailabilityRepository;
  readonly idempotency: IdempotencyRepository;
  /** Messages to send: enqueued in the same unit as the change they announce. */
  readonly outbox: OutboxRepository;
  readonly invoices: InvoiceRepository;
  readonly payments: PaymentRepository;
  readonly stripeEvents: StripeEventRepository;
  readonly invoiceLinks: InvoiceLinkRepository;
}

/**
 * Runs `work` in one transaction scoped to `ctx.orgId`: every repository sees only that org's
 * rows, everything written commits together, and a throw rolls all of it back. Work must not
 * start another unit of work inside (on the embedded database that would wait on itself).
 * With `ctx.session`, the transaction first checks that session is live (this org's, the
 * user's, not revoked, not expired at `ctx.now`, the user still an active member) and sets
 * `confirmed`; otherwise it fails with auth.session_revoked before any of `work`'s reads or writes
 * answers (an adapter may send the check together with the first statement). The session must
 * also still match the token's claims (role, second factor proven).
 * The acting user — `ctx.actor` when it is a staff user with a UUID id — may read and write their
 * own account row in any org's unit (see `UserRepository`); nothing else about accounts crosses orgs.
 */
export interface UnitOfWork {
  run<T>(ctx: RequestContext, work: (repos: TenantRepositories) => Promise<T>, options?: UnitOptions): Promise<T>;
}

export interface UnitOptions {
  /**
   * The work only reads: an adapter may refuse its writes and row locks, and may run it twice
   * (the PostgreSQL adapter first tries it as one statement in one round trip, and runs it again
   * as a transaction when it asks for a second; docs/adr/0023-request-fixed-cost.md). So the work
   * must have no effect outside its repositories, and its reads must not depend on each other
   * being in one snapshot (they are not under READ COMMITTED either).
   */
  readonly readOnly?: boolean;
}
