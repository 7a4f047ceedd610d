/**
 * Text search (`q`) over leads and clients, built so that one search neither reads every row of
 * its org nor holds a connection for long (issue 8, item 6; ADR 15).
 *
 * Every searched column has a trigram GIN index that leads with org_id (migration 0009), usable
 * under row level security because migration 0009 marks ILIKE's function leakproof. Which plan
 * is cheap depends on how many rows of the org match, and the planner cannot know that: its
 * statistics are for the whole table, so a term common in other orgs but absent from this one
 * looks "broad" and it walks this org's rows in list order looking for matches that never come
 * (1.8 s at 1M rows). So the search does not ask the planner to guess; it runs up to four
 * bounded phases, each cheap exactly when the earlier ones could not answer:
 *
 * 1. recent: the newest `recentRows` rows of the list, in list order, filtered. A term in more
 *    than a few percent of rows fills the page here, reading at most those rows.
 *    further: those rows are a sample of the org. When a few of them match (3 in 1,000), the
 *    walk goes on as far as the sample says filling the page takes (four times that, at most
 *    twenty samples' worth). Without it "maria", one lead in thirty, went on to phases 2 and 3
 *    (80 ms at 1M leads); reading 5,000 newest rows to begin with doubled every no-match search.
 * 2. index: all matches through the trigram index, at most `indexedMatchCap` of them. Only
 *    bitmap scans are allowed and ILIKE is costed as what it is, far dearer than the one
 *    operator the planner assumes; otherwise the planner reads and filters every row of a
 *    mid-size org instead (PostgreSQL 15 did so at 60k leads: 225 ms, against 14 ms through the
 *    index; PostgreSQL 18 at 20k clients). Fewer matches than the cap means they are all there:
 *    sorted, the first page is the answer.
 * 3. walk: the cap was reached, so matches are at least that common: walk the list order until
 *    the page is full (planner-free: the ordered subquery is fenced with OFFSET 0).
 *
 * Each statement of a search runs under the search's own statement timeout (phases 2 and 3
 * are the ones that can take long: a pattern whose trigrams are all common, a walk past rare
 * matches); past it the search is refused as `search.too_broad` (422) instead of holding the
 * connection. PGlite ignores statement timeouts (no signals in WebAssembly); there the phases
 * alone bound the work.
 */
import { AppError, type SearchField, type TextSearch } from '@cws/core';
import type { Model, ModelClass, QueryBuilder } from 'objection';
import type { TenantDb } from '../tenant-transaction.js';
import { applyFilters, likeContains, NEWEST_FIRST, type WindowQuery } from './list-filters.js';

export interface SearchTuning {
  /** Time budget of each statement of a search, in ms; 0 leaves only the pool's own timeout. */
  readonly timeoutMs: number;
  /** Newest rows phase 1 reads (at least ten pages' worth). */
  readonly recentRows: number;
  /** Matches phase 2 collects before it hands over to the ordered walk. */
  readonly indexedMatchCap: number;
}

export const DEFAULT_SEARCH_TUNING: SearchTuning = { timeoutMs: 1000, recentRows: 1000, indexedMatchCap: 2000 };

/** Matches among the newest rows that make a term common enough to walk further for. */
const SAMPLE_MATCHES = 3;

/** pg_trgm extracts trigrams from runs of letters and digits; a pattern without one cannot use the index. */
const TRIGRAM_RUN = /[\p{L}\p{N}]{3}/u;

interface Arm {
  readonly column: SearchField;
  readonly text: string;
}

/** One ILIKE per searched field; phones are stored as + and digits, so the digits are matched as text. */
function armsOf(search: TextSearch): Arm[] {
  return search.fields.flatMap((column): Arm[] => {
    if (column !== 'phone') return [{ column, text: search.text }];
    return search.digits === null ? [] : [{ column, text: search.digits }];
  });
}

function whereMatches<M extends Model>(qb: QueryBuilder<M, M[]>, arms: readonly Arm[]): QueryBuilder<M, M[]> {
  if (arms.length === 0) return qb.whereRaw('false');
  return qb.where((w) => {
    for (const arm of arms) w.orWhereRaw('?? ILIKE ?', [arm.column, likeContains(arm.text)]);
  });
}

