import type { JobMonitor, OrgDirectory, SessionLookup, SystemAuditLog, UnitOfWork, UserAccounts } from '@cws/core';
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
export { EMBEDDED_SUPERUSER, embeddedTemplatePath, startEmbeddedPostgres, type EmbeddedPostgres, type EmbeddedPostgresOptions } from './embedded-postgres.js';
export { refusedStatement } from './embedded/session-guard.js';
export { inTenantTransaction, tenantBeginStatement, APP_ROLE, type TenantDb } from './tenant-transaction.js';
export { translatePgError } from './pg-errors.js';
export { PostgresUnitOfWork } from './postgres-unit-of-work.js';
export { DEFAULT_SEARCH_TUNING, type SearchTuning } from './repositories/text-search.js';
export { PostgresUserAccounts } from './postgres-user-accounts.js';
export { PostgresSessionLookup } from './postgres-session-lookup.js';
export { PostgresJobMonitor, PostgresOrgDirectory, PostgresSystemAuditLog } from './postgres-system-stores.js';
export type { Knex } from 'knex';

export interface PostgresAdapters {
  readonly uow: UnitOfWork;
  readonly orgs: OrgDirectory;
  readonly systemAudit: SystemAuditLog;
  readonly jobMonitor: JobMonitor;
  readonly userAccounts: UserAccounts;
  readonly sessionLookup: SessionLookup;
}

export interface PostgresAdapterOptions {
  /** How text searches are bounded (time budget, phase sizes); see repositories/text-search.ts. */
  readonly search?: Partial<SearchTuning>;
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
  };
}
