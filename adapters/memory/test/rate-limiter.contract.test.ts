import { rateLimiterContract } from '@cws/contract-tests';
import { MemoryRateLimiter } from '@cws/adapter-memory';

rateLimiterContract('memory', async () => ({ limiter: new MemoryRateLimiter(), dispose: async () => {} }));
