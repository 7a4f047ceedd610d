/**
 * Everything the in-memory adapters store. Entities are immutable values: writes replace them,
 * so a transaction snapshot is a shallow copy of each map.
 */
import type {
  Invoice,
  InvoicePayment,
  InvoicePublicLink,
  StripeEventRecord,
  AuthSession,
  BreakGlassToken,
  Invitation,
  Membership,
  RefreshTokenRecord,
  UserAccount,
  AuditEntry,
  Blackout,
  Booking,
  BookingSeries,
  ClientAddress,
  IdempotencyRecord,
  JobStats,
  Lead,
  OrgJobStats,
  Org,
  OrgSettings,
  RunnerHeartbeat,
  Service,
  SystemAuditEntry,
  Team,
  Worker,
  OutboxEvent,
  DeliveryAttemptRecord,
} from '@cws/core';

export type ClientRow = Omit<import('@cws/core').Client, 'addresses'>;

/** An idempotency record with the org it belongs to (the record itself is org-agnostic). */
export interface IdempotencyRow {
  readonly orgId: string;
  readonly record: IdempotencyRecord;
}

export interface TenantTables {
  orgSettings: Map<string, OrgSettings>;
  leads: Map<string, Lead>;
  clients: Map<string, ClientRow>;
  addresses: Map<string, ClientAddress>;
  audit: AuditEntry[];
  /** Users are global; kept here so a failed unit of work rolls back a user it created. */
  users: Map<string, UserAccount>;
  memberships: Map<string, Membership>;
  sessions: Map<string, AuthSession>;
  refreshTokens: Map<string, RefreshTokenRecord>;
  breakGlass: Map<string, BreakGlassToken>;
  invitations: Map<string, Invitation>;
  teams: Map<string, Team>;
  workers: Map<string, Worker>;
  services: Map<string, Service>;
  blackouts: Map<string, Blackout>;
  bookings: Map<string, Booking>;
  bookingSeries: Map<string, BookingSeries>;
  /** Keyed by org, scope and key (see `idempotencyKey`). */
  idempotency: Map<string, IdempotencyRow>;
  outbox: Map<string, OutboxEvent>;
  emailEvents: EmailEventRow[];
  invoices: Map<string, Invoice>;
  /** Last number given per `org:year`. */
  invoiceNumbers: Map<string, number>;
  payments: Map<string, InvoicePayment>;
  /** Keyed by event id alone: ids are unique across orgs. */
  stripeEvents: Map<string, StripeEventRecord>;
  invoiceLinks: Map<string, InvoicePublicLink>;
}

/** One send attempt (`email_events`). */
export interface EmailEventRow extends DeliveryAttemptRecord {
  readonly orgId: string;
  readonly outboxEventId: string;
  readonly createdAt: Date;
}

export class MemoryState {
  orgs = new Map<string, Org>();
  tables: TenantTables = {
    orgSettings: new Map(),
    leads: new Map(),
    clients: new Map(),
    addresses: new Map(),
    audit: [],
    users: new Map(),
    memberships: new Map(),
    sessions: new Map(),
    refreshTokens: new Map(),
    breakGlass: new Map(),
    invitations: new Map(),
    teams: new Map(),
    workers: new Map(),
    services: new Map(),
    blackouts: new Map(),
    bookings: new Map(),
    bookingSeries: new Map(),
    idempotency: new Map(),
    outbox: new Map(),
    emailEvents: [],
    invoices: new Map(),
    invoiceNumbers: new Map(),
    payments: new Map(),
    stripeEvents: new Map(),
    invoiceLinks: new Map(),
  };
  /** Keyed hashes of numbers that answered STOP (global, as in PostgreSQL). */
  smsOptOuts = new Map<string, { source: 'keyword' | 'provider'; createdAt: Date }>();
  systemAudit: SystemAuditEntry[] = [];
  heartbeats = new Map<string, RunnerHeartbeat>();
  jobStats = new Map<string, JobStats>();
  /** Each org's own job outcomes: org id, then job name. */
  orgJobStats = new Map<string, Map<string, OrgJobStats>>();
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
      users: new Map(this.tables.users),
      memberships: new Map(this.tables.memberships),
      sessions: new Map(this.tables.sessions),
      refreshTokens: new Map(this.tables.refreshTokens),
      breakGlass: new Map(this.tables.breakGlass),
      invitations: new Map(this.tables.invitations),
      teams: new Map(this.tables.teams),
      workers: new Map(this.tables.workers),
      services: new Map(this.tables.services),
      blackouts: new Map(this.tables.blackouts),
      bookings: new Map(this.tables.bookings),
      bookingSeries: new Map(this.tables.bookingSeries),
      idempotency: new Map(this.tables.idempotency),
      outbox: new Map(this.tables.outbox),
      emailEvents: [...this.tables.emailEvents],
      invoices: new Map(this.tables.invoices),
      invoiceNumbers: new Map(this.tables.invoiceNumbers),
      payments: new Map(this.tables.payments),
      stripeEvents: new Map(this.tables.stripeEvents),
      invoiceLinks: new Map(this.tables.invoiceLinks),
    };
  }
}

/** Copies a value on the way in and out so callers never share objects with the store. */
export function copy<T>(value: T): T {
  return structuredClone(value);
}
