/**
 * Everything the in-memory adapters store. Entities are immutable values: writes replace them,
 * so a transaction snapshot is a shallow copy of each map.
 */
import type {
  AuditEntry,
  ClientAddress,
  JobStats,
  Lead,
  Org,
  OrgSettings,
  RunnerHeartbeat,
  SystemAuditEntry,
} from '@cws/core';

export type ClientRow = Omit<import('@cws/core').Client, 'addresses'>;

export interface TenantTables {
  orgSettings: Map<string, OrgSettings>;
  leads: Map<string, Lead>;
  clients: Map<string, ClientRow>;
  addresses: Map<string, ClientAddress>;
  audit: AuditEntry[];
}

export class MemoryState {
  orgs = new Map<string, Org>();
  tables: TenantTables = {
    orgSettings: new Map(),
    leads: new Map(),
    clients: new Map(),
    addresses: new Map(),
    audit: [],
  };
  systemAudit: SystemAuditEntry[] = [];
  heartbeats = new Map<string, RunnerHeartbeat>();
  jobStats = new Map<string, JobStats>();
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `fn` after every earlier serial task: units of work and org creation take turns. */
  serial<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn);
    this.tail = result.catch(() => undefined);
    return result;
  }

  snapshot(): TenantTables {
    return {
      orgSettings: new Map(this.tables.orgSettings),
      leads: new Map(this.tables.leads),
      clients: new Map(this.tables.clients),
      addresses: new Map(this.tables.addresses),
      audit: [...this.tables.audit],
    };
  }
}

/** Copies a value on the way in and out so callers never share objects with the store. */
export function copy<T>(value: T): T {
  return structuredClone(value);
}
