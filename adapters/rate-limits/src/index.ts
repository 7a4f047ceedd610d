export { RateLimiterFlexible, type RateLimiterFlexibleOptions } from './rate-limiter-flexible.js';
export { createRateLimiter, type CreateRateLimiterOptions, type RateLimiterHandle } from './create-rate-limiter.js';
