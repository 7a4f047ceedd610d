/** Query pieces shared by the list methods: keyset window, created range, archived. */
import type { ArchivedFilter, PageKey } from '@cws/core';
import type { Knex } from 'knex';
import type { QueryBuilder, Model } from 'objection';

/** LIKE treats % _ and \ specially; a search for "100%" means the characters, not a wildcard. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export interface WindowQuery {
  readonly createdFrom: Date | null;
  readonly createdTo: Date | null;
  readonly after: PageKey | null;
  readonly archived?: ArchivedFilter;
  readonly limit: number;
}

/** The list order every paged list uses: newest first, ties by id, as the keyset cursor expects. */
export const NEWEST_FIRST = [
  { column: 'created_at', order: 'desc' },
  { column: 'id', order: 'desc' },
] as const;

/** What the window needs of a query: knex's and objection's builders both have it. */
export interface WindowBuilder<Q> {
  where(column: string, operator: string, value: Date): Q;
  whereRaw(sql: string, bindings: readonly unknown[]): Q;
  whereNull(column: string): Q;
  whereNotNull(column: string): Q;
}

/** The window's conditions (created range, keyset, archived), without order or limit. */
export function applyFilters<Q>(qb: Q & WindowBuilder<Q>, q: WindowQuery): Q {
  if (q.createdFrom !== null) qb.where('created_at', '>=', q.createdFrom);
  if (q.createdTo !== null) qb.where('created_at', '<', q.createdTo);
  if (q.after !== null) qb.whereRaw('(created_at, id) < (?, ?::uuid)', [q.after.createdAt, q.after.id]);
  if (q.archived === 'exclude') qb.whereNull('archived_at');
  if (q.archived === 'only') qb.whereNotNull('archived_at');
  return qb;
}

export function applyWindow<M extends Model>(qb: QueryBuilder<M, M[]>, q: WindowQuery): QueryBuilder<M, M[]> {
  return applyFilters(qb, q)
    .orderBy(NEWEST_FIRST.map((o) => ({ ...o })))
    .limit(q.limit);
}

/**
 * The same window on a plain knex query (no objection model instances: hot reads map rows by
 * hand), `select "table".*` as objection sends it.
 */
export function applyKnexWindow(qb: Knex.QueryBuilder, table: string, q: WindowQuery): Knex.QueryBuilder {
  // knex types whereRaw as an overload set TypeScript will not match to WindowBuilder's; the call is the same.
  const windowed = applyFilters(qb.select(`${table}.*`) as Knex.QueryBuilder & WindowBuilder<Knex.QueryBuilder>, q);
  return windowed.orderBy(NEWEST_FIRST.map((o) => ({ ...o }))).limit(q.limit);
}
