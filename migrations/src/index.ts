/**
 * The migrations, listed in order in code (not discovered from a folder) so the same list runs
 * from TypeScript sources and from compiled output, and `/readyz` knows the expected head.
 */
import type { Knex } from 'knex';
import * as m0001 from './0001_app_role.js';
import * as m0002 from './0002_orgs.js';
import * as m0003 from './0003_clients_and_leads.js';
import * as m0004 from './0004_audit_logs.js';
import * as m0005 from './0005_job_tables.js';
import * as m0006 from './0006_identity.js';
import * as m0007 from './0007_scheduling.js';
import * as m0008 from './0008_account_custody.js';
import * as m0009 from './0009_search_indexes.js';
import * as m0010 from './0010_login_roles.js';
import * as m0011 from './0011_worker_portal_password_change.js';
import * as m0012 from './0012_job_org_run_stats.js';
import * as m0013 from './0013_outbox.js';
import * as m0014 from './0014_billing.js';
import * as m0015 from './0015_service_deposits.js';
import * as m0016 from './0016_org_dunning_days.js';
import * as m0017 from './0017_outbox_due_scan.js';
import { MIGRATIONS_TABLE } from './support/migrations-table.js';

export { APP_ROLE, CURRENT_ORG_SQL, CURRENT_USER_SQL } from './support/tenant-table.js';
export { ACTING_USER_SQL } from './0008_account_custody.js';
export { AGENDA_JOBS_TABLE, AGENDA_LOGS_TABLE } from './0005_job_tables.js';
export { OUTBOX_CHANNEL, OUTBOX_SCANNER_ROLE } from './0013_outbox.js';
export { describeDatabaseFailure } from './support/database-failure.js';
export { SYSTEM_SCOPE_SQL } from './support/tenant-table.js';
export { MIGRATIONS_TABLE } from './support/migrations-table.js';
export {
  LOGIN_ROLE,
  LoginRoleError,
  ensureLoginRole,
  loginRoleProblems,
  provisionLoginRole,
  scramSha256Verifier,
  urlCredentials,
  type LoginRoleSpec,
} from './support/login-role.js';

interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

const MIGRATIONS: ReadonlyArray<readonly [string, Migration]> = [
  ['0001_app_role', m0001],
  ['0002_orgs', m0002],
  ['0003_clients_and_leads', m0003],
  ['0004_audit_logs', m0004],
  ['0005_job_tables', m0005],
  ['0006_identity', m0006],
  ['0007_scheduling', m0007],
  ['0008_account_custody', m0008],
  ['0009_search_indexes', m0009],
  ['0010_login_roles', m0010],
  ['0011_worker_portal_password_change', m0011],
  ['0012_job_org_run_stats', m0012],
  ['0013_outbox', m0013],
  ['0014_billing', m0014],
  ['0015_service_deposits', m0015],
  ['0016_org_dunning_days', m0016],
  ['0017_outbox_due_scan', m0017],
];

export const EXPECTED_HEAD = MIGRATIONS[MIGRATIONS.length - 1]![0];

const source: Knex.MigrationSource<readonly [string, Migration]> = {
  getMigrations: async () => [...MIGRATIONS],
  getMigrationName: ([name]) => name,
  getMigration: async ([, migration]) => migration,
};

const config = (): Knex.MigratorConfig => ({ migrationSource: source, tableName: MIGRATIONS_TABLE });

/** Applies every pending migration; returns the names applied. */
export async function migrateLatest(knex: Knex): Promise<string[]> {
  const [, applied] = (await knex.migrate.latest(config())) as [number, string[]];
  return applied;
}

export interface MigrationStatus {
  /** The newest applied migration, or null on an empty database. */
  readonly current: string | null;
  readonly expected: string;
  readonly pending: readonly string[];
  readonly upToDate: boolean;
}

/** Where the database stands against this build's migrations (for `/readyz`). */
export async function migrationStatus(knex: Knex): Promise<MigrationStatus> {
  const hasTable = await knex.schema.hasTable(MIGRATIONS_TABLE);
  const applied: string[] = hasTable ? (await knex(MIGRATIONS_TABLE).select('name').orderBy('id')).map((r: { name: string }) => r.name) : [];
  const pending = MIGRATIONS.map(([name]) => name).filter((name) => !applied.includes(name));
  return { current: applied[applied.length - 1] ?? null, expected: EXPECTED_HEAD, pending, upToDate: pending.length === 0 };
}

export function migrationNames(): string[] {
  return MIGRATIONS.map(([name]) => name);
}
