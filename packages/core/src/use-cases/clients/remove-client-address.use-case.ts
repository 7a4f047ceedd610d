import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { Uuid } from '../../contracts/schema-vocabulary.js';
import { auditEntry, snapshot } from '../../domain/audit/audit-builder.js';
import { ClientView } from '../../domain/clients/client-schemas.js';
import { compareAddresses, type Client } from '../../domain/clients/client.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import { loadActiveClient, reloadedClient } from './client-address-support.js';
import { addressNotFound } from './client-errors.js';

export interface RemoveClientAddressDeps {
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
}

const contract = defineContract({
  name: 'RemoveClientAddress',
  input: Type.Object({ id: Uuid({ description: 'The client' }), addressId: Uuid({ description: 'The address' }) }, { additionalProperties: false }),
  output: ClientView,
});

export type RemoveClientAddressInput = ContractInput<typeof contract>;

/**
 * Removes one address; when it was primary the oldest remaining address becomes primary.
 * @throws validation.failed — an id is not a UUID.
 * @throws client.not_found / client.address_not_found — absent in this org.
 * @throws client.address_in_use — something (a booking) still points at it.
 * @throws client.archived — archived clients are frozen.
 */
export class RemoveClientAddress {
  static readonly contract = contract;

  constructor(private readonly deps: RemoveClientAddressDeps) {}

  async execute(ctx: RequestContext, input: RemoveClientAddressInput): Promise<Client> {
    const { id: clientId, addressId } = checkInput(contract, input);
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
      return reloadedClient(repos, clientId);
    });
  }
}
