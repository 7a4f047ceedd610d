import type { RateLimiter } from '@cws/core';
import { Redis } from 'ioredis';
import { RateLimiterFlexible } from './rate-limiter-flexible.js';

export interface CreateRateLimiterOptions {
  /** Redis shared by every replica; null keeps the counts in this process. */
  readonly redisUrl: string | null;
  /** Told of each Redis connection error (the limiter keeps answering from its insurance). */
  readonly onRedisError?: (error: Error) => void;
}

export interface RateLimiterHandle {
  readonly limiter: RateLimiter;
  /** Quits the Redis client, if any. */
  close(): Promise<void>;
}

export function createRateLimiter(options: CreateRateLimiterOptions): RateLimiterHandle {
  if (!options.redisUrl) return { limiter: new RateLimiterFlexible(), close: async () => {} };
  const redis = new Redis(options.redisUrl, {
    lazyConnect: false,
    // Fail fast while Redis is away, so hits go to the insurance limiter instead of waiting in
    // a queue; a hung server times out the same way.
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    commandTimeout: 1000,
  });
  // Without a listener ioredis reports every failed reconnect as an unhandled error event.
  redis.on('error', (error: Error) => options.onRedisError?.(error));
  return {
    limiter: new RateLimiterFlexible({ redis }),
    close: async () => {
      if (redis.status === 'end') return;
      try {
        await redis.quit();
      } catch {
        redis.disconnect(); // quit needs a live connection; this also stops reconnecting
      }
    },
  };
}
