/**
 * A database of its own on the test server for a fault test: job hosts started against it
 * deliver only its events, `pg_terminate_backend` over its backends touches no other suite, and a
 * test clock far ahead makes no other suite's rows due. Created from TEST_DATABASE_URL (the
 * owner), migrated, reached by the app through the tests' login role (no owner or superuser
 * rights, as in production), dropped at the end.
 */
import { randomBytes } from 'node:crypto';
import { createKnex, type Knex } from '@cws/adapter-postgres';
import { migrateLatest } from '@cws/migrations';
import { serverTestDatabase, serverTestDatabaseUrl, SERVER_SKIP_REASON } from './test-databases.js';

export interface ScratchServerDatabase {
  readonly name: string;
  /** The login role's URL: what DATABASE_URL of a host is. */
  readonly loginUrl: string;
  /** The owner's URL (a superuser on the test server): fixtures that read across orgs, terminations. */
  readonly ownerUrl: string;
  /** A small pool on the owner's URL. */
  readonly owner: Knex;
  drop(): Promise<void>;
}

/** The application name of `owner`'s connections (fault tests spare them when they end the rest). */
export const SCRATCH_OWNER_APPLICATION = 'cws-tests-faults-owner';

function onDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** CREATE/DROP DATABASE cannot run in a transaction: a connection of its own, outside knex's pool of the test database. */
async function adminStatement(serverUrl: string, sql: string): Promise<void> {
  const admin = createKnex({ connectionString: serverUrl, poolMax: 1, statementTimeoutMs: 0, applicationName: 'cws-tests-scratch-admin' });
  try {
    await admin.raw(sql);
  } finally {
    await admin.destroy();
  }
}

export async function createScratchServerDatabase(label: string): Promise<ScratchServerDatabase> {
  const serverUrl = serverTestDatabaseUrl();
  if (serverUrl === null) throw new Error(SERVER_SKIP_REASON);
  // The shared test database's setup creates the login role (cluster-wide) with its password.
  const shared = await serverTestDatabase();
  const name = `cws_faults_${label}_${process.pid}_${randomBytes(3).toString('hex')}`;
  await adminStatement(serverUrl, `CREATE DATABASE "${name}"`);
  const ownerUrl = onDatabase(serverUrl, name);
  const drop = () => adminStatement(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  const owner = createKnex({ connectionString: ownerUrl, poolMax: 3, statementTimeoutMs: 0, applicationName: SCRATCH_OWNER_APPLICATION });
  try {
    await migrateLatest(owner);
  } catch (err) {
    await owner.destroy();
    await drop().catch(() => undefined);
    throw err;
  }
  return {
    name,
    loginUrl: onDatabase(shared.connectionString, name),
    ownerUrl,
    owner,
    async drop() {
      await owner.destroy();
      await drop();
    },
  };
}
