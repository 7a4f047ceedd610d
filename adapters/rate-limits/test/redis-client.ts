import { once } from 'node:events';
import { Redis } from 'ioredis';

export const redisUrl = process.env['REDIS_URL'] ?? null;
export const noRedisReason = 'REDIS_URL is not set: the Redis rate limiter needs a Redis server';

/**
 * A client with the options createRateLimiter uses, connected before the tests start: until it
 * is ready the limiter would answer from its insurance, and the tests would not touch Redis.
 */
export async function connectedRedis(url: string): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 1, enableOfflineQueue: false, commandTimeout: 1000 });
  redis.on('error', () => {}); // the outage test makes these on purpose
  if (redis.status !== 'ready') await once(redis, 'ready');
  return redis;
}
