/**
 * Repositories bound to one org, over the shared state. They mirror what RLS does in PostgreSQL:
 * another org's rows are invisible, and writing a row with another org's id fails.
 */
import { MemoryBookingWrites } from './memory-booking-writes.js';
import {
  AppError,
  compareAddresses,
  compareNewestFirst,
  isAfterKey,
  matchesTextSearch,
  type AuditEntry,
  type AuditListQuery,
  type AuditLog,
  type Client,
  type ClientAddress,
  type ClientContact,
  type ClientListQuery,
  type ClientRepository,
  type Lead,
  type LeadListQuery,
  type LeadRepository,
  type OrgSettings,
  type OrgSettingsRepository,
  type PageKey,
  type TenantRepositories,
} from '@cws/core';
import { copy, type ClientRow, type TenantTables } from './memory-state.js';
import { identityRepositories } from './memory-identity-repositories.js';
import { schedulingRepositories } from './memory-scheduling-repositories.js';
import { MemoryAvailabilityRepository } from './memory-availability-repository.js';
import { MemoryOutboxRepository } from './memory-outbox.js';
import { billingRepositories } from './memory-billing-repositories.js';

function assertOwnOrg(boundOrgId: string, rowOrgId: string): void {
  if (rowOrgId !== boundOrgId) {
    throw new AppError('tenant.cross_org_write', 'A row cannot be written into another organisation');
  }
}

function inWindow(
  row: PageKey,
  q: { createdFrom: Date | null; createdTo: Date | null; after: PageKey | null },
): boolean {
  if (q.createdFrom !== null && row.createdAt < q.createdFrom) return false;
  if (q.createdTo !== null && row.createdAt >= q.createdTo) return false;
  return q.after === null || isAfterKey(row, q.after);
}

function archivedMatches(archivedAt: Date | null, filter: 'exclude' | 'only' | 'include'): boolean {
  if (filter === 'include') return true;
  return filter === 'only' ? archivedAt !== null : archivedAt === null;
}

class MemoryLeadRepository implements LeadRepository {
  constructor(private readonly orgId: string, private readonly t: TenantTables) {}

  async insert(lead: Lead): Promise<void> {
    assertOwnOrg(this.orgId, lead.orgId);
    if (this.t.leads.has(lead.id)) throw new AppError('storage.conflict', `Lead ${lead.id} exists`);
    this.t.leads.set(lead.id, copy(lead));
  }

  async findById(id: string): Promise<Lead | null> {
    const lead = this.t.leads.get(id);
    return lead !== undefined && lead.orgId === this.orgId ? copy(lead) : null;
  }

  async update(lead: Lead): Promise<void> {
    assertOwnOrg(this.orgId, lead.orgId);
    const current = this.t.leads.get(lead.id);
    if (current === undefined || current.orgId !== this.orgId) {
      throw new AppError('lead.not_found', `No lead ${lead.id} in this organisation`);
    }
    this.t.leads.set(lead.id, copy({ ...lead, createdAt: current.createdAt }));
  }

  async list(q: LeadListQuery): Promise<readonly Lead[]> {
    return [...this.t.leads.values()]
      .filter(
        (l) =>
          l.orgId === this.orgId &&
          inWindow(l, q) &&
          archivedMatches(l.archivedAt, q.archived) &&
          (q.statuses === null || q.statuses.includes(l.status)) &&
          (q.search === null || matchesTextSearch(q.search, l)),
      )
      .sort(compareNewestFirst)
      .slice(0, q.limit)
      .map(copy);
  }

  async listStale(q: { updatedBefore: Date; statuses: readonly Lead['status'][]; limit: number }): Promise<readonly Lead[]> {
    return [...this.t.leads.values()]
      .filter((l) => l.orgId === this.orgId && l.archivedAt === null && q.statuses.includes(l.status) && l.updatedAt < q.updatedBefore)
      .sort((a, b) => a.updatedAt.getTime() - b.updatedAt.getTime() || (a.id < b.id ? -1 : 1))
      .slice(0, q.limit)
      .map(copy);
  }
}

class MemoryClientRepository implements ClientRepository {
  constructor(private readonly orgId: string, private readonly t: TenantTables) {}

  private withAddresses(row: ClientRow): Client {
    const addresses = [...this.t.addresses.values()].filter((a) => a.clientId === row.id && a.orgId === this.orgId).sort(compareAddresses);
    return copy({ ...row, addresses });
  }

  async insert(client: Client): Promise<void> {
    assertOwnOrg(this.orgId, client.orgId);
    for (const a of client.addresses) assertOwnOrg(this.orgId, a.orgId);
    if (this.t.clients.has(client.id)) throw new AppError('storage.conflict', `Client ${client.id} exists`);
    const { addresses, ...row } = client;
    this.t.clients.set(client.id, copy(row));
    for (const a of addresses) this.t.addresses.set(a.id, copy(a));
  }

  async findById(id: string): Promise<Client | null> {
    const row = this.t.clients.get(id);
    return row !== undefined && row.orgId === this.orgId ? this.withAddresses(row) : null;
  }

  async findByIds(ids: readonly string[]): Promise<readonly Client[]> {
    const found: Client[] = [];
    for (const id of new Set(ids)) {
      const client = await this.findById(id);
      if (client !== null) found.push(client);
    }
    return found;
  }

  async findContacts(ids: readonly string[]): Promise<readonly ClientContact[]> {
    const found: ClientContact[] = [];
    for (const id of new Set(ids)) {
      const row = this.t.clients.get(id);
      if (row !== undefined && row.orgId === this.orgId) found.push({ id: row.id, name: row.name, email: row.email, phone: row.phone, archivedAt: row.archivedAt });
    }
    return found;
  }

