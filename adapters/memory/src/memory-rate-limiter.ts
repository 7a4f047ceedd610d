import type { RateBucket, RateDecision, RateLimiter } from '@cws/core';

/** One key's budget: a fixed window opened by its first hit, stretched by a block once refused. */
interface Counter {
  spent: number;
  /** When the budget comes back whole (window end, or block end once a hit was refused). */
  endsAt: number;
  /** A refused hit started a block: refunds no longer give points back. */
  blocked: boolean;
}

/**
 * The RateLimiter port in a plain Map, for tests, demos and embedding (one process only).
 * A window starts at the first hit of a key; the first refused hit of a bucket with
 * `blockSeconds` keeps the key refused for that long from then, as rate-limiter-flexible does.
 */
export class MemoryRateLimiter implements RateLimiter {
  readonly #counters = new Map<string, Map<string, Counter>>();
  readonly #now: () => number;
  /** Dead counters are swept when the map grows past this, so per-IP keys cannot pile up. */
  #sweepAt = 1024;
  #size = 0;

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  async hit(bucket: RateBucket, key: string): Promise<RateDecision> {
    checkBucket(bucket);
    const now = this.#now();
    let counter = this.#live(bucket.name, key, now);
    if (!counter) {
      counter = { spent: 0, endsAt: now + bucket.windowSeconds * 1000, blocked: false };
      this.#store(bucket.name, key, counter, now);
    }
    if (counter.spent >= bucket.points) {
      if (bucket.blockSeconds && !counter.blocked) {
        counter.blocked = true;
        counter.endsAt = now + bucket.blockSeconds * 1000;
      }
      return refused(counter.endsAt - now);
    }
    counter.spent += 1;
    return { allowed: true, remaining: bucket.points - counter.spent, retryAfterSeconds: 0 };
  }

  async peek(bucket: RateBucket, key: string): Promise<RateDecision> {
    checkBucket(bucket);
    const now = this.#now();
    const counter = this.#live(bucket.name, key, now);
    if (counter && counter.spent >= bucket.points) return refused(counter.endsAt - now);
    // What the next hit would answer: the hits left after it.
    return { allowed: true, remaining: bucket.points - (counter?.spent ?? 0) - 1, retryAfterSeconds: 0 };
  }

  async refund(bucket: RateBucket, key: string): Promise<void> {
    checkBucket(bucket);
    const counter = this.#live(bucket.name, key, this.#now());
    if (counter && !counter.blocked && counter.spent > 0) counter.spent -= 1;
  }

  async reset(bucket: RateBucket, key: string): Promise<void> {
    const keys = this.#counters.get(bucket.name);
    if (keys?.delete(key)) this.#size -= 1;
  }

  #live(name: string, key: string, now: number): Counter | null {
    const counter = this.#counters.get(name)?.get(key);
    return counter && counter.endsAt > now ? counter : null;
  }

  #store(name: string, key: string, counter: Counter, now: number): void {
    let keys = this.#counters.get(name);
    if (!keys) {
      keys = new Map();
      this.#counters.set(name, keys);
    }
    if (!keys.has(key)) this.#size += 1;
    keys.set(key, counter);
    if (this.#size >= this.#sweepAt) this.#sweep(now);
  }

  #sweep(now: number): void {
    for (const [name, keys] of this.#counters) {
      for (const [key, counter] of keys) {
        if (counter.endsAt <= now) {
          keys.delete(key);
          this.#size -= 1;
        }
      }
      if (keys.size === 0) this.#counters.delete(name);
    }
    // Doubling keeps sweeping amortised O(1) per hit however many keys stay live.
    this.#sweepAt = Math.max(1024, this.#size * 2);
  }
}

function refused(msLeft: number): RateDecision {
  return { allowed: false, remaining: 0, retryAfterSeconds: Math.max(1, Math.ceil(msLeft / 1000)) };
}

/** Whole seconds and points only, as the Redis adapter needs (it floors fractions of a second). */
function checkBucket(bucket: RateBucket): void {
  const { name, points, windowSeconds, blockSeconds } = bucket;
  if (!Number.isInteger(points) || points < 1) throw new RangeError(`Rate bucket ${name}: points must be a positive integer`);
  if (!Number.isInteger(windowSeconds) || windowSeconds < 1) {
    throw new RangeError(`Rate bucket ${name}: windowSeconds must be a positive integer`);
  }
  if (blockSeconds !== undefined && (!Number.isInteger(blockSeconds) || blockSeconds < 0)) {
    throw new RangeError(`Rate bucket ${name}: blockSeconds must be a whole number of seconds`);
  }
}
