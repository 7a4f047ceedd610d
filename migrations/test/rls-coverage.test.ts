/**
 * The guides' "RLS coverage audit", as a test on the migrated database (PGlite and the server):
 * every table with an org_id column has ENABLE + FORCE row level security, an isolation policy
 * on app.current_org_id, and an index led by org_id (without it RLS costs ~200x, see
 * perf-reliability-notes P4); policies call no volatile function; cws_app cannot bypass RLS and
 * owns nothing; with no org set the app role sees no org rows at all (fail closed), and with an
 * org set no row of a global table.
 */
import { expect } from 'chai';
import { availableTestDatabases, type TestDatabase } from '@cws/test-support';
import { APP_ROLE } from '@cws/migrations';

const ORG_CHECK = /org_id = \(?NULLIF\(current_setting\('app\.current_org_id'::text, true\), ''::text\)\)?::uuid\)?/i;
const USER_CHECK = /user_id = \(?NULLIF\(current_setting\('app\.current_user_id'::text, true\), ''::text\)\)?::uuid/i;
/** Tables without an org_id that the app uses outside tenant transactions. */
const GLOBAL_TABLES = ['orgs', 'system_audit_logs', 'job_heartbeats', 'job_run_stats', 'agenda_jobs', 'agenda_logs'];
/** Tables whose rows a user may read in their own scope (sign-in lists the user's orgs). */
const USER_SCOPED = ['memberships'];

