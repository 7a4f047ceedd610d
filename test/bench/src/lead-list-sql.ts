/**
 * The lead list query in the two forms the benchmarks compare, and the bulk seeding both use.
 *
 * RLS form: what PostgresLeadRepository.list sends for `GET /v1/admin/leads?limit=50` (no
 * filters: archived excluded, newest first, limit + 1 rows to know whether a next page exists),
 * inside the tenant transaction, with no org filter: the policy adds it.
 * Explicit form: the same query with `org_id = $1`, run as the owner, which RLS does not bind
 * (a superuser bypasses even FORCE ROW LEVEL SECURITY).
 * `adapterListSql()` checks the RLS form against what the adapter really emits.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { PostgresUnitOfWork, type Knex } from '@cws/adapter-postgres';

export const PAGE_SIZE = 50;
/** The repository asks for one row more than the page to know whether there is a next page. */
export const FETCH_ROWS = PAGE_SIZE + 1;

export const TENANT_PRELUDE = "select set_config('role', 'cws_app', true), set_config('app.current_org_id', $1, true)";
export const LIST_SQL_RLS = 'select "leads".* from "leads" where "archived_at" is null order by "created_at" desc, "id" desc limit $1';
export const LIST_SQL_EXPLICIT =
  'select "leads".* from "leads" where "org_id" = $1 and "archived_at" is null order by "created_at" desc, "id" desc limit $2';

const normalise = (sql: string) => sql.replace(/\$\d+/g, '?').replace(/\s+/g, ' ').trim();

/**
 * The list statement the real adapter sends through knex (the tenant settings go with it in the
 * unit's own batch, which the RLS variants get by calling inTenantTransaction themselves), via
 * the exported unit of work on `knex`, so a change in the repository shows up as a warning
 * instead of silently benchmarking something else.
 */
export async function adapterListSql(knex: Knex, orgId: string): Promise<{ statements: string[]; bindings: unknown[][]; matches: boolean }> {
  const statements: string[] = [];
  const bindings: unknown[][] = [];
  const listener = (data: { sql: string; bindings?: unknown[] }) => {
    statements.push(data.sql);
    bindings.push(data.bindings ?? []);
  };
  knex.on('query', listener);
  try {
    await repositoryList(knex, orgId);
  } finally {
    knex.off('query', listener);
  }
  const matches = statements.length === 1 && normalise(statements[0]!) === normalise(LIST_SQL_RLS);
  return { statements, bindings, matches };
}

/**
 * `GET /v1/admin/leads?limit=50`'s database work as the app does it: a read-only unit of work (as
 * the ListLeads use case opens it), the repository's list.
 */
export async function repositoryList(knex: Knex, orgId: string): Promise<number> {
  const rows = await new PostgresUnitOfWork(knex).run(
    { orgId, actor: { kind: 'system', id: 'bench', role: null }, requestId: `bench-${randomUUID()}`, now: new Date() },
    (repos) => repos.leads.list({ statuses: null, createdFrom: null, createdTo: null, search: null, archived: 'exclude', after: null, limit: FETCH_ROWS }),
    { readOnly: true },
  );
  return rows.length;
}

/** Something that runs SQL with `$n` parameters: a pg client/pool, or a knex wrapper. */
export type SqlRunner = (sql: string, params?: unknown[]) => Promise<{ rows: any[] }>;

export const pgRunner =
  (client: pg.ClientBase | pg.Pool): SqlRunner =>
  (sql, params) =>
    client.query(sql, params);

/** `count` orgs named for the bench; returns their ids. */
export async function insertOrgs(run: SqlRunner, count: number, label: string): Promise<string[]> {
  const tag = randomUUID().slice(0, 8);
  const { rows } = await run(
    `insert into orgs (id, name, slug)
     select gen_random_uuid(), 'Bench ' || $2 || ' ' || i, 'bench-' || $2 || '-' || $3 || '-' || i
     from generate_series(1, $1::int) as i
     returning id`,
    [count, label, tag],
  );
  return rows.map((r: { id: string }) => r.id);
}

/**
 * `total` leads spread round-robin over `orgIds` in ONE `INSERT … SELECT generate_series`:
 * realistic columns (half with an address, a third with notes), 5% archived, one minute apart
 * so the newest-first order is stable. Run as the owner (superuser), so RLS does not filter it.
 */
export async function insertLeads(run: SqlRunner, orgIds: readonly string[], total: number): Promise<void> {
  // g numbers rows globally (round-robin over orgs, so orgs interleave in time); k = g / orgs is a
  // row's ordinal within its org, so every org gets the same mix of statuses, addresses, archived.
  await run(
    `insert into leads (org_id, id, name, email, phone, source, status, notes, service_requested, address, archived_at, created_at, updated_at)
     select o.id,
            gen_random_uuid(),
            'Lead ' || g,
            'lead' || g || '@example.test',
            '+1555' || lpad((g % 10000000)::text, 7, '0'),
            (array['web', 'phone', 'referral', 'walk-in'])[1 + k % 4],
            (array['new', 'contacted', 'qualified', 'lost'])[1 + (k / 4) % 4],
            case when k % 3 = 0 then 'Prefers mornings; two dogs; key under the mat.' end,
            'Deep clean, 3 bedrooms',
            case when k % 2 = 0 then jsonb_build_object('line1', g || ' Main Street', 'line2', null, 'city', 'Springfield',
                                                        'region', 'IL', 'postalCode', '62701', 'country', 'US') end,
            case when k % 20 = 7 then now() - interval '1 day' end,
            now() - g * interval '1 minute',
            now() - g * interval '1 minute'
     from generate_series(0, $2::int - 1) as g
     cross join lateral (select g / $3::int as k) as per_org
     join (select id, (row_number() over (order by id))::int - 1 as n from unnest($1::uuid[]) as u(id)) as o
       on o.n = g % $3::int`,
    [orgIds, total, orgIds.length],
  );
}
