import { AppError, type RateBucket, type RateDecision, type RateLimiter } from '@cws/core';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

export interface RateLimiterFlexibleOptions {
  /** Counts shared by every replica; without it they live in this process only. */
  readonly redis?: Redis | null;
}

interface BucketLimiters {
  readonly main: RateLimiterAbstract;
  /** The in-process stand-in rate-limiter-flexible answers from while Redis fails. */
  readonly insurance: RateLimiterMemory | null;
}

/**
 * The RateLimiter port on rate-limiter-flexible: one limiter per bucket, over Redis when a client
 * is given (keys `cws-rl:<bucket>:<key>`), else in memory. Each key gets a fixed window from its
 * first hit. The first refused hit of a bucket with `blockSeconds` blocks the key for that long
 * (the library's own `blockDuration`). Brute-force checks spend before they check and refund on
 * success, so a refund must be able to give a point back: nothing blocks a key before a hit is
 * actually refused.
 */
export class RateLimiterFlexible implements RateLimiter {
  readonly #redis: Redis | null;
  readonly #limiters = new Map<string, BucketLimiters>();

  constructor(options: RateLimiterFlexibleOptions = {}) {
    this.#redis = options.redis ?? null;
  }

  async hit(bucket: RateBucket, key: string): Promise<RateDecision> {
    const { main } = this.#limitersFor(bucket);
    let res: RateLimiterRes;
    try {
      res = await main.consume(key);
    } catch (error) {
      if (error instanceof RateLimiterRes) return refused(error);
      throw unavailable(bucket, error);
    }
    return { allowed: true, remaining: res.remainingPoints, retryAfterSeconds: 0 };
  }

  async peek(bucket: RateBucket, key: string): Promise<RateDecision> {
    const { main } = this.#limitersFor(bucket);
    let res: RateLimiterRes | null;
    try {
      res = await main.get(key);
    } catch (error) {
      throw unavailable(bucket, error);
    }
    // The memory store can hand back a record whose expiry timer has not fired yet (ms <= 0).
    const spent = res && res.msBeforeNext > 0 ? res.consumedPoints : 0;
    if (res && spent >= bucket.points) return refused(res);
    // What the next hit would answer: the hits left after it.
    return { allowed: true, remaining: bucket.points - spent - 1, retryAfterSeconds: 0 };
  }

  async refund(bucket: RateBucket, key: string): Promise<void> {
    const { main } = this.#limitersFor(bucket);
    let res: RateLimiterRes | null;
    try {
      res = await main.get(key);
      // A blocked key holds more than `points` (the refused hit counted too): it stays blocked.
      if (res === null || res.msBeforeNext <= 0 || res.consumedPoints <= 0 || res.consumedPoints > bucket.points) return;
      await main.reward(key, 1);
    } catch (error) {
      throw unavailable(bucket, error);
    }
  }

  async reset(bucket: RateBucket, key: string): Promise<void> {
    const { main, insurance } = this.#limitersFor(bucket);
    try {
      await main.delete(key);
      // Counts taken during an outage would otherwise come back with the next one.
      await insurance?.delete(key);
    } catch (error) {
      throw unavailable(bucket, error);
    }
  }

  #limitersFor(bucket: RateBucket): BucketLimiters {
    checkBucket(bucket);
    const id = JSON.stringify([bucket.name, bucket.points, bucket.windowSeconds, bucket.blockSeconds ?? 0]);
    let limiters = this.#limiters.get(id);
    if (!limiters) {
      limiters = this.#create(bucket);
      this.#limiters.set(id, limiters);
    }
    return limiters;
  }

  #create(bucket: RateBucket): BucketLimiters {
    const common = {
      points: bucket.points,
      duration: bucket.windowSeconds,
      blockDuration: bucket.blockSeconds ?? 0,
    };
    if (!this.#redis) return { main: new RateLimiterMemory(common), insurance: null };
    // When Redis errors (down, not ready, timed out), rate-limiter-flexible answers from this
    // in-process limiter instead of rejecting: limits then hold per replica rather than the API
    // failing. The library copies blockDuration onto it.
    const insurance = new RateLimiterMemory({ keyPrefix: `cws-rl-insurance:${bucket.name}`, points: bucket.points, duration: bucket.windowSeconds });
    const main = new RateLimiterRedis({
      ...common,
      storeClient: this.#redis,
      keyPrefix: `cws-rl:${bucket.name}`,
      // Go to the insurance at once while ioredis is (re)connecting, instead of erroring first.
      rejectIfRedisNotReady: true,
      insuranceLimiter: insurance,
    });
    return { main, insurance };
  }
}

function refused(res: RateLimiterRes): RateDecision {
  return { allowed: false, remaining: 0, retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) };
}

/** Reached only when the insurance limiter failed too (a rejection by the limiter is a RateLimiterRes). */
function unavailable(bucket: RateBucket, cause: unknown): AppError {
  return new AppError('storage.unavailable', `The rate limiter store failed for bucket ${bucket.name}`, {
    cause,
    details: { bucket: bucket.name },
  });
}

/**
 * Whole seconds and points only: the Redis store floors durations to seconds (a 0.5 s window
 * would never expire) and refuses fractional points.
 */
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
