/**
 * The embedded database keeps an app connection to its role (ADR 16, session-guard.ts): PGlite is
 * one session authenticated as a superuser, so the wire server gives each connection the
 * authorization of the user it names, refuses the statements that could set it back, and closes
 * a connection whose batch left its role anyway.
 */
import { expect } from 'chai';
import pg from 'pg';
import { refusedStatement, startEmbeddedPostgres, tenantBeginStatement, type EmbeddedPostgres } from '@cws/adapter-postgres';

const APP = 'guard_app';

async function withClient<T>(connectionString: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const sessionUser = (client: pg.Client) => client.query('select session_user as s, current_user as c').then((r) => r.rows[0] as { s: string; c: string });

describe('embedded PostgreSQL: app connections keep their role', function () {
  describe('statements refused before they run', () => {
    it('refuses every spelling of a session authorization change it knows', () => {
      for (const sql of [
        'SET SESSION AUTHORIZATION postgres',
        'set session /* x */ authorization postgres',
        'SET session_authorization = postgres',
        'SET "SESSION_AUTHORIZATION" TO postgres',
        "SELECT set_config('session_authorization', 'postgres', false)",
        "SELECT set_config('session_' || 'authorization', 'postgres', false)",
        'SELECT set_config($1, $2, false)',
        "SELECT pg_catalog.set_config(E'session\\x5fauthorization', 'postgres', true)",
        "SELECT set_config('session_'\n'authorization', 'postgres', false)",
        'SELECT "set_config"(1)',
        "UPDATE pg_settings SET setting = 'postgres' WHERE name = 'x'",
        'SET U&"sessio\\006e_authorization" TO postgres',
        'RESET SESSION AUTHORIZATION',
      ]) {
        expect(refusedStatement(sql), sql).to.be.a('string');
      }
    });

    it("lets the app's own statements through: tenant and user preludes, knex's SQL, sessions and auth tables", () => {
      for (const sql of [
        tenantBeginStatement('0190a8a0-0000-7000-8000-000000000001', {
          proof: { sessionId: '0190a8a0-0000-7000-8000-000000000002', userId: '0190a8a0-0000-7000-8000-000000000003', role: 'dispatcher', mfaVerified: false, confirmed: false },
          now: new Date(),
        } as never),
        "select set_config('role', 'cws_app', true), set_config('app.current_user_id', $1, true)",
        "select set_config('app.probe', $1, true)",
        'select * from "auth_sessions" as "s" where "s"."session_id" = $1',
        'update "auth_sessions" set "revoked_reason" = $1 where "org_id" = $2',
        'SELECT * FROM cws_user_by_email($1)',
        'RESET ROLE',
      ]) {
        expect(refusedStatement(sql), sql).to.equal(null);
      }
    });
  });

  describe('through the wire server', function () {
    let db: EmbeddedPostgres;
    let app: string;
    before(async () => {
      db = await startEmbeddedPostgres({ dataDir: null });
      app = db.connectionStringFor(APP);
      await withClient(db.connectionString, async (owner) => {
        await owner.query(`CREATE ROLE ${APP} LOGIN; CREATE TABLE probe (v int); GRANT SELECT, INSERT ON probe TO ${APP}`);
        // Stands for any way round the guard that it does not know: SQL it cannot read.
        await owner.query(`CREATE FUNCTION unknown_way_round() RETURNS text LANGUAGE plpgsql AS $$
          BEGIN EXECUTE 'SET SESSION ' || 'AUTHORIZATION postgres'; RETURN session_user; END $$`);
      });
    });
    after(async () => db?.close());

    it('gives each connection the role it names, however the connections interleave', async () => {
      const seen = await Promise.all(
        Array.from({ length: 30 }, (_, i) => withClient(i % 3 === 0 ? db.connectionString : app, async (c) => [i % 3 === 0, await sessionUser(c), await sessionUser(c)] as const)),
      );
      for (const [superuser, first, second] of seen) {
        const expected = superuser ? 'postgres' : APP;
        expect([first, second]).to.deep.equal([
          { s: expected, c: expected },
          { s: expected, c: expected },
        ]);
      }
    });

    it('leaves RESET ROLE and SET ROLE nothing to gain, as a server does', async () => {
      await withClient(app, async (c) => {
        await c.query('RESET ROLE');
        expect(await sessionUser(c)).to.deep.equal({ s: APP, c: APP });
        const denied = await c.query('SET ROLE postgres').then(() => null, (e: { code: string }) => e.code);
        expect(denied).to.equal('42501');
      });
    });

    it('refuses a session authorization change with 42501, closes that connection, and serves the next as the app', async () => {
      for (const sql of ['SET SESSION AUTHORIZATION postgres', "SELECT set_config('session_' || 'authorization', 'postgres', false)", "UPDATE pg_settings SET setting = 'on' WHERE name = 'x'"]) {
        const refused = await withClient(app, (c) => c.query(sql).then(() => null, (e: { code?: string }) => e.code));
        expect(refused, sql).to.equal('42501');
        expect(await withClient(app, sessionUser), sql).to.deep.equal({ s: APP, c: APP });
      }
    });

    it('denies the app what the guard cannot read: DO blocks, new plpgsql functions, temporary objects, SQL run from text', async () => {
      for (const sql of [
        `DO $$ BEGIN PERFORM 1; END $$`,
        `CREATE FUNCTION pg_temp.f() RETURNS int LANGUAGE sql AS 'select 1'`,
        'CREATE TEMP TABLE t (v int)',
        `SELECT query_to_xml('select 1', true, false, '')`,
        `SELECT ts_stat('select 1')`,
      ]) {
        const denied = await withClient(app, (c) => c.query(sql).then(() => null, (e: { code?: string }) => e.code));
        expect(denied, sql).to.equal('42501');
      }
    });

    it('closes, unanswered and rolled back, a connection whose batch left its role in a way the guard could not see', async () => {
      const outcome = await withClient(app, async (c) => {
        await c.query('BEGIN');
        await c.query('INSERT INTO probe VALUES (1)');
        return c.query('SELECT unknown_way_round() AS who').then((r) => r.rows, (e: { code?: string }) => e.code);
      });
      // The answer ("postgres") never reached the client, and its insert was undone.
      expect(outcome).to.equal('42501');
      expect(await withClient(app, sessionUser)).to.deep.equal({ s: APP, c: APP });
      expect(await withClient(db.connectionString, async (c) => (await c.query('select count(*)::int as n from probe')).rows[0].n)).to.equal(0);
    });

    it('refuses at connection time a role that does not exist', async () => {
      const err = await withClient(db.connectionStringFor('no_such_role'), sessionUser).then(() => null, (e: Error) => e.message);
      expect(err).to.match(/role "no_such_role" does not exist/);
    });
  });
});
