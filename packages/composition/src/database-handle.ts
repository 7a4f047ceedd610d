/**
 * The database a runtime talks to: the server at DATABASE_URL, or embedded PGlite (data under
 * EMBEDDED_DATA_DIR) when it is unset. Either way clients reach it by a postgres connection
 * string, so the same adapters, migrations and RLS apply.
 *
 * Two roles (ADR 16): the app connects as its login role (DATABASE_URL's user; `cws_app_login`
 * on the embedded database), which can do exactly what cws_app can; migrations run as the owner
 * (DATABASE_OWNER_URL, else DATABASE_URL; the embedded superuser), on a connection opened for
 * them and closed after. A login role that could bypass row level security is refused with
 * APP_ENV=prod and reported once otherwise.
 */
import {
  PrivilegedConnectionError,
  createKnex,
  describePrivilegedRole,
  pingDatabase,
  startEmbeddedPostgres,
  type ConnectionRole,
  type Knex,
  type PrivilegedRolePolicy,
} from '@cws/adapter-postgres';
import { LOGIN_ROLE, ensureLoginRole, migrateLatest, migrationStatus, provisionLoginRole, type MigrationStatus } from '@cws/migrations';
import { ConfigError, type Config } from './config/index.js';

export interface DatabaseHandle {
  readonly kind: 'embedded' | 'server';
  /** The app's connection (its login role). */
  readonly connectionString: string;
  readonly knex: Knex;
  ping(timeoutMs: number): Promise<void>;
  migrationStatus(): Promise<MigrationStatus>;
  /** Applies pending migrations as the owner and sets up the login role; returns the names applied. */
  migrate(): Promise<string[]>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Overrides EMBEDDED_DATA_DIR; null keeps the embedded database in memory (tests). */
  readonly embeddedDataDir?: string | null;
  readonly applicationName?: string;
}

const FIX_ROLE =
  'Set DATABASE_URL to a login role that is not a superuser, has no BYPASSRLS and owns nothing (cws_app_login: `npm run migrate` creates it when DATABASE_OWNER_URL holds the owner), and give the owner to DATABASE_OWNER_URL for migrations only.';

/** Development and tests: one warning per database handle (so per process), then go on. */
function warnOnce(): (role: ConnectionRole) => void {
  let warned = false;
  return (role) => {
    if (warned) return;
    warned = true;
    process.emitWarning(`${describePrivilegedRole(role)}. ${FIX_ROLE} APP_ENV=prod refuses this connection.`, { code: 'CWS_DATABASE_ROLE' });
  };
}

async function asOwner<T>(connectionString: string, work: (owner: Knex) => Promise<T>): Promise<T> {
  // Migrations may outlast the app's statement timeout.
  const owner = createKnex({ connectionString, poolMax: 1, statementTimeoutMs: 0, applicationName: 'cleanwithsnapshot-migrate' });
  try {
    return await work(owner);
  } finally {
    await owner.destroy();
  }
}

/**
 * Opens a first connection, so a refused role stops the process at start with the fix. A server
 * that does not answer yet is not an error here: /readyz reports it, and every connection made
 * later is checked the same way.
 */
async function checkRoleAtStart(knex: Knex, appEnv: string): Promise<void> {
  try {
    await knex.raw('select 1');
  } catch (err) {
    if (!(err instanceof PrivilegedConnectionError)) return;
    throw new ConfigError([{ variable: 'DATABASE_URL', message: describePrivilegedRole(err.role), fix: FIX_ROLE }], appEnv);
  }
}

export async function openDatabase(config: Config, options: OpenDatabaseOptions = {}): Promise<DatabaseHandle> {
  const embedded =
    config.database.url === null
      ? await startEmbeddedPostgres({
          dataDir: options.embeddedDataDir === undefined ? config.database.embeddedDataDir : options.embeddedDataDir,
          // knex pool + Agenda pool + Agenda's LISTEN connection + headroom.
          maxConnections: config.database.poolMax * 2 + 8,
        })
      : null;
  try {
    // The embedded login role exists before the app's first connection, even on a new database.
    if (embedded !== null) await asOwner(embedded.connectionString, (owner) => ensureLoginRole(owner, { name: LOGIN_ROLE, password: null }));
    const connectionString = embedded?.connectionStringFor(LOGIN_ROLE) ?? config.database.url!;
    const ownerConnectionString = embedded?.connectionString ?? config.database.ownerUrl ?? config.database.url!;
    const privilegedRole: PrivilegedRolePolicy = config.appEnv === 'prod' ? 'refuse' : { warn: warnOnce() };
    const knex = createKnex({
      connectionString,
      poolMax: config.database.poolMax,
      statementTimeoutMs: config.database.statementTimeoutMs,
      applicationName: options.applicationName ?? 'cleanwithsnapshot',
      privilegedRole,
      preparedStatements: config.database.preparedStatements,
    });
    try {
      await checkRoleAtStart(knex, config.appEnv);
    } catch (err) {
      await knex.destroy();
      throw err;
    }
    return {
      kind: embedded === null ? 'server' : 'embedded',
      connectionString,
      knex,
      ping: (timeoutMs) => pingDatabase(knex, timeoutMs),
      migrationStatus: () => migrationStatus(knex),
      migrate: () =>
        asOwner(ownerConnectionString, async (owner) => {
          const applied = await migrateLatest(owner);
          if (embedded === null) await provisionLoginRole(owner, connectionString);
          return applied;
        }),
      async close() {
        await knex.destroy();
        await embedded?.close();
      },
    };
  } catch (err) {
    await embedded?.close();
    throw err;
  }
}
