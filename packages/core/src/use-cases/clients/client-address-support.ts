/** What the address use cases share: the active client they change, one primary, the client as stored after. */
import type { Client } from '../../domain/clients/client.js';
import type { TenantRepositories } from '../../ports/unit-of-work.port.js';
import { assertClientActive, clientNotFound } from './client-errors.js';

/** The client, locked for the change, when it exists and is not archived. */
export async function loadActiveClient(repos: TenantRepositories, id: string): Promise<Client> {
  const client = await repos.clients.findById(id, { forUpdate: true });
  if (client === null) throw clientNotFound(id);
  assertClientActive(client);
  return client;
}

/** A client with addresses has exactly one primary: marking `keepId` primary unmarks the others. */
export async function unmarkOtherPrimaries(repos: TenantRepositories, client: Client, keepId: string, now: Date): Promise<void> {
  for (const other of client.addresses) {
    if (other.id !== keepId && other.isPrimary) await repos.clients.updateAddress({ ...other, isPrimary: false, updatedAt: now });
  }
}

/** The client as stored after a change to its addresses. */
export async function reloadedClient(repos: TenantRepositories, clientId: string): Promise<Client> {
  const client = await repos.clients.findById(clientId);
  if (client === null) throw clientNotFound(clientId);
  return client;
}
