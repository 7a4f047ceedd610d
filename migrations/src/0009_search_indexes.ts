/**
 * Trigram indexes for text search (`q`) on leads and clients (issue 8, item 6; ADR 15).
 *
 * One GIN index per table over (org_id, name, email, phone): btree_gin indexes the org id, so
 * every lookup is confined to the searching org's entries, and pg_trgm indexes the text columns
 * for `ILIKE '%…%'` (phones are stored as + and digits, so a digit search is an ILIKE too).
 *
 * Under row level security the planner uses a condition as an index condition only when its
 * operator is leakproof (see 0007); `ILIKE` (pg_catalog.texticlike) is not marked so, and
 * without that mark these indexes are never used by tenant queries. texticlike raises errors
 * only for a malformed pattern — never because of the row it is applied to — so evaluating it
 * before the tenant policy cannot reveal another org's rows; ADR 15 gives the reasoning. Marking
 * a catalog function needs a superuser: as any other role this migration still creates the
 * indexes, and search works, bounded by its time budget, without using them until a superuser
 * runs the ALTER FUNCTION below (ADR 15, "Operating").
 */
import type { Knex } from 'knex';

const SEARCH_INDEXES = { leads: 'leads_search_idx', clients: 'clients_search_idx' } as const;

const MARK_ILIKE_LEAKPROOF = 'ALTER FUNCTION pg_catalog.texticlike(text, text) LEAKPROOF';

export async function up(knex: Knex): Promise<void> {
  // Both are trusted extensions (PG 13+): the database owner may create them.
  await knex.raw('CREATE EXTENSION IF NOT EXISTS pg_trgm');
  await knex.raw('CREATE EXTENSION IF NOT EXISTS btree_gin');
  const { rows } = await knex.raw<{ rows: Array<{ rolsuper: boolean }> }>('SELECT rolsuper FROM pg_roles WHERE rolname = current_user');
  if (rows[0]?.rolsuper === true) await knex.raw(MARK_ILIKE_LEAKPROOF);
  // IF NOT EXISTS: on a large existing table an operator may build it first with CREATE INDEX
  // CONCURRENTLY (same name and definition) instead of blocking writes during this migration.
  for (const [table, index] of Object.entries(SEARCH_INDEXES)) {
    await knex.raw(`CREATE INDEX IF NOT EXISTS ${index} ON ${table} USING gin (org_id, name gin_trgm_ops, email gin_trgm_ops, phone gin_trgm_ops)`);
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const index of Object.values(SEARCH_INDEXES)) await knex.raw(`DROP INDEX IF EXISTS ${index}`);
  // The extensions and the leakproof mark stay: others may rely on them, and they are harmless unused.
}
