import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { Uuid } from '../../contracts/schema-vocabulary.js';
import { auditEntry, snapshot } from '../../domain/audit/audit-builder.js';
import { assertPrimaryKept, givenFields } from '../../domain/clients/client-input.js';
import { ClientAddressChangeFields, ClientView } from '../../domain/clients/client-schemas.js';
import type { Client, ClientAddress } from '../../domain/clients/client.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import { loadActiveClient, reloadedClient, unmarkOtherPrimaries } from './client-address-support.js';
import { addressNotFound } from './client-errors.js';

export interface UpdateClientAddressDeps {
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
}

const contract = defineContract({
  name: 'UpdateClientAddress',
  input: Type.Object(
    { id: Uuid({ description: 'The client' }), addressId: Uuid({ description: 'The address' }), ...ClientAddressChangeFields },
    { additionalProperties: false, minProperties: 3, description: 'At least one field besides the ids' },
  ),
  output: ClientView,
});

export type UpdateClientAddressInput = ContractInput<typeof contract>;

/**
 * Changes the given fields of one address (absent fields keep their value, null clears).
 * Marking it primary unmarks the others.
 * @throws validation.failed — malformed field, or unmarking the primary (mark another instead).
 * @throws client.not_found / client.address_not_found — absent in this org.
 * @throws client.archived — archived clients are frozen.
 */
export class UpdateClientAddress {
  static readonly contract = contract;

  constructor(private readonly deps: UpdateClientAddressDeps) {}

  async execute(ctx: RequestContext, input: UpdateClientAddressInput): Promise<Client> {
    const { id: clientId, addressId, isPrimary, ...fields } = checkInput(contract, input);
    const changes = givenFields(fields);
    return this.deps.uow.run(ctx, async (repos) => {
      const client = await loadActiveClient(repos, clientId);
      const before = client.addresses.find((a) => a.id === addressId);
      if (before === undefined) throw addressNotFound(clientId, addressId);
      assertPrimaryKept(before, isPrimary);
      const after: ClientAddress = { ...before, ...changes, isPrimary: isPrimary ?? before.isPrimary, updatedAt: ctx.now };
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
      return reloadedClient(repos, clientId);
    });
  }
}
