import type { JobMonitor, OrgDirectory, OutboxDeliveryStore, SessionLookup, SmsOptOutStore, SystemAuditLog, UnitOfWork, UserAccounts } from '@cws/core';
import { PostgresOutboxDeliveryStore, PostgresSmsOptOutStore, type OutboxNotifications } from './postgres-outbox-delivery-store.js';
import { PostgresSessionLookup } from './postgres-session-lookup.js';
import { PostgresUserAccounts } from './postgres-user-accounts.js';
import type { Knex } from 'knex';
import { PostgresJobMonitor, PostgresOrgDirectory, PostgresSystemAuditLog } from './postgres-system-stores.js';
import { PostgresUnitOfWork } from './postgres-unit-of-work.js';
import { DEFAULT_SEARCH_TUNING, type SearchTuning } from './repositories/text-search.js';

export {
  PrivilegedConnectionError,
  connectionRole,
  createKnex,
  describePrivilegedRole,
  isPrivileged,
  pingDatabase,
  type ConnectionRole,
  type DatabaseOptions,
  type PrivilegedRolePolicy,
} from './database.js';
export { adapterTypeParsers, parseTimestamptz } from './timestamp-parsing.js';
export { EMBEDDED_SUPERUSER, embeddedTemplatePath, startEmbeddedPostgres, type EmbeddedPostgres, type EmbeddedPostgresOptions } from './embedded-postgres.js';
export { refusedStatement } from './embedded/session-guard.js';
export { inTenantTransaction, tenantBeginStatement, APP_ROLE, type TenantDb } from './tenant-transaction.js';
export { translatePgError } from './pg-errors.js';
export { PostgresUnitOfWork } from './postgres-unit-of-work.js';
export { DEFAULT_SEARCH_TUNING, type SearchTuning } from './repositories/text-search.js';
export { PostgresUserAccounts } from './postgres-user-accounts.js';
export { PostgresSessionLookup } from './postgres-session-lookup.js';
export { PostgresJobMonitor, PostgresOrgDirectory, PostgresSystemAuditLog } from './postgres-system-stores.js';
export {
  OUTBOX_CHANNEL,
  PostgresOutboxDeliveryStore,
  PostgresSmsOptOutStore,
  type OutboxDeliveryStoreOptions,
  type OutboxNotifications,
} from './postgres-outbox-delivery-store.js';
export type { Knex } from 'knex';

export interface PostgresAdapters {
  readonly uow: UnitOfWork;
  readonly orgs: OrgDirectory;
  readonly systemAudit: SystemAuditLog;
  readonly jobMonitor: JobMonitor;
  readonly userAccounts: UserAccounts;
  readonly sessionLookup: SessionLookup;
  /** Close it on shutdown: with notifications it holds a connection of its own. */
  readonly outboxDelivery: OutboxDeliveryStore;
  readonly smsOptOuts: SmsOptOutStore;
}

export interface PostgresAdapterOptions {
  /** How text searches are bounded (time budget, phase sizes); see repositories/text-search.ts. */
  readonly search?: Partial<SearchTuning>;
  /**
   * How the outbox's deliverer learns of new events: `listen` on a PostgreSQL server (one
   * dedicated connection), `poll` (the default) on embedded PGlite, whose one session must not be
   * held by a listener.
   */
  readonly outboxNotifications?: OutboxNotifications;
}

/** Every storage port over one knex instance. */
export function createPostgresAdapters(knex: Knex, options: PostgresAdapterOptions = {}): PostgresAdapters {
  return {
    uow: new PostgresUnitOfWork(knex, { ...DEFAULT_SEARCH_TUNING, ...options.search }),
    orgs: new PostgresOrgDirectory(knex),
    systemAudit: new PostgresSystemAuditLog(knex),
    jobMonitor: new PostgresJobMonitor(knex),
    userAccounts: new PostgresUserAccounts(knex),
    sessionLookup: new PostgresSessionLookup(knex),
    outboxDelivery: createOutboxDeliveryStore(knex, options.outboxNotifications ?? 'poll'),
    smsOptOuts: new PostgresSmsOptOutStore(knex),
  };
}

/** The outbox's delivery store over `knex`'s pool; with `listen`, plus one connection of its own (opened on the first wait). */
export function createOutboxDeliveryStore(knex: Knex, notifications: OutboxNotifications): PostgresOutboxDeliveryStore {
  return new PostgresOutboxDeliveryStore(knex, { notifications });
}
