/**
 * How many text searches may run at once, in this process and per organisation. A search holds a
 * database connection while it runs; without a cap, a burst of expensive searches from one org
 * takes the whole pool and every other request of every org waits behind them (issue 8, item 6).
 * A search over the cap is refused at once (429 `search.busy`, retry after a second) instead of
 * queued, so a refused caller holds nothing — not a connection, not a place in a queue.
 */
import { AppError } from '../../errors/app-error.js';

export interface SearchLimits {
  /** Searches running at once in this process, all orgs together; keep it below the pool size. */
  readonly maxConcurrent: number;
  /** Searches running at once for one org in this process. */
  readonly maxConcurrentPerOrg: number;
}

export const DEFAULT_SEARCH_LIMITS: SearchLimits = { maxConcurrent: 4, maxConcurrentPerOrg: 2 };

export class SearchAdmission {
  private running = 0;
  private readonly byOrg = new Map<string, number>();
  readonly limits: SearchLimits;

  constructor(limits: Partial<SearchLimits> = {}) {
    const merged = { ...DEFAULT_SEARCH_LIMITS, ...limits };
    this.limits = { maxConcurrent: Math.max(1, Math.floor(merged.maxConcurrent)), maxConcurrentPerOrg: Math.max(1, Math.floor(merged.maxConcurrentPerOrg)) };
  }

  /** Runs `work` holding one search slot of `orgId`; `search.busy` when none is free. */
  async run<T>(orgId: string, work: () => Promise<T>): Promise<T> {
    const ofOrg = this.byOrg.get(orgId) ?? 0;
    if (this.running >= this.limits.maxConcurrent || ofOrg >= this.limits.maxConcurrentPerOrg) {
      throw new AppError('search.busy', 'Too many searches are running; retry in a moment', {
        retryAfterSeconds: 1,
        details: { max_concurrent: this.limits.maxConcurrent, max_concurrent_per_org: this.limits.maxConcurrentPerOrg },
      });
    }
    this.running += 1;
    this.byOrg.set(orgId, ofOrg + 1);
    try {
      return await work();
    } finally {
      this.running -= 1;
      const left = (this.byOrg.get(orgId) ?? 1) - 1;
      if (left === 0) this.byOrg.delete(orgId);
      else this.byOrg.set(orgId, left);
    }
  }
}
