import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { Uuid } from '../../contracts/schema-vocabulary.js';
import { auditEntry, snapshot } from '../../domain/audit/audit-builder.js';
import { givenFields } from '../../domain/clients/client-input.js';
import { ClientFields, ClientName, ClientView } from '../../domain/clients/client-schemas.js';
import type { Client } from '../../domain/clients/client.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import { assertClientActive, clientNotFound } from './client-errors.js';

export interface UpdateClientDeps {
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
}

const contract = defineContract({
  name: 'UpdateClient',
  input: Type.Object(
    { id: Uuid(), name: Type.Optional(ClientName), ...ClientFields },
    { additionalProperties: false, minProperties: 2, description: 'At least one field besides the id' },
  ),
  output: ClientView,
});

export type UpdateClientInput = ContractInput<typeof contract>;

/**
 * Changes a client's own fields (absent fields keep their value, null clears; addresses have
 * their own use cases).
 * @throws validation.failed — malformed field.
 * @throws client.not_found — no such client in this org.
 * @throws client.archived — archived clients are frozen.
 */
export class UpdateClient {
  static readonly contract = contract;

  constructor(private readonly deps: UpdateClientDeps) {}

  async execute(ctx: RequestContext, input: UpdateClientInput): Promise<Client> {
    const { id, ...fields } = checkInput(contract, input);
    const changes = givenFields(fields);
    return this.deps.uow.run(ctx, async (repos) => {
      const before = await repos.clients.findById(id, { forUpdate: true });
      if (before === null) throw clientNotFound(id);
      assertClientActive(before);
      const after: Client = { ...before, ...changes, updatedAt: ctx.now };
      await repos.clients.update(after);
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, {
          action: 'client.update',
          resourceType: 'client',
          resourceId: id,
          before: snapshot(withoutAddresses(before)),
          after: snapshot(withoutAddresses(after)),
        }),
      );
      return after;
    });
  }
}

function withoutAddresses(client: Client): Omit<Client, 'addresses'> {
  const { addresses: _addresses, ...rest } = client;
  return rest;
}
