/**
 * Redis going away must not take the API down: rate-limiter-flexible's insurance limiter answers
 * in process instead, still enforcing each bucket, and nothing throws.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { RateBucket } from '@cws/core';
import { eventually } from '@cws/contract-tests';
import { RateLimiterFlexible, createRateLimiter } from '@cws/adapter-rate-limits';
import { connectedRedis, noRedisReason, redisUrl } from './redis-client.js';

describe('rate-limiter-flexible (Redis): outage', function () {
  if (!redisUrl) {
    it(`is skipped: ${noRedisReason}`, function () {
      this.skip();
    });
    return;
  }
  const url = redisUrl;
  const bucket = (rest: Omit<RateBucket, 'name'>): RateBucket => ({ name: `outage-${randomUUID().slice(0, 8)}`, ...rest });

  it('answers from the insurance limiter once its Redis client is gone, still enforcing the budget', async () => {
    const redis = await connectedRedis(url);
    const limiter = new RateLimiterFlexible({ redis });
    const b = bucket({ points: 3, windowSeconds: 60 });
    const k = `key-${randomUUID()}`;
    expect(await limiter.hit(b, k)).to.deep.equal({ allowed: true, remaining: 2, retryAfterSeconds: 0 });
    expect(await redis.exists(`cws-rl:${b.name}:${k}`)).to.equal(1); // that hit was counted in Redis

    const ended = once(redis, 'end');
    redis.disconnect();
    await ended;
    // The insurance starts from a fresh budget: counts are not copied over from Redis.
    const during = await Promise.all([1, 2, 3, 4].map(() => limiter.hit(b, k)));
    expect(during.map((d) => d.allowed).sort()).to.deep.equal([false, true, true, true]);
    expect((await limiter.peek(b, k)).allowed).to.equal(false);
    await limiter.reset(b, k);
    expect(await limiter.peek(b, k)).to.deep.equal({ allowed: true, remaining: 2, retryAfterSeconds: 0 });
  });

  it('blocks from the insurance limiter too', async () => {
    const redis = await connectedRedis(url);
    const limiter = new RateLimiterFlexible({ redis });
    redis.disconnect();
    const b = bucket({ points: 1, windowSeconds: 1, blockSeconds: 120 });
    const k = `key-${randomUUID()}`;
    expect((await limiter.hit(b, k)).allowed).to.equal(true);
    const refused = await limiter.hit(b, k);
    expect(refused.allowed).to.equal(false);
    expect(refused.retryAfterSeconds).to.be.greaterThan(1).and.at.most(120);
  });

  it('answers from the start when createRateLimiter cannot reach Redis at all', async () => {
    const errors: Error[] = [];
    const { limiter, close } = createRateLimiter({ redisUrl: 'redis://127.0.0.1:1', onRedisError: (e) => errors.push(e) });
    try {
      const b = bucket({ points: 2, windowSeconds: 60 });
      const k = `key-${randomUUID()}`;
      const decisions = [await limiter.hit(b, k), await limiter.hit(b, k), await limiter.hit(b, k)];
      expect(decisions.map((d) => d.allowed)).to.deep.equal([true, true, false]);
      await limiter.reset(b, k);
      expect((await limiter.hit(b, k)).allowed).to.equal(true);
      await eventually('the connection error reported', () => errors.length > 0);
    } finally {
      await close();
    }
  });
});
