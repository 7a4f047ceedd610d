import { AppError, compareAddresses, type Client, type ClientAddress, type ClientContact, type ClientListQuery, type ClientRepository } from '@cws/core';
import type { TenantDb } from '../tenant-transaction.js';
import { ClientAddressModel, ClientModel } from '../models.js';
import { translatePgError, translatingErrors, updateOne } from '../pg-errors.js';
import { applyWindow } from './list-filters.js';
import { DEFAULT_SEARCH_TUNING, searchList, type SearchTuning } from './text-search.js';

export function toAddress(row: ClientAddressModel): ClientAddress {
  return {
    id: row.id,
    orgId: row.org_id,
    clientId: row.client_id,
    label: row.label,
    line1: row.line1,
    line2: row.line2,
    city: row.city,
    region: row.region,
    postalCode: row.postal_code,
    country: row.country,
    accessNotes: row.access_notes,
    isPrimary: row.is_primary,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toClient(row: ClientModel, addresses: readonly ClientAddress[]): Client {
  return {
    id: row.id,
    orgId: row.org_id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    notes: row.notes,
    sourceLeadId: row.source_lead_id,
    archivedAt: row.archived_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    addresses: [...addresses].sort(compareAddresses),
  };
}

function addressColumns(a: ClientAddress) {
  return {
    label: a.label,
    line1: a.line1,
    line2: a.line2,
    city: a.city,
    region: a.region,
    postal_code: a.postalCode,
    country: a.country,
    access_notes: a.accessNotes,
    is_primary: a.isPrimary,
    updated_at: a.updatedAt,
  };
}

function clientColumns(c: Client) {
  return { name: c.name, email: c.email, phone: c.phone, notes: c.notes, source_lead_id: c.sourceLeadId, archived_at: c.archivedAt, updated_at: c.updatedAt };
}

export class PostgresClientRepository implements ClientRepository {
  constructor(
    private readonly db: TenantDb,
    private readonly search: SearchTuning = DEFAULT_SEARCH_TUNING,
  ) {}

  private async addressesOf(clientIds: readonly string[]): Promise<Map<string, ClientAddress[]>> {
    const byClient = new Map<string, ClientAddress[]>();
    if (clientIds.length === 0) return byClient;
    const rows = await this.db.query(ClientAddressModel).whereIn('client_id', [...clientIds]);
    for (const row of rows) {
      const list = byClient.get(row.client_id) ?? [];
      list.push(toAddress(row));
      byClient.set(row.client_id, list);
    }
    return byClient;
  }

  async insert(client: Client): Promise<void> {
    await translatingErrors(async () => {
      await this.db.table('clients').insert({ org_id: client.orgId, id: client.id, created_at: client.createdAt, ...clientColumns(client) });
      if (client.addresses.length > 0) {
        // Non-primary first so the one-primary index never sees two primaries mid-statement.
        const ordered = [...client.addresses].sort((a, b) => Number(a.isPrimary) - Number(b.isPrimary));
        await this.db.table('client_addresses').insert(
          ordered.map((a) => ({ org_id: a.orgId, id: a.id, client_id: a.clientId, created_at: a.createdAt, ...addressColumns(a) })),
        );
      }
    });
  }

  async findById(id: string, options: { forUpdate?: boolean } = {}): Promise<Client | null> {
    const qb = this.db.query(ClientModel).findOne({ id });
    if (options.forUpdate) qb.forUpdate();
    const row = await qb;
    if (row === undefined) return null;
    const addresses = await this.addressesOf([row.id]);
    return toClient(row, addresses.get(row.id) ?? []);
  }

  async findByIds(ids: readonly string[]): Promise<readonly Client[]> {
    const wanted = [...new Set(ids)];
    if (wanted.length === 0) return [];
    // Two reads whatever the number of ids (a week's board names hundreds of clients).
    const rows = await this.db.query(ClientModel).whereIn('id', wanted);
    const addresses = await this.addressesOf(rows.map((r) => r.id));
    return rows.map((r) => toClient(r, addresses.get(r.id) ?? []));
  }

  async findContacts(ids: readonly string[]): Promise<readonly ClientContact[]> {
    const wanted = [...new Set(ids)];
    if (wanted.length === 0) return [];
    // RLS keeps it to the unit's org, as findByIds; one read, no addresses.
    const rows = (await translatingErrors(() => this.db.table('clients').select('id', 'name', 'email', 'phone', 'archived_at').whereIn('id', wanted))) as Array<{
      id: string;
      name: string;
      email: string | null;
      phone: string | null;
      archived_at: Date | null;
    }>;
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      phone: r.phone,
      archivedAt: r.archived_at,
    }));
  }

  async update(client: Client): Promise<void> {
    await updateOne(
      () => this.db.table('clients').where({ id: client.id, org_id: client.orgId }).update(clientColumns(client)),
      () => new AppError('client.not_found', `No client ${client.id} in this organisation`, { details: { client_id: client.id } }),
    );
  }

  async list(q: ClientListQuery): Promise<readonly Client[]> {
    const rows = q.search !== null ? await searchList<ClientModel>(this.db, ClientModel, { ...q, search: q.search }, () => {}, this.search) : await applyWindow(this.db.query(ClientModel), q);
    const addresses = await this.addressesOf(rows.map((r) => r.id));
    return rows.map((r) => toClient(r, addresses.get(r.id) ?? []));
  }

  async insertAddress(a: ClientAddress): Promise<void> {
    await translatingErrors(() =>
      this.db.table('client_addresses').insert({ org_id: a.orgId, id: a.id, client_id: a.clientId, created_at: a.createdAt, ...addressColumns(a) }),
    );
  }

  async updateAddress(a: ClientAddress): Promise<void> {
    await updateOne(
      () => this.db.table('client_addresses').where({ id: a.id, client_id: a.clientId, org_id: a.orgId }).update(addressColumns(a)),
      () => new AppError('client.address_not_found', `No address ${a.id} for client ${a.clientId}`, { details: { client_id: a.clientId, address_id: a.id } }),
    );
  }

  async deleteAddress(clientId: string, addressId: string): Promise<boolean> {
    try {
      const count = await this.db.table('client_addresses').where({ id: addressId, client_id: clientId }).delete();
      return count > 0;
    } catch (err) {
      const translated = translatePgError(err);
      // A foreign key from a later table (bookings) that still points here.
      if (translated instanceof AppError && (err as { code?: string }).code === '23503') {
        throw new AppError('client.address_in_use', `Address ${addressId} is still referenced`, { details: { address_id: addressId }, cause: err });
      }
      throw translated;
    }
  }
}
