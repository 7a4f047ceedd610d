export * from './config/index.js';
export { TOKENS } from './tokens.js';
export { buildContainer, type ContainerOptions, type StoragePorts } from './container.js';
export { openDatabase, type DatabaseHandle, type OpenDatabaseOptions } from './database-handle.js';
export { createJobQueue, type JobQueueOptions } from './job-queue-factory.js';
export { createRuntime, type Runtime } from './runtime.js';
export { seedDemoOrg, DEMO_ORG_SLUG, type DemoSeedResult } from './demo-seed.js';
export type { MigrationStatus } from '@cws/migrations';
export { createLogger, type Logger } from './logger.js';
