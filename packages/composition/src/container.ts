/**
 * The inversify container: adapters chosen from configuration, the core built from them. Only
 * factories with explicit dependency lists (toResolvedValue), so nothing relies on decorator
 * metadata and the same wiring runs under tsx and compiled code.
 */
import 'reflect-metadata';
import { Container } from 'inversify';
import { createMemoryAdapters } from '@cws/adapter-memory';
import { createPostgresAdapters } from '@cws/adapter-postgres';
import { RandomIdGenerator, SystemClock, createCore, type Clock, type Core, type CorePorts, type IdGenerator } from '@cws/core';
import type { Config } from './config/index.js';
import { openDatabase, type DatabaseHandle, type OpenDatabaseOptions } from './database-handle.js';
import { TOKENS } from './tokens.js';

export type StoragePorts = Pick<CorePorts, 'uow' | 'orgs' | 'systemAudit' | 'jobMonitor'>;

export interface ContainerOptions extends OpenDatabaseOptions {
  /** `memory` skips the database entirely (tests, demos, embedding); default `postgres`. */
  readonly storage?: 'postgres' | 'memory';
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
}

export function buildContainer(config: Config, options: ContainerOptions = {}): Container {
  const container = new Container({ defaultScope: 'Singleton' });
  container.bind<Config>(TOKENS.Config).toConstantValue(config);
  container.bind<Clock>(TOKENS.Clock).toConstantValue(options.clock ?? new SystemClock());
  container.bind<IdGenerator>(TOKENS.Ids).toConstantValue(options.ids ?? new RandomIdGenerator());
  if (options.storage === 'memory') {
    container.bind<DatabaseHandle | null>(TOKENS.Database).toConstantValue(null);
    container.bind<StoragePorts>(TOKENS.StoragePorts).toConstantValue(createMemoryAdapters());
  } else {
    container.bind<DatabaseHandle | null>(TOKENS.Database).toResolvedValue((cfg: Config) => openDatabase(cfg, options), [TOKENS.Config]);
    container
      .bind<StoragePorts>(TOKENS.StoragePorts)
      .toResolvedValue((db: DatabaseHandle | null) => createPostgresAdapters(db!.knex), [TOKENS.Database]);
  }
  container
    .bind<Core>(TOKENS.Core)
    .toResolvedValue(
      (ports: StoragePorts, clock: Clock, ids: IdGenerator, cfg: Config) =>
        createCore({ ...ports, clock, ids }, { jobHeartbeatTtlSeconds: cfg.jobs.heartbeatTtlSeconds }),
      [TOKENS.StoragePorts, TOKENS.Clock, TOKENS.Ids, TOKENS.Config],
    );
  return container;
}
