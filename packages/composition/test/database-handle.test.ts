/**
 * Which role the runtime's database connection uses (ADR 16): the login role on the embedded
 * database, migrations as the owner; with APP_ENV=prod a role that could bypass row level
 * security stops the process at start, otherwise it is reported once.
 */
import { expect } from 'chai';
import { connectionRole } from '@cws/adapter-postgres';
import { availableTestDatabases } from '@cws/test-support';
import { ConfigError, loadConfig, openDatabase, type Config } from '../src/index.js';

const config = (env: Record<string, string>, appEnv: Config['appEnv'] = 'test'): Config => ({ ...loadConfig({ APP_ENV: 'test', ...env }, { dotenvPath: null }), appEnv });

describe('openDatabase: the roles of the runtime', function () {
  it('connects to a new embedded database as cws_app_login, and migrates it as the superuser', async () => {
    const db = await openDatabase(config({}), { embeddedDataDir: null });
    try {
      expect(db.kind).to.equal('embedded');
      expect(await connectionRole(db.knex)).to.deep.equal({ name: 'cws_app_login', superuser: false, bypassRls: false, actsAsPrivilegedRole: false });
      expect((await db.migrationStatus()).upToDate).to.equal(false);
      expect(await db.migrate()).to.include('0010_login_roles');
      // The app reads knex's record of migrations (for /readyz) through its own grant.
      expect(await db.migrationStatus()).to.include({ upToDate: true });
      expect((await connectionRole(db.knex)).name).to.equal('cws_app_login');
    } finally {
      await db.close();
    }
  });

  for (const kind of availableTestDatabases()) {
    const where = kind.kind === 'embedded' ? 'PGlite' : 'the PostgreSQL server';
    it(`refuses to start with APP_ENV=prod when DATABASE_URL is a superuser (${where})`, async function () {
      if (kind.skipReason !== null) this.skip();
      const owner = (await kind.open()).ownerConnectionString;
      const err = await openDatabase(config({ DATABASE_URL: owner }, 'prod')).then(
        async (db) => {
          await db.close();
          return null;
        },
        (e: unknown) => e,
      );
      expect(err).to.be.instanceOf(ConfigError);
      expect((err as ConfigError).problems.map((p) => p.variable)).to.deep.equal(['DATABASE_URL']);
      expect((err as ConfigError).message).to.match(/logs in as postgres, a superuser/).and.match(/DATABASE_OWNER_URL/);
    });

    it(`starts as the login role with APP_ENV=prod, and as a superuser elsewhere with one warning (${where})`, async function () {
      if (kind.skipReason !== null) this.skip();
      const test = await kind.open();
      const prod = await openDatabase(config({ DATABASE_URL: test.connectionString }, 'prod'));
      await prod.close();
      const warnings: Array<{ code?: string; message: string }> = [];
      const onWarning = (w: Error & { code?: string }) => warnings.push(w);
      process.on('warning', onWarning);
      try {
        const dev = await openDatabase(config({ DATABASE_URL: test.ownerConnectionString, DATABASE_POOL_MAX: '3' }, 'dev'));
        try {
          await Promise.all(Array.from({ length: 3 }, () => dev.knex.raw('select pg_sleep(0.05)')));
        } finally {
          await dev.close();
        }
        await new Promise((resolve) => setImmediate(resolve));
      } finally {
        process.off('warning', onWarning);
      }
      const ours = warnings.filter((w) => w.code === 'CWS_DATABASE_ROLE');
      expect(ours).to.have.length(1);
      expect(ours[0]!.message).to.match(/a superuser/).and.match(/APP_ENV=prod refuses/);
    });
  }
});
