import { rateLimiterContract } from '@cws/contract-tests';
import { RateLimiterFlexible } from '@cws/adapter-rate-limits';
import { connectedRedis, noRedisReason, redisUrl } from './redis-client.js';

rateLimiterContract('rate-limiter-flexible (memory)', async () => ({
  limiter: new RateLimiterFlexible(),
  dispose: async () => {},
}));

rateLimiterContract(
  'rate-limiter-flexible (Redis)',
  async () => {
    const redis = await connectedRedis(redisUrl!);
    return { limiter: new RateLimiterFlexible({ redis }), dispose: async () => void (await redis.quit()) };
  },
  { unavailableReason: redisUrl ? null : noRedisReason },
);
