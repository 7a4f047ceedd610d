/** Query pieces shared by the list methods: keyset window, created range, archived. */
import type { ArchivedFilter, PageKey } from '@cws/core';
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

/** The window's conditions (created range, keyset, archived), without order or limit. */
export function applyFilters<M extends Model>(qb: QueryBuilder<M, M[]>, q: WindowQuery): QueryBuilder<M, M[]> {
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
