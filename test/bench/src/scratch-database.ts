/**
 * Databases a benchmark owns: on the server, a scratch database created for the run
 * (`cws_bench_<label>_<pid>`), migrated with the project migrations and dropped at the end, so
 * nothing another session does to the shared test database (dropping it, terminating its
 * connections, filling it) lands in the figures, and nothing of ours stays behind.
 */
import pg from 'pg';
import { createKnex } from '@cws/adapter-postgres';
import { migrateLatest } from '@cws/migrations';

export interface ScratchDatabase {
  readonly name: string;
  readonly url: string;
  /** "server host:port, scratch database …". */
  readonly description: string;
  drop(): Promise<void>;
}

async function admin(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl, application_name: 'cws-bench-admin' });
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** `migrate: false` leaves it empty (PB5C migrates each database with its own checkout's migrations). */
export async function createScratchDatabase(serverUrl: string, label: string, options: { migrate?: boolean } = {}): Promise<ScratchDatabase> {
  const name = `cws_bench_${label}_${process.pid}`;
  await admin(serverUrl, `drop database if exists "${name}" with (force)`);
  await admin(serverUrl, `create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const scratch: ScratchDatabase = {
    name,
    url: url.toString(),
    description: `PostgreSQL server ${url.host}, scratch database ${name} (created for this run, migrated, dropped at the end)`,
    drop: () => admin(serverUrl, `drop database if exists "${name}" with (force)`),
  };
  if (options.migrate === false) return scratch;
  try {
    const knex = createKnex({ connectionString: scratch.url, poolMax: 1, statementTimeoutMs: 0, applicationName: 'cws-bench-migrate' });
    try {
      await migrateLatest(knex);
    } finally {
      await knex.destroy();
    }
    return scratch;
  } catch (err) {
    await scratch.drop().catch(() => {});
    throw err;
  }
}
