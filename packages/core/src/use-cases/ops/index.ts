/** The ops area: each use case (with its contract) and their wiring. */
export * from './get-jobs-status.use-case.js';
export * from './prune-idempotency-keys.use-case.js';
export * from './ops-use-cases.js';
