import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { auditEntry, snapshot } from '../../domain/audit/audit-builder.js';
import { assertOnePrimary, checkedAddress, type CheckedAddress } from '../../domain/clients/client-input.js';
import { ClientAddressList, ClientFields, ClientName, ClientView } from '../../domain/clients/client-schemas.js';
import { compareAddresses, type Client, type ClientAddress } from '../../domain/clients/client.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';

export interface CreateClientDeps {
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
}

const contract = defineContract({
  name: 'CreateClient',
  input: Type.Object({ name: ClientName, ...ClientFields, addresses: Type.Optional(ClientAddressList) }, { additionalProperties: false }),
  output: ClientView,
});

export type CreateClientInput = ContractInput<typeof contract>;

/**
 * Creates a client with its addresses. When none is marked primary the first one is.
 * @throws validation.failed — missing name, malformed field, more than 20 addresses, more than
 *   one primary address.
 */
export class CreateClient {
  static readonly contract = contract;

  constructor(private readonly deps: CreateClientDeps) {}

  async execute(ctx: RequestContext, input: CreateClientInput): Promise<Client> {
    const { addresses = [], ...fields } = checkInput(contract, input);
    const checked = addresses.map(checkedAddress);
    assertOnePrimary(checked);
    const client = newClient(ctx, this.deps.ids, fields, checked, null);
    return this.deps.uow.run(ctx, async (repos) => {
      await repos.clients.insert(client);
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, { action: 'client.create', resourceType: 'client', resourceId: client.id, after: snapshot(client) }),
      );
      return client;
    });
  }
}

/** Builds a new client (not yet stored); the first address is primary unless one says so. */
export function newClient(
  ctx: RequestContext,
  ids: IdGenerator,
  fields: { name: string; email?: string | null; phone?: string | null; notes?: string | null },
  addresses: readonly CheckedAddress[],
  sourceLeadId: string | null,
): Client {
  const clientId = ids.next();
  const anyPrimary = addresses.some((a) => a.isPrimary === true);
  const stored: ClientAddress[] = addresses.map((a, i) => ({
    ...a,
    id: ids.next(),
    orgId: ctx.orgId,
    clientId,
    isPrimary: anyPrimary ? a.isPrimary === true : i === 0,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  }));
  return {
    id: clientId,
    orgId: ctx.orgId,
    name: fields.name,
    email: fields.email ?? null,
    phone: fields.phone ?? null,
    notes: fields.notes ?? null,
    sourceLeadId,
    archivedAt: null,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    addresses: stored.sort(compareAddresses),
  };
}
