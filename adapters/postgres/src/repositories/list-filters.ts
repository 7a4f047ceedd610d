/** Query pieces shared by the list methods: keyset window, created range, archived, text search. */
import type { ArchivedFilter, PageKey, TextSearch } from '@cws/core';
import type { QueryBuilder, Model } from 'objection';

/** LIKE treats % _ and \ specially; a search for "100%" means the characters, not a wildcard. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function applyWindow<M extends Model>(
  qb: QueryBuilder<M, M[]>,
  q: { createdFrom: Date | null; createdTo: Date | null; after: PageKey | null; archived?: ArchivedFilter; limit: number },
): QueryBuilder<M, M[]> {
  if (q.createdFrom !== null) qb.where('created_at', '>=', q.createdFrom);
  if (q.createdTo !== null) qb.where('created_at', '<', q.createdTo);
  if (q.after !== null) qb.whereRaw('(created_at, id) < (?, ?::uuid)', [q.after.createdAt, q.after.id]);
  if (q.archived === 'exclude') qb.whereNull('archived_at');
  if (q.archived === 'only') qb.whereNotNull('archived_at');
  return qb.orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(q.limit);
}

export function applySearch<M extends Model>(qb: QueryBuilder<M, M[]>, search: TextSearch | null): void {
  if (search === null) return;
  const pattern = likeContains(search.text);
  qb.where((w) => {
    w.where('name', 'ilike', pattern).orWhere('email', 'ilike', pattern);
    if (search.digits !== null) w.orWhereRaw("replace(phone, '+', '') like ?", [likeContains(search.digits)]);
  });
}
