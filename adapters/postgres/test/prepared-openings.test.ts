/**
 * The statements every tenant unit opens with (settings, session check) are prepared once per
 * connection (DATABASE_PREPARED_STATEMENTS, ADR 23): after the first unit they are only bound and
 * executed. What must hold: they exist on the session after a unit; units keep working after a
 * batch that failed mid-way on a new connection (its Parse may or may not have run); many
 * connections of the embedded database, which share ONE session, never trip over each other's
 * names; RLS still binds each unit to its own org; and with the option off nothing is named.
 */
import { expect } from 'chai';
import { createKnex, createPostgresAdapters, inTenantTransaction, type Knex } from '@cws/adapter-postgres';
import { createOrg } from '@cws/contract-tests';
import { availableTestDatabases, recordSubmittedQueries, type TestDatabase } from '@cws/test-support';

async function preparedNames(db: { raw(sql: string): Promise<{ rows: Array<{ name: string }> }> }): Promise<string[]> {
  const { rows } = await db.raw("select name from pg_prepared_statements where name like 'cws\\_%' order by name");
  return rows.map((r) => r.name);
}

/** Orgs to switch between, made as every org is (with settings: jobs that visit every org read them). */
async function newOrgs(knex: Knex, count: number): Promise<string[]> {
  const adapters = createPostgresAdapters(knex);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await createOrg({ ...adapters, dispose: async () => {} })).ctx.orgId);
  return ids;
}

/** The names of the statements node-pg is given in batches while `work` runs (undefined: an unnamed statement). */
async function statementNames(work: () => Promise<unknown>): Promise<Array<string | undefined>> {
  const seen = await recordSubmittedQueries(work);
  return seen.filter((q) => q.batch).flatMap((q) => q.statements.map((s) => s.name));
}

for (const kind of availableTestDatabases()) {
  describe(`prepared opening statements (${kind.kind === 'embedded' ? 'PGlite' : 'server'})`, function () {
    let db: TestDatabase;
    let orgs: string[];
    const pools: Knex[] = [];
    const pool = (size: number, preparedStatements = true) => {
      const knex = createKnex({ connectionString: db.connectionString, poolMax: size, applicationName: 'cws-tests-prepared', preparedStatements });
      pools.push(knex);
      return knex;
    };

    before(async function () {
      if (kind.skipReason !== null) this.skip();
      db = await kind.open();
      orgs = await newOrgs(db.knex, 3);
    });

    after(async () => {
      await Promise.all(pools.map((k) => k.destroy()));
    });

    it('prepares the settings once per connection and reuses them, read-only and read-write, each unit in its own org', async () => {
      const knex = pool(1);
      for (let i = 0; i < 6; i++) {
        const org = orgs[i % orgs.length]!;
        const seen = await inTenantTransaction(knex, org, async (t) => (await t.raw("select current_setting('app.current_org_id') as org")).rows[0].org, null, { readOnly: i % 2 === 0 });
        expect(seen).to.equal(org);
      }
      const names = await inTenantTransaction(knex, orgs[0]!, async (t) => {
        await t.raw('select 1');
        return preparedNames(t as never);
      });
      // The read-only and the read-write settings: two texts, two names.
      expect(names.filter((n) => /^cws_[0-9a-f]{16}$/.test(n))).to.have.length.at.least(2);
    });

    it('keeps working after a batch that failed after its Parse on a new connection', async () => {
      const knex = pool(1);
      // The first unit of this connection: the settings are parsed, then the work's statement fails.
      const failed = await inTenantTransaction(knex, orgs[0]!, (t) => t.raw('select 1/0 as boom'), null, { readOnly: true }).then(
        () => null,
        (err: Error) => err,
      );
      // Division by zero (22012), translated as every class-22 error is.
      expect((failed as (Error & { cause?: { code?: string } }) | null)?.cause?.code).to.equal('22012');
      for (const readOnly of [true, false, true]) {
        const seen = await inTenantTransaction(knex, orgs[1]!, async (t) => (await t.raw("select current_setting('app.current_org_id') as org")).rows[0].org, null, { readOnly });
        expect(seen).to.equal(orgs[1]);
      }
    });

    it('holds up under many connections at once (on PGlite they share one session, and so its names)', async () => {
      const knex = pool(6);
      const runs = Array.from({ length: 120 }, (_, i) => {
        const org = orgs[i % orgs.length]!;
        return inTenantTransaction(
          knex,
          org,
          async (t) => {
            const first = (await t.raw("select current_setting('app.current_org_id') as org")).rows[0].org as string;
            if (i % 3 === 0) await t.raw('select pg_sleep(0)');
            return first;
          },
          null,
          { readOnly: i % 2 === 0 },
        ).then((seen) => ({ org, seen }));
      });
      for (const { org, seen } of await Promise.all(runs)) expect(seen).to.equal(org);
    });

    it('names the settings by default, and nothing when the option is off', async () => {
      const unit = (knex: Knex) => inTenantTransaction(knex, orgs[2]!, (t) => t.raw('select 1'), null, { readOnly: true });
      const named = await statementNames(() => unit(pool(1)));
      expect(named).to.have.length(2);
      expect(named[0]).to.match(/^cws_[0-9a-f]{16}$/);
      expect(named[1]).to.equal(undefined);
      expect(await statementNames(() => unit(pool(1, false)))).to.deep.equal([undefined, undefined]);
    });
  });
}
