/**
 * The database a runtime talks to: the server at DATABASE_URL, or embedded PGlite (data under
 * EMBEDDED_DATA_DIR) when it is unset. Either way clients reach it by a postgres connection
 * string, so the same adapters, migrations and RLS apply.
 */
import { createKnex, pingDatabase, startEmbeddedPostgres, type Knex } from '@cws/adapter-postgres';
import { migrateLatest, migrationStatus, type MigrationStatus } from '@cws/migrations';
import type { Config } from './config/index.js';

export interface DatabaseHandle {
  readonly kind: 'embedded' | 'server';
  readonly connectionString: string;
  readonly knex: Knex;
  ping(timeoutMs: number): Promise<void>;
  migrationStatus(): Promise<MigrationStatus>;
  migrate(): Promise<string[]>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Overrides EMBEDDED_DATA_DIR; null keeps the embedded database in memory (tests). */
  readonly embeddedDataDir?: string | null;
  readonly applicationName?: string;
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
  const connectionString = embedded?.connectionString ?? config.database.url!;
  const knex = createKnex({
    connectionString,
    poolMax: config.database.poolMax,
    statementTimeoutMs: config.database.statementTimeoutMs,
    applicationName: options.applicationName ?? 'cleanwithsnapshot',
  });
  return {
    kind: embedded === null ? 'server' : 'embedded',
    connectionString,
    knex,
    ping: (timeoutMs) => pingDatabase(knex, timeoutMs),
    migrationStatus: () => migrationStatus(knex),
    migrate: () => migrateLatest(knex),
    async close() {
      await knex.destroy();
      await embedded?.close();
    },
  };
}
