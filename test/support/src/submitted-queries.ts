/**
 * What node-pg sends while some work runs, caught at `Query.prototype.submit`: every query and
 * every batch of the process passes through it, whichever pool or knex instance sends it. Used
 * to count round trips and to see statement names (ADR 23) without a proxy in the way.
 */
import pg from 'pg';

/** One submission: a plain query (one statement) or a batch (several before one Sync). */
export interface SubmittedQuery {
  readonly batch: boolean;
  readonly statements: ReadonlyArray<{ readonly text: string; readonly name: string | undefined }>;
}

type QueryLike = { text?: string; name?: string; statements?: ReadonlyArray<{ text: string; name?: string }> };
const QueryClass = (pg as unknown as { Query: { prototype: { submit(this: QueryLike, ...args: unknown[]): unknown } } }).Query;

/** Everything node-pg submits while `work` runs, in order; the patch is removed afterwards, even on failure. */
export async function recordSubmittedQueries(work: () => Promise<unknown>): Promise<SubmittedQuery[]> {
  const seen: SubmittedQuery[] = [];
  const original = QueryClass.prototype.submit;
  QueryClass.prototype.submit = function (this: QueryLike, ...args: unknown[]) {
    seen.push(
      this.statements !== undefined
        ? { batch: true, statements: this.statements.map((s) => ({ text: s.text, name: s.name })) }
        : { batch: false, statements: [{ text: this.text ?? '', name: this.name }] },
    );
    return original.apply(this, args);
  };
  try {
    await work();
  } finally {
    QueryClass.prototype.submit = original;
  }
  return seen;
}
