export * from './child-process.js';
export * from './fault-env.js';
export * from './outbox-seed.js';
