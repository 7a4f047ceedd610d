/**
 * The API on a database that is behind the build (a deploy that started the API before
 * `npm run migrate`): every API request answers 503 problem+json `service.migrations_pending`
 * — not 500 "relation does not exist" — while /healthz, /readyz and /metrics keep answering; the
 * process logs one clear line for it, not one per request; once the migrations are applied the
 * same process serves normally. On a fresh embedded database and on a fresh server database.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { createKnex, startEmbeddedPostgres } from '@cws/adapter-postgres';
import { migrateLatest } from '@cws/migrations';
import { serverTestDatabaseUrl, SERVER_SKIP_REASON, type TestDatabase } from '@cws/test-support';
import { startApi, type ApiHarness } from '@cws/e2e-tests';

interface EmptyDatabase {
  readonly db: TestDatabase;
  dispose(): Promise<void>;
}

async function emptyEmbedded(): Promise<EmptyDatabase> {
  const pg = await startEmbeddedPostgres({ dataDir: null, maxConnections: 40 });
  const knex = createKnex({ connectionString: pg.connectionString, poolMax: 2, applicationName: 'cws-tests' });
  return {
    // The API connects as the owner here (allowed outside prod): the database has no login role
    // until migrations create what it needs, and what is under test is the gate, not the role.
    db: { kind: 'embedded', connectionString: pg.connectionString, knex, ownerConnectionString: pg.connectionString, ownerKnex: knex, loginRole: 'postgres' },
    async dispose() {
      await knex.destroy();
      await pg.close();
    },
  };
}

async function emptyServerDatabase(serverUrl: string): Promise<EmptyDatabase> {
  const admin = createKnex({ connectionString: serverUrl, poolMax: 1, applicationName: 'cws-tests' });
  const name = `cws_pending_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  await admin.raw(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const knex = createKnex({ connectionString: url.toString(), poolMax: 2, applicationName: 'cws-tests' });
  return {
    db: { kind: 'server', connectionString: url.toString(), knex, ownerConnectionString: url.toString(), ownerKnex: knex, loginRole: 'postgres' },
    async dispose() {
      await knex.destroy();
      await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.destroy();
    },
  };
}

const KINDS: Array<{ name: string; open: (() => Promise<EmptyDatabase>) | null; skip: string | null }> = [
  { name: 'PGlite', open: emptyEmbedded, skip: null },
  { name: 'PostgreSQL server', open: serverTestDatabaseUrl() === null ? null : () => emptyServerDatabase(serverTestDatabaseUrl()!), skip: serverTestDatabaseUrl() === null ? SERVER_SKIP_REASON : null },
];

for (const kind of KINDS) {
  describe(`API while migrations are pending (${kind.name})`, function () {
    this.timeout(120_000);
    if (kind.open === null) {
      it(`is skipped: ${kind.skip}`, function () {
        this.skip();
      });
      return;
    }
    let empty: EmptyDatabase;
    let h: ApiHarness;
    before(async () => {
      empty = await kind.open!();
      // Recheck on every request, so the test needs no waiting once the migrations are in.
      h = await startApi(empty.db, { env: { MIGRATIONS_RECHECK_SECONDS: '0' } });
    });
    after(async () => {
      await h?.close();
      await empty?.dispose();
    });

    it('answers API requests 503 service.migrations_pending, keeps the infra endpoints, logs it once, and serves once migrated', async () => {
      const org = randomUUID();
      for (const [method, path] of [
        ['GET', '/v1/admin/leads'],
        ['POST', '/v1/public/leads'],
        ['POST', '/v1/auth/login'],
        ['GET', '/v1/admin/jobs/status'],
      ] as const) {
        const r = await h.api.call(method, path, { org, body: method === 'POST' ? { email: 'a@example.com', password: 'x', org_slug: 'any', name: 'Grace', phone: '+1 555 0100' } : undefined });
        expect(r.status, `${method} ${path}: ${r.text}`).to.equal(503);
        expect(r.headers.get('content-type')).to.match(/^application\/problem\+json/);
        expect(r.body).to.include({ status: 503, code: 'service.migrations_pending' });
        expect(r.headers.get('retry-after')).to.match(/^\d+$/);
        expect(r.text).to.not.match(/relation|does not exist/i);
      }
      expect((await h.api.call('GET', '/healthz', { as: null })).status).to.equal(200);
      const ready = await h.api.call('GET', '/readyz', { as: null });
      expect([ready.status, ready.body.migrations_current]).to.deep.equal([503, false]);
      expect((await h.api.call('GET', '/metrics', { as: null, headers: { authorization: 'Bearer e2e-metrics-token-long-enough-for-prod' } })).status).to.equal(200);
      const docs = await h.api.call('GET', '/docs', { as: null });
      expect(docs.status).to.equal(200);
      const bundle = /<script src="([^"]+)"><\/script>/.exec(docs.text)![1]!;
      expect((await fetch(`${h.server.url}${bundle}`)).status, bundle).to.equal(200);

      const told = h.logs.lines.filter((l) => String(l['message']).includes('migration(s) pending'));
      expect(told, 'one log line, not one per request').to.have.length(1);
      expect(told[0]).to.include({ level: 'ERROR' });

      await migrateLatest(empty.db.knex);
      const created = await h.newOrg();
      const listed = await h.api.call('GET', '/v1/admin/leads', { org: created.id });
      expect(listed.status, listed.text).to.equal(200);
      expect(h.logs.lines.filter((l) => String(l['message']).includes('migrations are current'))).to.have.length(1);
    });
  });
}
