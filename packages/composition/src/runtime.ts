/**
 * What a host needs from the composition root, resolved once per process: configuration, the
 * core, the storage ports, database diagnostics and a way to build the job queue.
 */
import type { Clock, Core, IdGenerator, InboundSmsVerifier, JobQueue, OutboxDeliveryStore, RateLimiter } from '@cws/core';
import { inboundSmsVerifierFromConfig } from './delivery/message-channels-from-config.js';
import type { MigrationStatus } from '@cws/migrations';
import type { Config } from './config/index.js';
import { buildContainer, type ContainerOptions, type MessagingWiring, type RateLimiterHandle, type StoragePorts } from './container.js';
import type { BreakerStatus } from './delivery/circuit-guarded-channels.js';
import type { DeliveryObservers } from './delivery/delivery-observers.js';
import type { DatabaseHandle } from './database-handle.js';
import { createJobQueue, type JobQueueOptions } from './job-queue-factory.js';
import type { PaymentsWiring } from './payments/payment-gateway-from-config.js';
import { TOKENS } from './tokens.js';

export interface Runtime {
  readonly config: Config;
  readonly core: Core;
  readonly ports: StoragePorts;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** Shared with the core's brute-force limits: the API's request limits use it too. */
  readonly rateLimiter: RateLimiter;
  /** `memory`, `embedded` (PGlite) or `server` (DATABASE_URL). */
  readonly storage: 'memory' | 'embedded' | 'server';
  /** Postgres connection string, null for memory storage. */
  readonly connectionString: string | null;
  /** Throws when the database does not answer within `timeoutMs`. */
  pingDatabase(timeoutMs: number): Promise<void>;
  migrationStatus(): Promise<MigrationStatus>;
  /** Applies pending migrations; returns their names. */
  migrate(): Promise<string[]>;
  createJobQueue(options: JobQueueOptions): JobQueue;
  /** What the outbox's deliverer needs beyond the core: its store, breaker states, metrics hook. */
  readonly outbox: {
    readonly delivery: OutboxDeliveryStore | null;
    /** Every provider breaker of this process: the message channels', then the payment gateway's (`payments:stripe`). */
    breakers(): BreakerStatus[];
    readonly observers: DeliveryObservers;
  };
  /** Checks signatures of inbound texts (STOP/START); null when no SMS provider takes replies. */
  readonly inboundSms: InboundSmsVerifier | null;
  close(): Promise<void>;
}

export async function createRuntime(config: Config, options: ContainerOptions = {}): Promise<Runtime> {
  const container = buildContainer(config, options);
  const db = await container.getAsync<DatabaseHandle | null>(TOKENS.Database);
  try {
    const core = await container.getAsync<Core>(TOKENS.Core);
    const ports = await container.getAsync<StoragePorts>(TOKENS.StoragePorts);
    const limits = await container.getAsync<RateLimiterHandle>(TOKENS.RateLimiter);
    const messaging = await container.getAsync<MessagingWiring>(TOKENS.Messaging);
    const payments = await container.getAsync<PaymentsWiring>(TOKENS.Payments);
    const memoryStatus: MigrationStatus = { current: null, expected: 'memory', pending: [], upToDate: true };
    return {
      config,
      core,
      ports,
      clock: container.get<Clock>(TOKENS.Clock),
      ids: container.get<IdGenerator>(TOKENS.Ids),
      rateLimiter: limits.limiter,
      storage: db === null ? 'memory' : db.kind,
      connectionString: db?.connectionString ?? null,
      pingDatabase: (timeoutMs) => (db === null ? Promise.resolve() : db.ping(timeoutMs)),
      migrationStatus: () => (db === null ? Promise.resolve(memoryStatus) : db.migrationStatus()),
      migrate: () => (db === null ? Promise.resolve([]) : db.migrate()),
      createJobQueue: (jobOptions) => createJobQueue(config, db?.connectionString ?? null, jobOptions),
      inboundSms: inboundSmsVerifierFromConfig(config),
      outbox: { delivery: ports.outboxDelivery ?? null, breakers: () => [...messaging.breakers.statuses(), ...payments.breakers()], observers: messaging.observers },
      close: async () => {
        await ports.outboxDelivery?.close();
        await messaging.close();
        await limits.close();
        await db?.close();
      },
    };
  } catch (err) {
    await db?.close();
    throw err;
  }
}