for (const kind of availableTestDatabases()) {
  describe(`RLS coverage audit (${kind.kind === 'embedded' ? 'PGlite' : 'PostgreSQL server'})`, function () {
    let db: TestDatabase;
    let orgTables: string[];
    before(async function () {
      if (kind.skipReason !== null) this.skip();
      db = await kind.open();
      const rows = await db.knex.raw(
        `select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
          join pg_attribute a on a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped
         where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`,
      );
      orgTables = rows.rows.map((r: { relname: string }) => r.relname);
    });
    if (kind.skipReason !== null) {
      it(`is skipped: ${kind.skipReason}`, function () {
        this.skip();
      });
      return;
    }

    it('finds the org-owned tables (the audit is not vacuous)', () => {
      expect(orgTables).to.include.members(['leads', 'clients', 'client_addresses', 'org_settings', 'admin_audit_logs']);
      expect(orgTables).to.include.members([
        'teams',
        'workers',
        'services',
        'blackouts',
        'booking_series',
        'bookings',
        'booking_workers',
        'booking_team_blocks',
        'idempotency_keys',
      ]);
      expect(orgTables).to.include.members([
        'invoices',
        'invoice_items',
        'invoice_bookings',
        'invoice_number_sequences',
        'invoice_payments',
        'stripe_events',
        'invoice_public_links',
      ]);
    });

    it('has ENABLE and FORCE row level security on every table with an org_id column', async () => {
      const rows = await db.knex.raw(`select relname, relrowsecurity, relforcerowsecurity from pg_class where relname = any(?) and relkind in ('r','p')`, [orgTables]);
      const missing = rows.rows.filter((r: { relrowsecurity: boolean; relforcerowsecurity: boolean }) => !r.relrowsecurity || !r.relforcerowsecurity);
      expect(missing.map((r: { relname: string }) => r.relname)).to.deep.equal([]);
    });

    it('has an org isolation policy on app.current_org_id for every such table, for reads and writes', async () => {
      const rows = await db.knex.raw(`select tablename, policyname, cmd, qual, with_check from pg_policies where schemaname = 'public' and tablename = any(?)`, [orgTables]);
      for (const table of orgTables) {
        const policies = rows.rows.filter((p: { tablename: string }) => p.tablename === table);
        expect(policies, `${table} has no policy`).to.have.length.greaterThan(0);
        const isolation = policies.find((p: { policyname: string }) => p.policyname === `${table}_org_isolation`);
        expect(isolation, `${table}_org_isolation`).to.not.equal(undefined);
        expect(isolation.cmd).to.equal('ALL');
        // Writes: always exactly the org check, for every table.
        expect(isolation.with_check, `${table} WITH CHECK`).to.match(ORG_CHECK);
        expect(isolation.with_check.replace(ORG_CHECK, ''), `${table} WITH CHECK has nothing else`).to.match(/^[()\s]*$/);
        // Reads: the org check, plus the user's own scope only where a table is declared user-scoped.
        if (USER_SCOPED.includes(table)) {
          expect(isolation.qual, `${table} USING`).to.match(ORG_CHECK).and.match(USER_CHECK);
        } else {
          expect(isolation.qual, `${table} USING`).to.equal(isolation.with_check);
        }
      }
    });

    it('calls no volatile function from any policy', async () => {
      const rows = await db.knex.raw(`select tablename, coalesce(qual, '') || ' ' || coalesce(with_check, '') as expr from pg_policies where schemaname = 'public'`);
      const called = new Set<string>();
      for (const row of rows.rows as Array<{ expr: string }>) for (const m of row.expr.matchAll(/([a-z_][a-z0-9_]*)\(/gi)) called.add(m[1]!.toLowerCase());
      const volatility = await db.knex.raw(`select distinct proname, provolatile from pg_proc where proname = any(?)`, [[...called]]);
      const volatile = volatility.rows.filter((p: { provolatile: string }) => p.provolatile === 'v').map((p: { proname: string }) => p.proname);
      expect(called.size).to.be.greaterThan(0);
      expect(volatile).to.deep.equal([]);
    });

    it('has an index led by org_id on every such table', async () => {
      const rows = await db.knex.raw(
        `select t.relname as table, a.attname as first_column
           from pg_index i join pg_class t on t.oid = i.indrelid
           join pg_attribute a on a.attrelid = t.oid and a.attnum = i.indkey[0]
          where t.relname = any(?)`,
        [orgTables],
      );
      const led = new Set(rows.rows.filter((r: { first_column: string }) => r.first_column === 'org_id').map((r: { table: string }) => r.table));
      expect(orgTables.filter((t) => !led.has(t))).to.deep.equal([]);
    });

    it('gives cws_app no way around RLS: not superuser, no BYPASSRLS, owns no table', async () => {
      const role = await db.knex.raw('select rolsuper, rolbypassrls, rolcanlogin from pg_roles where rolname = ?', [APP_ROLE]);
      expect(role.rows[0]).to.deep.equal({ rolsuper: false, rolbypassrls: false, rolcanlogin: false });
      const owned = await db.knex.raw(`select relname from pg_class c join pg_roles r on r.oid = c.relowner where r.rolname = ?`, [APP_ROLE]);
      expect(owned.rows).to.deep.equal([]);
    });

    it('shows cws_app no rows of any org table when no org is set, and no global table inside a tenant transaction', async () => {
      await db.knex.transaction(async (trx) => {
        await trx.raw(`select set_config('role', ?, true)`, [APP_ROLE]);
        for (const table of orgTables) {
          const count = await trx.raw(`select count(*)::int as n from ??`, [table]);
          expect(count.rows[0].n, table).to.equal(0);
        }
      });
      // Global tables are the system scope's (ADR 16): each has a system-scope policy, and with
      // an org bound it hides every row (the isolation suite shows the rows exist).
      const policies = await db.knex.raw(`select tablename from pg_policies where schemaname = 'public' and policyname = tablename || '_system_scope'`);
      expect(policies.rows.map((p: { tablename: string }) => p.tablename)).to.include.members(GLOBAL_TABLES);
      const orgId = '00000000-0000-4000-8000-000000000001';
      await db.knex.transaction(async (trx) => {
        await trx.raw(`select set_config('role', ?, true), set_config('app.current_org_id', ?, true)`, [APP_ROLE, orgId]);
        for (const table of GLOBAL_TABLES) {
          const count = await trx.raw(`select count(*)::int as n from ??`, [table]);
          expect(count.rows[0].n, table).to.equal(0);
        }
      });
    });
  });
}
