/**
 * The addresses of a client: add, change, remove. A client with addresses always has exactly one
 * primary: marking one primary unmarks the others, removing the primary promotes the oldest.
 */
import type { RequestContext } from '../../context.js';
import { auditEntry, snapshot } from '../../domain/audit/audit-builder.js';
import { checkAddress } from '../../domain/clients/client-input.js';
import { MAX_ADDRESSES_PER_CLIENT, compareAddresses, type Client, type ClientAddress } from '../../domain/clients/client.js';
import { InputChecks } from '../../domain/shared/input-checks.js';
import { AppError } from '../../errors/app-error.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { TenantRepositories, UnitOfWork } from '../../ports/unit-of-work.port.js';
import { addressNotFound, assertClientActive, clientNotFound } from './client-errors.js';

export interface ClientAddressDeps {
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
}

async function loadActiveClient(repos: TenantRepositories, id: string): Promise<Client> {
  const client = await repos.clients.findById(id, { forUpdate: true });
  if (client === null) throw clientNotFound(id);
  assertClientActive(client);
  return client;
}

async function unmarkOtherPrimaries(repos: TenantRepositories, client: Client, keepId: string, now: Date): Promise<void> {
  for (const other of client.addresses) {
    if (other.id !== keepId && other.isPrimary) await repos.clients.updateAddress({ ...other, isPrimary: false, updatedAt: now });
  }
}

/**
 * Adds an address to a client.
 * @throws validation.failed — malformed address, or the client already has 20.
 * @throws client.not_found — no such client in this org.
 * @throws client.archived — archived clients are frozen.
 */
export class AddClientAddress {
  constructor(private readonly deps: ClientAddressDeps) {}

  async execute(ctx: RequestContext, input: { clientId: string; address: unknown }): Promise<Client> {
    const checks = new InputChecks();
    const clientId = checks.uuid('/clientId', input.clientId);
    const address = checkAddress(checks, '', input.address);
    checks.throwIfAny();
    return this.deps.uow.run(ctx, async (repos) => {
      const client = await loadActiveClient(repos, clientId);
      if (client.addresses.length >= MAX_ADDRESSES_PER_CLIENT) {
        throw AppError.validation([{ pointer: '', detail: `a client can have at most ${MAX_ADDRESSES_PER_CLIENT} addresses` }]);
      }
      const stored: ClientAddress = {
        ...address,
        id: this.deps.ids.next(),
        orgId: ctx.orgId,
        clientId,
        isPrimary: client.addresses.length === 0 || address.isPrimary === true,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      };
      if (stored.isPrimary) await unmarkOtherPrimaries(repos, client, stored.id, ctx.now);
      await repos.clients.insertAddress(stored);
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, {
          action: 'client.address_add',
          resourceType: 'client',
          resourceId: clientId,
          after: snapshot(stored),
          metadata: { address_id: stored.id },
        }),
      );
      return reloaded(repos, clientId);
    });
  }
}

/**
 * Changes the given fields of one address.
 * @throws validation.failed — malformed field, or unmarking the primary (mark another instead).
 * @throws client.not_found / client.address_not_found — absent in this org.
 * @throws client.archived — archived clients are frozen.
 */
export class UpdateClientAddress {
  constructor(private readonly deps: ClientAddressDeps) {}

  async execute(ctx: RequestContext, input: { clientId: string; addressId: string; changes: Record<string, unknown> }): Promise<Client> {
    const checks = new InputChecks();
    const clientId = checks.uuid('/clientId', input.clientId);
    const addressId = checks.uuid('/addressId', input.addressId);
    const changes = checks.object('', input.changes);
    checks.throwIfAny();
    return this.deps.uow.run(ctx, async (repos) => {
      const client = await loadActiveClient(repos, clientId);
      const before = client.addresses.find((a) => a.id === addressId);
      if (before === undefined) throw addressNotFound(clientId, addressId);
      // Validate the merged address so partial updates are checked as a whole.
      const merged = checkAddress(checks, '', { ...before, ...changes });
      if (before.isPrimary && merged.isPrimary === false) {
        checks.fail('/isPrimary', 'mark another address primary instead of unmarking this one');
      }
      checks.throwIfAny();
      const after: ClientAddress = { ...before, ...merged, isPrimary: merged.isPrimary ?? before.isPrimary, updatedAt: ctx.now };
      if (after.isPrimary && !before.isPrimary) await unmarkOtherPrimaries(repos, client, after.id, ctx.now);
      await repos.clients.updateAddress(after);
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, {
          action: 'client.address_update',
          resourceType: 'client',
          resourceId: clientId,
          before: snapshot(before),
          after: snapshot(after),
          metadata: { address_id: addressId },
        }),
      );
      return reloaded(repos, clientId);
    });
  }
}

/**
 * Removes one address; when it was primary the oldest remaining address becomes primary.
 * @throws client.not_found / client.address_not_found — absent in this org.
 * @throws client.address_in_use — something (a booking) still points at it.
 * @throws client.archived — archived clients are frozen.
 */
export class RemoveClientAddress {
  constructor(private readonly deps: ClientAddressDeps) {}

  async execute(ctx: RequestContext, input: { clientId: string; addressId: string }): Promise<Client> {
    const checks = new InputChecks();
    const clientId = checks.uuid('/clientId', input.clientId);
    const addressId = checks.uuid('/addressId', input.addressId);
    checks.throwIfAny();
    return this.deps.uow.run(ctx, async (repos) => {
      const client = await loadActiveClient(repos, clientId);
      const before = client.addresses.find((a) => a.id === addressId);
      if (before === undefined || !(await repos.clients.deleteAddress(clientId, addressId))) throw addressNotFound(clientId, addressId);
      if (before.isPrimary) {
        const [heir] = client.addresses.filter((a) => a.id !== addressId).sort(compareAddresses); // none is primary now: oldest first
        if (heir !== undefined) await repos.clients.updateAddress({ ...heir, isPrimary: true, updatedAt: ctx.now });
      }
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, {
          action: 'client.address_remove',
          resourceType: 'client',
          resourceId: clientId,
          before: snapshot(before),
          metadata: { address_id: addressId },
        }),
      );
      return reloaded(repos, clientId);
    });
  }
}

async function reloaded(repos: TenantRepositories, clientId: string): Promise<Client> {
  const client = await repos.clients.findById(clientId);
  if (client === null) throw clientNotFound(clientId);
  return client;
}