  async update(client: Client): Promise<void> {
    assertOwnOrg(this.orgId, client.orgId);
    const current = this.t.clients.get(client.id);
    if (current === undefined || current.orgId !== this.orgId) {
      throw new AppError('client.not_found', `No client ${client.id} in this organisation`);
    }
    const { addresses: _ignored, ...row } = client;
    this.t.clients.set(client.id, copy({ ...row, createdAt: current.createdAt }));
  }

  async list(q: ClientListQuery): Promise<readonly Client[]> {
    return [...this.t.clients.values()]
      .filter(
        (c) =>
          c.orgId === this.orgId &&
          inWindow(c, q) &&
          archivedMatches(c.archivedAt, q.archived) &&
          (q.search === null || matchesTextSearch(q.search, c)),
      )
      .sort(compareNewestFirst)
      .slice(0, q.limit)
      .map((row) => this.withAddresses(row));
  }

  async insertAddress(address: ClientAddress): Promise<void> {
    assertOwnOrg(this.orgId, address.orgId);
    const client = this.t.clients.get(address.clientId);
    if (client === undefined || client.orgId !== this.orgId) {
      // What a composite foreign key (org_id, client_id) does in PostgreSQL.
      throw new AppError('client.not_found', `No client ${address.clientId} in this organisation`);
    }
    this.assertSinglePrimary(address);
    this.t.addresses.set(address.id, copy(address));
  }

  async updateAddress(address: ClientAddress): Promise<void> {
    assertOwnOrg(this.orgId, address.orgId);
    const current = this.t.addresses.get(address.id);
    if (current === undefined || current.orgId !== this.orgId || current.clientId !== address.clientId) {
      throw new AppError('client.address_not_found', `No address ${address.id} for client ${address.clientId}`);
    }
    this.assertSinglePrimary(address);
    this.t.addresses.set(address.id, copy({ ...address, createdAt: current.createdAt }));
  }

  async deleteAddress(clientId: string, addressId: string): Promise<boolean> {
    const current = this.t.addresses.get(addressId);
    if (current === undefined || current.orgId !== this.orgId || current.clientId !== clientId) return false;
    // What the foreign keys from bookings and booking series to the address do in PostgreSQL.
    const inUse = [...this.t.bookings.values(), ...this.t.bookingSeries.values()].some((x) => x.orgId === this.orgId && x.addressId === addressId);
    if (inUse) throw new AppError('client.address_in_use', `Address ${addressId} is still referenced`, { details: { address_id: addressId } });
    this.t.addresses.delete(addressId);
    return true;
  }

  /** The partial unique index on (org_id, client_id) WHERE is_primary, in memory. */
  private assertSinglePrimary(address: ClientAddress): void {
    if (!address.isPrimary) return;
    for (const other of this.t.addresses.values()) {
      if (other.clientId === address.clientId && other.id !== address.id && other.isPrimary) {
        throw new AppError('storage.conflict', `Client ${address.clientId} already has a primary address`);
      }
    }
  }
}

class MemoryAuditLog implements AuditLog {
  constructor(private readonly orgId: string, private readonly t: TenantTables) {}

  async append(entry: AuditEntry): Promise<void> {
    assertOwnOrg(this.orgId, entry.orgId);
    this.t.audit.push(copy(entry));
  }

  async list(q: AuditListQuery): Promise<readonly AuditEntry[]> {
    return this.t.audit
      .filter(
        (e) =>
          e.orgId === this.orgId &&
          inWindow(e, q) &&
          (q.resourceType === null || e.resourceType === q.resourceType) &&
          (q.resourceId === null || e.resourceId === q.resourceId) &&
          (q.action === null || e.action === q.action) &&
          (q.actorId === null || e.actorId === q.actorId),
      )
      .sort(compareNewestFirst)
      .slice(0, q.limit)
      .map(copy);
  }
}

class MemoryOrgSettingsRepository implements OrgSettingsRepository {
  constructor(private readonly orgId: string, private readonly t: TenantTables) {}

  async get(): Promise<OrgSettings | null> {
    const settings = this.t.orgSettings.get(this.orgId);
    return settings === undefined ? null : copy(settings);
  }

  async update(settings: OrgSettings): Promise<void> {
    assertOwnOrg(this.orgId, settings.orgId);
    if (!this.t.orgSettings.has(this.orgId)) throw new AppError('org.not_found', `Organisation ${this.orgId} has no settings`);
    this.t.orgSettings.set(this.orgId, copy(settings));
  }
}

/** `actingUserId`: the staff user acting (their own account is theirs to read and write). */
export function tenantRepositories(orgId: string, tables: TenantTables, actingUserId: string | null = null): TenantRepositories {
  const repos = {
    leads: new MemoryLeadRepository(orgId, tables),
    clients: new MemoryClientRepository(orgId, tables),
    audit: new MemoryAuditLog(orgId, tables),
    orgSettings: new MemoryOrgSettingsRepository(orgId, tables),
    ...identityRepositories(orgId, tables, actingUserId),
    ...schedulingRepositories(orgId, tables),
    availability: new MemoryAvailabilityRepository(orgId, tables),
    outbox: new MemoryOutboxRepository(orgId, tables),
    ...billingRepositories(orgId, tables),
  };
  return { ...repos, bookings: new MemoryBookingWrites(repos) };
}
