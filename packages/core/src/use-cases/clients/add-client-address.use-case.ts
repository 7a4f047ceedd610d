import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { Uuid } from '../../contracts/schema-vocabulary.js';
import { auditEntry, snapshot } from '../../domain/audit/audit-builder.js';
import { assertRoomForAddress, checkedAddress } from '../../domain/clients/client-input.js';
import { ClientAddressInput, ClientView } from '../../domain/clients/client-schemas.js';
import type { Client, ClientAddress } from '../../domain/clients/client.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import { loadActiveClient, reloadedClient, unmarkOtherPrimaries } from './client-address-support.js';

export interface AddClientAddressDeps {
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
}

const contract = defineContract({
  name: 'AddClientAddress',
  input: Type.Object({ id: Uuid({ description: 'The client' }), ...ClientAddressInput.properties }, { additionalProperties: false }),
  output: ClientView,
});

export type AddClientAddressInput = ContractInput<typeof contract>;

/**
 * Adds an address to a client. The client's first address is primary whatever it says; a later
 * one is primary when it asks to be (the old primary is unmarked).
 * @throws validation.failed — malformed address, or the client already has 20.
 * @throws client.not_found — no such client in this org.
 * @throws client.archived — archived clients are frozen.
 */
export class AddClientAddress {
  static readonly contract = contract;

  constructor(private readonly deps: AddClientAddressDeps) {}

  async execute(ctx: RequestContext, input: AddClientAddressInput): Promise<Client> {
    const { id: clientId, ...fields } = checkInput(contract, input);
    const address = checkedAddress(fields);
    return this.deps.uow.run(ctx, async (repos) => {
      const client = await loadActiveClient(repos, clientId);
      assertRoomForAddress(client);
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
      return reloadedClient(repos, clientId);
    });
  }
}
