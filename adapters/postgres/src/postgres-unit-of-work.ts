import { isUuid, type RequestContext, type TenantRepositories, type UnitOfWork, type UnitOptions } from '@cws/core';
import type { Knex } from 'knex';
import { PostgresAuditLog } from './repositories/postgres-audit-log.js';
import { PostgresClientRepository } from './repositories/postgres-client-repository.js';
import { PostgresLeadRepository } from './repositories/postgres-lead-repository.js';
import { PostgresOrgSettingsRepository } from './repositories/postgres-org-settings-repository.js';
import {
  PostgresBreakGlassRepository,
  PostgresInvitationRepository,
  PostgresMembershipRepository,
  PostgresSessionRepository,
  PostgresUserRepository,
} from './repositories/postgres-identity-repositories.js';
import { PostgresBookingRepository } from './repositories/postgres-booking-repository.js';
import { PostgresAvailabilityRepository } from './repositories/postgres-availability-repository.js';
import { PostgresBookingSeriesRepository } from './repositories/postgres-booking-series-repository.js';
import { PostgresIdempotencyRepository } from './repositories/postgres-idempotency-repository.js';
import {
  PostgresBlackoutRepository,
  PostgresServiceRepository,
  PostgresTeamRepository,
  PostgresWorkerRepository,
} from './repositories/postgres-workforce-repositories.js';
import { PostgresOutboxRepository } from './repositories/postgres-outbox-repository.js';
import { PostgresInvoiceRepository } from './repositories/postgres-invoice-repository.js';
import { PostgresInvoiceLinkRepository, PostgresPaymentRepository, PostgresStripeEventRepository } from './repositories/postgres-billing-repositories.js';
import { inTenantTransaction, type TenantDb } from './tenant-transaction.js';
import { DEFAULT_SEARCH_TUNING, type SearchTuning } from './repositories/text-search.js';

/**
 * Each unit is one tenant transaction: role cws_app, `app.current_org_id` = ctx.orgId, the acting
 * staff user, RLS on; for a signed-in request, the session's liveness (and the token's claims)
 * is read in the same first message. A read-only unit of one statement is one round trip (see
 * inTenantTransaction).
 */
export class PostgresUnitOfWork implements UnitOfWork {
  constructor(
    private readonly knex: Knex,
    private readonly search: SearchTuning = DEFAULT_SEARCH_TUNING,
  ) {}

  run<T>(ctx: RequestContext, work: (repos: TenantRepositories) => Promise<T>, options: UnitOptions = {}): Promise<T> {
    const repositories = (db: TenantDb): TenantRepositories => ({
      leads: new PostgresLeadRepository(db, this.search),
      clients: new PostgresClientRepository(db, this.search),
      audit: new PostgresAuditLog(db),
      orgSettings: new PostgresOrgSettingsRepository(db, ctx.orgId),
      users: new PostgresUserRepository(db),
      memberships: new PostgresMembershipRepository(db),
      sessions: new PostgresSessionRepository(db),
      breakGlass: new PostgresBreakGlassRepository(db),
      invitations: new PostgresInvitationRepository(db),
      teams: new PostgresTeamRepository(db),
      workers: new PostgresWorkerRepository(db),
      services: new PostgresServiceRepository(db),
      blackouts: new PostgresBlackoutRepository(db),
      bookings: new PostgresBookingRepository(db, ctx.orgId),
      bookingSeries: new PostgresBookingSeriesRepository(db),
      availability: new PostgresAvailabilityRepository(db, ctx.orgId),
      idempotency: new PostgresIdempotencyRepository(db, ctx.orgId),
      outbox: new PostgresOutboxRepository(db, ctx.orgId),
      invoices: new PostgresInvoiceRepository(db, ctx.orgId),
      payments: new PostgresPaymentRepository(db, ctx.orgId),
      stripeEvents: new PostgresStripeEventRepository(db, ctx.orgId),
      invoiceLinks: new PostgresInvoiceLinkRepository(db, ctx.orgId),
    });
    const check = ctx.session === undefined ? null : { proof: ctx.session, now: ctx.now };
    // A staff user acts on their own account row in any org's unit (migration 0008's policies).
    const actingUserId = ctx.actor.kind === 'staff' && isUuid(ctx.actor.id) ? ctx.actor.id : null;
    return inTenantTransaction(this.knex, { orgId: ctx.orgId, actingUserId }, (db) => work(repositories(db)), check, options);
  }
}