const newestFirst = (table?: string) => NEWEST_FIRST.map((o) => ({ column: table === undefined ? o.column : `${table}.${o.column}`, order: o.order }));

function isStatementTimeout(err: unknown): boolean {
  const e = err as { code?: string; message?: string; nativeError?: { code?: string; message?: string } };
  const native = e.nativeError ?? e;
  return native.code === '57014' && (native.message ?? '').includes('statement timeout');
}

export interface SearchListQuery extends WindowQuery {
  readonly search: TextSearch;
}

/**
 * The first page of `model` rows (newest first, `q.limit` at most) that match `q.search` within
 * the window; `narrow` adds a list's own filters (lead statuses).
 * @throws search.too_broad — a phase ran past the search's time budget.
 */
export async function searchList<M extends Model>(
  db: TenantDb,
  model: ModelClass<M>,
  q: SearchListQuery,
  narrow: (qb: QueryBuilder<M, M[]>) => void,
  tuning: SearchTuning,
): Promise<M[]> {
  const table = model.tableName;
  const filtered = () => {
    const qb = db.query(model) as unknown as QueryBuilder<M, M[]>;
    narrow(qb);
    return applyFilters(qb, q);
  };
  const rowsOf = (source: QueryBuilder<M, M[]>) => db.query(model).from(source.as(table)) as unknown as QueryBuilder<M, M[]>;
  const arms = armsOf(q.search);
  try {
    // Transaction-local: they end with this unit of work. An unanchored ILIKE on a row costs
    // about a microsecond, a hundred times the default cpu_operator_cost against a cached page.
    await db.raw(
      `SELECT set_config('enable_seqscan', 'off', true), set_config('cpu_operator_cost', '0.25', true)${tuning.timeoutMs > 0 ? ", set_config('statement_timeout', ?, true)" : ''}`,
      tuning.timeoutMs > 0 ? [String(tuning.timeoutMs)] : [],
    );

    const newest = (rows: number) => whereMatches(rowsOf(filtered().orderBy(newestFirst()).limit(rows)), arms).orderBy(newestFirst()).limit(q.limit);
    const recentRows = Math.max(tuning.recentRows, q.limit * 10);
    const recent = await newest(recentRows);
    if (recent.length >= q.limit) return recent;
    if (recent.length >= SAMPLE_MATCHES) {
      const further = await newest(Math.min(recentRows * 20, Math.ceil((4 * q.limit * recentRows) / recent.length)));
      if (further.length >= q.limit) return further;
    }

    if (arms.every((arm) => TRIGRAM_RUN.test(arm.text))) {
      // Only bitmap scans: no walking a btree in list order, filtering as it goes, for the cap.
      await db.raw("SELECT set_config('enable_indexscan', 'off', true)");
      const cap = tuning.indexedMatchCap;
      const hits = whereMatches(filtered().select('created_at', 'id'), arms).limit(cap);
      const page = db.table('search_hits').select('created_at', 'id').orderBy(newestFirst()).limit(q.limit);
      const indexed = (await db
        .query(model)
        .withMaterialized('search_hits', hits)
        .with('search_page', page)
        .join('search_page', `${table}.id`, 'search_page.id')
        .select(`${table}.*`, db.raw('(SELECT count(*) FROM search_hits)::int AS search_hit_count'))
        .orderBy(newestFirst(table))) as unknown as Array<M & { search_hit_count: number }>;
      if (indexed.length === 0 || indexed[0]!.search_hit_count < cap) return indexed;
      await db.raw("SELECT set_config('enable_indexscan', 'on', true)");
    }

    return await whereMatches(rowsOf(filtered().orderBy(newestFirst()).offset(db.raw('0') as unknown as number)), arms).orderBy(newestFirst()).limit(q.limit);
  } catch (err) {
    if (!isStatementTimeout(err)) throw err;
    throw new AppError('search.too_broad', `The search ran past its ${tuning.timeoutMs} ms budget`, {
      cause: err,
      errors: [{ pointer: '/q', detail: 'matches too much to check in time: add characters or narrow the list (status, created range)' }],
    });
  }
}
