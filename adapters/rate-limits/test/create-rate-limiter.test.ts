import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import type { RateBucket } from '@cws/core';
import { eventually } from '@cws/contract-tests';
import { createRateLimiter } from '@cws/adapter-rate-limits';
import { connectedRedis, noRedisReason, redisUrl } from './redis-client.js';

describe('createRateLimiter', function () {
  const bucket = (): RateBucket => ({ name: `create-${randomUUID().slice(0, 8)}`, points: 1000, windowSeconds: 60 });

  it('keeps the counts in memory without a Redis URL', async () => {
    const { limiter, close } = createRateLimiter({ redisUrl: null });
    const b = bucket();
    expect(await limiter.hit(b, 'k')).to.deep.equal({ allowed: true, remaining: 999, retryAfterSeconds: 0 });
    await close();
  });

  const counts = 'counts in Redis once connected, and close() quits the client';
  const url = redisUrl;
  if (!url) {
    it(`${counts}: skipped, ${noRedisReason}`, function () {
      this.skip();
    });
  } else {
    it(counts, () => countsInRedis(url));
  }

  async function countsInRedis(url: string): Promise<void> {
    const { limiter, close } = createRateLimiter({ redisUrl: url });
    const probe = await connectedRedis(url);
    try {
      const b = bucket();
      // Until the client is ready, hits go to the insurance limiter; then they reach Redis.
      await eventually('a hit counted in Redis', async () => {
        await limiter.hit(b, 'k');
        return (await probe.exists(`cws-rl:${b.name}:k`)) === 1;
      });
      await close();
      await close(); // a second close is harmless
    } finally {
      await probe.quit();
    }
  }

  it('rejects buckets the Redis store would get wrong', async () => {
    const { limiter } = createRateLimiter({ redisUrl: null });
    for (const b of [
      { name: 'half-second', points: 1, windowSeconds: 0.5 },
      { name: 'no-points', points: 0, windowSeconds: 60 },
      { name: 'fractional-block', points: 1, windowSeconds: 60, blockSeconds: 1.5 },
    ]) {
      const error = await limiter.hit(b, 'k').then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, b.name).to.be.instanceOf(RangeError);
    }
  });
});
