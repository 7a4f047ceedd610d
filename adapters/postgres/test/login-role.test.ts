/**
 * The app's login role (ADR 16), on PGlite and the server: it can do what cws_app can and
 * nothing more, so a tenant transaction that drops or changes its role gains nothing; global
 * tables are the system scope's; accounts are looked up without owner rights. The policy
 * mutation check runs this suite: relaxing a `<table>_system_scope` policy must fail it.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { aClient, aMembership, aUser, createOrg, type StorageHarness } from '@cws/contract-tests';
import { PrivilegedConnectionError, connectionRole, createKnex, createPostgresAdapters, inTenantTransaction, type TenantDb } from '@cws/adapter-postgres';
import { APP_ROLE, loginRoleProblems } from '@cws/migrations';
import { availableTestDatabases, failureCode, type TestDatabase } from '@cws/test-support';
import type { Client, RequestContext } from '@cws/core';

const GLOBAL_TABLES = ['orgs', 'system_audit_logs', 'job_heartbeats', 'job_run_stats', 'agenda_jobs', 'agenda_logs'];

for (const kind of availableTestDatabases()) {
  describe(`the app's login role (${kind.kind === 'embedded' ? 'PGlite' : 'PostgreSQL server'})`, function () {
    if (kind.skipReason !== null) {
      it(`is skipped: ${kind.skipReason}`, function () {
        this.skip();
      });
      return;
    }
    let db: TestDatabase;
    let h: StorageHarness;
    let a: RequestContext;
    let b: RequestContext;
    let owner: string;
    let clientOfA: Client;

    before(async () => {
      db = await kind.open();
      h = { ...createPostgresAdapters(db.knex), dispose: async () => {} };
      a = (await createOrg(h)).ctx;
      b = (await createOrg(h)).ctx;
      clientOfA = aClient(a.orgId);
      await h.uow.run(a, (r) => r.clients.insert(clientOfA));
      owner = (await db.ownerKnex.raw('select current_user as name')).rows[0].name;
    });

    const inB = <T>(work: (tx: TenantDb) => Promise<T>) => inTenantTransaction(db.knex, b.orgId, work);
    const clientNameOfA = async () => (await db.ownerKnex('clients').where({ org_id: a.orgId, id: clientOfA.id }).first()).name as string;

    it('is not a superuser, has no BYPASSRLS, owns nothing, holds no grant of its own and belongs to cws_app only', async () => {
      const role = (await db.ownerKnex.raw('select rolsuper, rolbypassrls, rolcanlogin, rolcreaterole from pg_roles where rolname = ?', [db.loginRole])).rows[0];
      expect(role).to.deep.equal({ rolsuper: false, rolbypassrls: false, rolcanlogin: true, rolcreaterole: false });
      const owned = await db.ownerKnex.raw('select count(*)::int as n from pg_class c join pg_roles r on r.oid = c.relowner where r.rolname = ?', [db.loginRole]);
      expect(owned.rows[0].n).to.equal(0);
      expect(await loginRoleProblems(db.ownerKnex, db.loginRole)).to.deep.equal([]);
      expect((await db.ownerKnex.raw(`select pg_has_role(?, '${APP_ROLE}', 'MEMBER') as m`, [db.loginRole])).rows[0].m).to.equal(true);
      // The app's connections log in as it, and the check the hosts run finds nothing to refuse.
      expect(await connectionRole(db.knex)).to.deep.equal({ name: db.loginRole, superuser: false, bypassRls: false, actsAsPrivilegedRole: false });
      expect(await connectionRole(db.ownerKnex)).to.include({ name: owner, superuser: true });
    });

    it('gains nothing by RESET ROLE inside a tenant transaction: the other org stays invisible and unwritable', async () => {
      const seen = await inB(async (tx) => {
        await tx.raw('RESET ROLE');
        const who = (await tx.raw('select current_user as name')).rows[0].name as string;
        const visible = (await tx.raw('select count(*)::int as n from clients where id = ?', [clientOfA.id])).rows[0].n as number;
        const changed = (await tx.raw(`update clients set name = 'Taken over' where id = ?`, [clientOfA.id])).rowCount as number;
        return { who, visible, changed };
      });
      expect(seen).to.deep.equal({ who: db.loginRole, visible: 0, changed: 0 });
      const insert = await failureCode(() =>
        inB(async (tx) => {
          await tx.raw('RESET ROLE');
          await tx.raw(`insert into clients (org_id, id, name) values (?, ?, 'Planted')`, [a.orgId, randomUUID()]);
        }),
      );
      expect(insert).to.equal('tenant.cross_org_write');
      expect(await clientNameOfA()).to.equal(clientOfA.name);
      // Not vacuous: the same read in A's own transaction finds the client.
      expect(await inTenantTransaction(db.knex, a.orgId, async (tx) => (await tx.raw('select count(*)::int as n from clients where id = ?', [clientOfA.id])).rows[0].n)).to.equal(1);
    });

    it('cannot become the owner: SET ROLE and SET SESSION AUTHORIZATION are refused inside a tenant transaction', async () => {
      for (const statement of [`SET ROLE ${owner}`, `SELECT set_config('role', '${owner}', true)`, `RESET ROLE; SET ROLE ${owner}`, `SET SESSION AUTHORIZATION ${owner}`]) {
        for (const first of [true, false]) {
          const refused = await failureCode(() =>
            inB(async (tx) => {
              if (!first) await tx.raw('select 1');
              await tx.raw(statement);
              await tx.raw(`update clients set name = 'Taken over' where id = ?`, [clientOfA.id]);
            }),
          );
          // A unit's first statement travels with its opening as a prepared statement, which takes one command only (42601).
          const expected = first && statement.includes(';') ? '42601' : '42501';
          expect(refused, `${statement}${first ? ' as the first statement' : ''}`).to.equal(expected);
        }
      }
      expect(await clientNameOfA()).to.equal(clientOfA.name);
      // The pool's next connection is still the login role.
      expect((await connectionRole(db.knex)).name).to.equal(db.loginRole);
    });

    it('fails closed without the tenant prelude: the login role alone sees and writes no org rows', async () => {
      const seen = await db.knex.transaction(async (trx) => (await trx.raw('select count(*)::int as n from clients')).rows[0].n);
      expect(seen).to.equal(0);
      const planted = await failureCode(() => db.knex.raw(`insert into clients (org_id, id, name) values (?, ?, 'Planted')`, [a.orgId, randomUUID()]));
      expect(planted).to.equal('42501');
    });

    it('uses the global tables in the system scope only: a tenant transaction, even after RESET ROLE, reads and writes none of their rows', async () => {
      const now = new Date();
      await h.jobMonitor.beat({ runnerId: `login-role-${randomUUID()}`, name: 'probe', hostname: 'test', pid: 1, version: 'test', startedAt: now, lastHeartbeat: now });
      await h.jobMonitor.recordRun({ jobName: `login-role-${randomUUID()}`, runnerId: 'probe', outcome: 'success', startedAt: now, finishedAt: now, error: null });
      await db.knex('agenda_jobs').insert({ name: `login-role-${randomUUID()}`, next_run_at: null });
      await db.knex('agenda_logs').insert({ level: 'info', event: 'probe', job_name: 'login-role', message: 'probe' });
      const counts = (tx: { raw: (sql: string, bindings: string[]) => PromiseLike<{ rows: Array<{ n: number }> }> }) =>
        Promise.all(GLOBAL_TABLES.map(async (table) => [table, (await tx.raw('select count(*)::int as n from ??', [table])).rows[0]!.n] as const));
      // Outside a tenant transaction the app sees them: every table has rows.
      expect((await counts({ raw: (sql, bindings) => db.knex.raw(sql, bindings) })).filter(([, n]) => n === 0)).to.deep.equal([]);
      for (const prelude of ['', 'RESET ROLE']) {
        const inside = await inB(async (tx) => {
          if (prelude !== '') await tx.raw(prelude);
          return counts(tx);
        });
        expect(inside, prelude || 'as cws_app').to.deep.equal(GLOBAL_TABLES.map((table) => [table, 0]));
      }
      const write = await failureCode(() => inB((tx) => tx.raw(`insert into orgs (id, name, slug) values (?, 'Planted', ?)`, [randomUUID(), `planted-${randomUUID()}`])));
      expect(write).to.equal('tenant.cross_org_write');
      const deleted = await inB(async (tx) => (await tx.raw('delete from job_heartbeats')).rowCount as number);
      expect(deleted).to.equal(0);
    });

    it("looks accounts up by email and id without owner rights, and never from inside a tenant or user scope", async () => {
      const user = aUser({ managedByOrgId: a.orgId });
      await h.uow.run(a, async (r) => {
        await r.users.insert(user);
        await r.memberships.insert(aMembership(a.orgId, user.id));
      });
      expect((await h.userAccounts.findByEmail(user.email.toUpperCase()))?.id).to.equal(user.id);
      expect((await h.userAccounts.findById(user.id))?.email).to.equal(user.email);
      expect((await h.userAccounts.membershipsOf(user.id)).map((m) => m.orgId)).to.deep.equal([a.orgId]);
      // The table itself answers the login role only through its policies: not outside a scope.
      expect(await db.knex('users').where({ id: user.id })).to.deep.equal([]);
      const fromB = await inB(async (tx) => [
        (await tx.raw('select count(*)::int as n from cws_user_by_email(?)', [user.email])).rows[0].n,
        (await tx.raw('select count(*)::int as n from cws_user_by_id(?)', [user.id])).rows[0].n,
        (await tx.raw('select count(*)::int as n from users where id = ?', [user.id])).rows[0].n,
      ]);
      expect(fromB).to.deep.equal([0, 0, 0]);
    });

    it('refuses, with APP_ENV=prod, a pool whose role could bypass row level security', async () => {
      const refusing = createKnex({ connectionString: db.ownerConnectionString, poolMax: 1, privilegedRole: 'refuse' });
      try {
        const err = await refusing.raw('select 1').then(() => null, (e: unknown) => e);
        expect(err).to.be.instanceOf(PrivilegedConnectionError);
        expect((err as PrivilegedConnectionError).role).to.include({ name: owner, superuser: true });
        expect((err as PrivilegedConnectionError).message).to.not.include(owner);
      } finally {
        await refusing.destroy();
      }
      const app = createKnex({ connectionString: db.connectionString, poolMax: 1, privilegedRole: 'refuse' });
      try {
        expect((await app.raw('select 1 as one')).rows).to.deep.equal([{ one: 1 }]);
      } finally {
        await app.destroy();
      }
    });
  });
}
