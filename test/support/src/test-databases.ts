/**
 * Databases for tests, one of each kind per test process and shared by every suite in it:
 * PGlite takes seconds to start, and suites stay independent by creating their own orgs.
 * - embedded: in-memory PGlite behind the embedded wire server, always available;
 * - server: the PostgreSQL at TEST_DATABASE_URL, when set (suites skip with a reason otherwise).
 */
import { createKnex, startEmbeddedPostgres, type EmbeddedPostgres, type Knex } from '@cws/adapter-postgres';
import { migrateLatest } from '@cws/migrations';

export interface TestDatabase {
  readonly kind: 'embedded' | 'server';
  readonly connectionString: string;
  /** Connected as the database owner/superuser; tenant work switches to cws_app itself. */
  readonly knex: Knex;
}

let embedded: Promise<TestDatabase & { server: EmbeddedPostgres }> | null = null;

/**
 * The policy mutation check (tools/rls-mutation-check.ts) sets RLS_MUTATION_POLICY to
 * `<policy> ON <table>` to replace that policy with USING (true) WITH CHECK (true) in the
 * database under test; the isolation suites must then fail. Never set outside that tool.
 */
async function prepare(knex: Knex): Promise<void> {
  await migrateLatest(knex);
  const target = /^(\w+) ON (\w+)$/.exec(process.env['RLS_MUTATION_POLICY'] ?? '');
  if (target !== null) {
    // A policy for one command takes only the clauses that command has (INSERT: WITH CHECK; SELECT: USING).
    const { rows } = await knex.raw('SELECT cmd FROM pg_policies WHERE policyname = ? AND tablename = ?', [target[1]!, target[2]!]);
    const cmd = (rows[0] as { cmd?: string } | undefined)?.cmd ?? 'ALL';
    const relaxed = cmd === 'INSERT' ? 'WITH CHECK (true)' : cmd === 'SELECT' || cmd === 'DELETE' ? 'USING (true)' : 'USING (true) WITH CHECK (true)';
    await knex.raw(`ALTER POLICY ?? ON ?? ${relaxed}`, [target[1]!, target[2]!]);
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
    const knex = createKnex({ connectionString: pg.connectionString, poolMax: 8, applicationName: 'cws-tests' });
    await prepare(knex);
    return { kind: 'embedded' as const, connectionString: pg.connectionString, knex, server: pg };
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
    const knex = createKnex({ connectionString: url, poolMax: 10, applicationName: 'cws-tests' });
    await prepare(knex);
    return { kind: 'server' as const, connectionString: url, knex };
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
