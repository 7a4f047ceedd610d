/**
 * Databases for tests, one of each kind per test process and shared by every suite in it:
 * PGlite takes seconds to start, and suites stay independent by creating their own orgs.
 * - embedded: in-memory PGlite behind the embedded wire server, always available;
 * - server: the PostgreSQL at TEST_DATABASE_URL, when set (suites skip with a reason otherwise).
 *
 * Each has two connections, as production does (ADR 16): the owner's (TEST_DATABASE_URL's user;
 * the embedded superuser) migrates and may set up fixtures; the app's logs in as a login role
 * that can act as cws_app only, so every suite that uses `knex` or `connectionString` shows the
 * app works without owner or superuser rights.
 */
import { createHash } from 'node:crypto';
import { connectionRole, createKnex, describePrivilegedRole, isPrivileged, startEmbeddedPostgres, type EmbeddedPostgres, type Knex } from '@cws/adapter-postgres';
import { LOGIN_ROLE, ensureLoginRole, migrateLatest } from '@cws/migrations';

export interface TestDatabase {
  readonly kind: 'embedded' | 'server';
  /** The app's connection: the login role (not a superuser, no BYPASSRLS, owns nothing). */
  readonly connectionString: string;
  readonly knex: Knex;
  /** The owner's connection (a superuser here): migrations, and fixtures that must bypass RLS. */
  readonly ownerConnectionString: string;
  readonly ownerKnex: Knex;
  /** The login role's name. */
  readonly loginRole: string;
}

/**
 * The server's login role for test runs. Roles are cluster-wide and test processes may run at
 * once against different databases of one server, so every run sets the same password: one
 * derived from the owner's URL (without the database), never written down, the same for all.
 */
export const SERVER_TEST_LOGIN_ROLE = 'cws_test_login';

function serverTestLoginPassword(ownerUrl: string): string {
  const url = new URL(ownerUrl);
  return createHash('sha256').update(`cws-test-login\0${url.username}\0${url.password}\0${url.host}`).digest('base64url');
}

/** `url` with another user and password. */
function asUser(url: string, user: string, password: string | null): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(user);
  parsed.password = password === null ? '' : encodeURIComponent(password);
  return parsed.toString();
}

/** The app's pool, refusing to go on if its role could bypass RLS (then no suite would prove anything). */
async function appKnex(connectionString: string, poolMax: number): Promise<Knex> {
  const knex = createKnex({ connectionString, poolMax, applicationName: 'cws-tests' });
  const role = await connectionRole(knex);
  if (isPrivileged(role)) throw new Error(`The tests' app connection must not bypass RLS: ${describePrivilegedRole(role)}`);
  return knex;
}

let embedded: Promise<TestDatabase & { server: EmbeddedPostgres }> | null = null;

/**
 * The policy mutation check (tools/rls-mutation-check.ts) sets RLS_MUTATION_POLICY to
 * `<policy> ON <table>` to replace that policy with USING (true) WITH CHECK (true), in the
 * database under test; the isolation suites must then fail. Never set outside that tool.
 */
async function prepare(owner: Knex): Promise<void> {
  await migrateLatest(owner);
  const target = /^(\w+) ON (\w+)$/.exec(process.env['RLS_MUTATION_POLICY'] ?? '');
  if (target !== null) {
    // A policy for one command takes only the clauses that command has (INSERT: WITH CHECK; SELECT: USING).
    const { rows } = await owner.raw('SELECT cmd FROM pg_policies WHERE policyname = ? AND tablename = ?', [target[1]!, target[2]!]);
    const cmd = (rows[0] as { cmd?: string } | undefined)?.cmd ?? 'ALL';
    const relaxed = cmd === 'INSERT' ? 'WITH CHECK (true)' : cmd === 'SELECT' || cmd === 'DELETE' ? 'USING (true)' : 'USING (true) WITH CHECK (true)';
    await owner.raw(`ALTER POLICY ?? ON ?? ${relaxed}`, [target[1]!, target[2]!]);
  }
}

/** TEST_DATABASE_KINDS=embedded,server narrows which kinds run (the mutation check uses it). */
function kindSelected(kind: 'embedded' | 'server'): boolean {
  const wanted = process.env['TEST_DATABASE_KINDS'];
  return wanted === undefined || wanted === '' || wanted.split(',').map((k) => k.trim()).includes(kind);
}
let server: Promise<TestDatabase> | null = null;

export function embeddedTestDatabase(): Promise<TestDatabase> {
  embedded ??= (async () => {
    const pg = await startEmbeddedPostgres({ dataDir: null, maxConnections: 100 });
    const ownerKnex = createKnex({ connectionString: pg.connectionString, poolMax: 2, applicationName: 'cws-tests-owner' });
    await prepare(ownerKnex);
    await ensureLoginRole(ownerKnex, { name: LOGIN_ROLE, password: null });
    const connectionString = pg.connectionStringFor(LOGIN_ROLE);
    const knex = await appKnex(connectionString, 8);
    return { kind: 'embedded' as const, connectionString, knex, ownerConnectionString: pg.connectionString, ownerKnex, loginRole: LOGIN_ROLE, server: pg };
  })();
  return embedded;
}

export const SERVER_SKIP_REASON = 'TEST_DATABASE_URL is not set: the PostgreSQL server suites need a server (CI sets it)';

export function serverTestDatabaseUrl(): string | null {
  const url = process.env['TEST_DATABASE_URL'];
  return url === undefined || url === '' ? null : url;
}

export function serverTestDatabase(): Promise<TestDatabase> {
  const url = serverTestDatabaseUrl();
  if (url === null) return Promise.reject(new Error(SERVER_SKIP_REASON));
  server ??= (async () => {
    const ownerKnex = createKnex({ connectionString: url, poolMax: 4, applicationName: 'cws-tests-owner' });
    await prepare(ownerKnex);
    const password = serverTestLoginPassword(url);
    await ensureLoginRole(ownerKnex, { name: SERVER_TEST_LOGIN_ROLE, password });
    const connectionString = asUser(url, SERVER_TEST_LOGIN_ROLE, password);
    const knex = await appKnex(connectionString, 10);
    return { kind: 'server' as const, connectionString, knex, ownerConnectionString: url, ownerKnex, loginRole: SERVER_TEST_LOGIN_ROLE };
  })();
  return server;
}

/** Every database kind available in this run, embedded first. */
export function availableTestDatabases(): Array<{ kind: 'embedded' | 'server'; open: () => Promise<TestDatabase>; skipReason: string | null }> {
  const kinds: Array<{ kind: 'embedded' | 'server'; open: () => Promise<TestDatabase>; skipReason: string | null }> = [
    { kind: 'embedded', open: embeddedTestDatabase, skipReason: null },
    { kind: 'server', open: serverTestDatabase, skipReason: serverTestDatabaseUrl() === null ? SERVER_SKIP_REASON : null },
  ];
  return kinds.filter((k) => kindSelected(k.kind));
}
