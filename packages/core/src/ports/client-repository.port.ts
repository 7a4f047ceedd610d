import type { Client, ClientAddress } from '../domain/clients/client.js';
import type { PageKey } from '../domain/shared/pagination.js';
import type { ArchivedFilter, TextSearch } from './lead-repository.port.js';

export type ClientContact = Pick<Client, 'id' | 'name' | 'email' | 'phone' | 'archivedAt'>;

export interface ClientListQuery {
  readonly createdFrom: Date | null;
  readonly createdTo: Date | null;
  readonly search: TextSearch | null;
  readonly archived: ArchivedFilter;
  readonly after: PageKey | null;
  readonly limit: number;
}

/** Clients (with their addresses) of the org the unit of work is bound to. */
export interface ClientRepository {
  /** Inserts the client and its addresses; `tenant.cross_org_write` for another org's id. */
  insert(client: Client): Promise<void>;
  findById(id: string, options?: { forUpdate?: boolean }): Promise<Client | null>;
  /** The clients of these ids that the org has (unknown ids are left out), in no set order. */
  findByIds(ids: readonly string[]): Promise<readonly Client[]>;
  /**
   * Name and contact of these clients (unknown ids left out, no set order), without their
   * addresses: one read, for lists and mail that show only who the client is.
   */
  findContacts(ids: readonly string[]): Promise<readonly ClientContact[]>;
  /** Replaces the client's own fields (not its addresses); `client.not_found` when absent. */
  update(client: Client): Promise<void>;
  /** Newest first, at most `limit` rows, each with its addresses. */
  list(query: ClientListQuery): Promise<readonly Client[]>;
  insertAddress(address: ClientAddress): Promise<void>;
  /** `client.address_not_found` when absent. */
  updateAddress(address: ClientAddress): Promise<void>;
  /** False when absent; `client.address_in_use` when something still points at it. */
  deleteAddress(clientId: string, addressId: string): Promise<boolean>;
}
