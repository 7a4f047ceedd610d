/**
 * Setting up the app's login role (support/login-role.ts), on PGlite and the server: what
 * `npm run migrate` does with DATABASE_OWNER_URL and DATABASE_URL, and the test databases and the
 * embedded database do for themselves. Roles are cluster-wide: each test's roles carry the pid.
 */
import { expect } from 'chai';
import { LoginRoleError, ensureLoginRole, loginRoleProblems, provisionLoginRole, scramSha256Verifier } from '@cws/migrations';
import { availableTestDatabases, type TestDatabase } from '@cws/test-support';

for (const kind of availableTestDatabases()) {
  describe(`the login role setup (${kind.kind === 'embedded' ? 'PGlite' : 'PostgreSQL server'})`, function () {
    if (kind.skipReason !== null) {
      it(`is skipped: ${kind.skipReason}`, function () {
        this.skip();
      });
      return;
    }
    let db: TestDatabase;
    const made: string[] = [];
    const roleName = (what: string) => {
      const name = `cws_t_${what}_${process.pid}`;
      made.push(name);
      return name;
    };
    const attributes = async (name: string) =>
      (await db.ownerKnex.raw('select rolcanlogin, rolsuper, rolbypassrls, rolpassword from pg_authid where rolname = ?', [name])).rows[0];
    before(async () => {
      db = await kind.open();
    });
    after(async () => {
      for (const name of made) await db.ownerKnex.raw('DROP ROLE IF EXISTS ??', [name]);
    });

    it('stores the password as the SCRAM verifier PostgreSQL itself computes', async () => {
      const name = roleName('scram');
      await db.ownerKnex.raw("SET password_encryption = 'scram-sha-256'");
      await db.ownerKnex.raw(`CREATE ROLE ?? PASSWORD 'pencil-Ab3$x'`, [name]);
      const stored = (await attributes(name)).rolpassword as string;
      const [, iterations, salt] = /^SCRAM-SHA-256\$(\d+):([^$]+)\$/.exec(stored)!;
      expect(scramSha256Verifier('pencil-Ab3$x', Buffer.from(salt!, 'base64'), Number(iterations))).to.equal(stored);
      expect(scramSha256Verifier('pencil-Ab3$y', Buffer.from(salt!, 'base64'), Number(iterations))).to.not.equal(stored);
      expect(() => scramSha256Verifier('pässword')).to.throw(LoginRoleError, /ASCII/);
    });

    it('creates a login role that can act as cws_app only, idempotently, even when several set it up at once', async () => {
      const name = roleName('login');
      await Promise.all(Array.from({ length: 4 }, () => ensureLoginRole(db.ownerKnex, { name, password: 'first-Secret-1' })));
      await ensureLoginRole(db.ownerKnex, { name, password: 'second-Secret-2' });
      const role = await attributes(name);
      expect(role).to.include({ rolcanlogin: true, rolsuper: false, rolbypassrls: false });
      // Re-running sets the password again: the app's URL is the one place it is written.
      const [, iterations, salt] = /^SCRAM-SHA-256\$(\d+):([^$]+)\$/.exec(role.rolpassword as string)!;
      expect(role.rolpassword).to.equal(scramSha256Verifier('second-Secret-2', Buffer.from(salt!, 'base64'), Number(iterations)));
      expect(await loginRoleProblems(db.ownerKnex, name)).to.deep.equal([]);
      expect((await db.ownerKnex.raw(`select pg_has_role(?, 'cws_app', 'MEMBER') as m`, [name])).rows[0].m).to.equal(true);
    });

    it('refuses, without changing it, a role that could do more than cws_app', async () => {
      const owner = (await db.ownerKnex.raw('select current_user as name')).rows[0].name as string;
      const refused = (spec: { name: string; password: string | null }) => ensureLoginRole(db.ownerKnex, spec).then(() => null, (e: Error) => e);
      expect((await refused({ name: owner, password: null }))?.message).to.match(/is a superuser/);
      const creator = roleName('creator');
      await db.ownerKnex.raw('CREATE ROLE ?? LOGIN CREATEROLE', [creator]);
      expect((await refused({ name: creator, password: 'x-Secret-1' }))?.message).to.match(/CREATEROLE/);
      const granted = roleName('granted');
      await db.ownerKnex.raw('CREATE ROLE ?? LOGIN', [granted]);
      await db.ownerKnex.raw('GRANT SELECT ON orgs TO ??', [granted]);
      expect((await refused({ name: granted, password: null }))?.message).to.match(/grant\(s\) of its own/);
      expect((await db.ownerKnex.raw(`select pg_has_role(?, 'cws_app', 'MEMBER') as m`, [granted])).rows[0].m).to.equal(false);
      await db.ownerKnex.raw('REVOKE SELECT ON orgs FROM ??', [granted]);
      expect((await refused({ name: 'cws_app', password: null }))?.message).to.match(/cannot be the login role/);
      expect((await refused({ name: 'Robert"); DROP TABLE orgs; --', password: null }))?.message).to.match(/cannot be the login role/);
    });

    it("makes DATABASE_URL's user the login role after migrating, unless it is the owner itself", async () => {
      const url = new URL(db.ownerConnectionString);
      expect(await provisionLoginRole(db.ownerKnex, url.toString())).to.equal(null);
      expect(await provisionLoginRole(db.ownerKnex, null)).to.equal(null);
      const name = roleName('app');
      url.username = name;
      url.password = encodeURIComponent('url-Secret/1@x');
      expect(await provisionLoginRole(db.ownerKnex, url.toString())).to.equal(name);
      const stored = (await attributes(name)).rolpassword as string;
      const [, iterations, salt] = /^SCRAM-SHA-256\$(\d+):([^$]+)\$/.exec(stored)!;
      expect(stored).to.equal(scramSha256Verifier('url-Secret/1@x', Buffer.from(salt!, 'base64'), Number(iterations)));
      expect(await loginRoleProblems(db.ownerKnex, name)).to.deep.equal([]);
    });
  });
}
