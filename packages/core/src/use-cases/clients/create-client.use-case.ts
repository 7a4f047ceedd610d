import type { RequestContext } from '../../context.js';
import { auditEntry, snapshot } from '../../domain/audit/audit-builder.js';
import { checkAddress, checkClientFields, type CheckedAddress, type ClientFieldsInput } from '../../domain/clients/client-input.js';
import { MAX_ADDRESSES_PER_CLIENT, compareAddresses, type Client, type ClientAddress } from '../../domain/clients/client.js';
import { InputChecks } from '../../domain/shared/input-checks.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';

export interface CreateClientDeps {
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
}

export interface CreateClientInput extends ClientFieldsInput {
  readonly addresses?: readonly unknown[];
}

/**
 * Creates a client with its addresses. When none is marked primary the first one is.
 * @throws validation.failed — missing name, malformed field, more than one primary address,
 *   more than 20 addresses.
 */
export class CreateClient {
  constructor(private readonly deps: CreateClientDeps) {}

  async execute(ctx: RequestContext, input: CreateClientInput): Promise<Client> {
    const checks = new InputChecks();
    const fields = checkClientFields(checks, { ...input, name: input.name ?? '' });
    const addresses = checkAddressList(checks, input.addresses ?? []);
    checks.throwIfAny();
    const client = newClient(ctx, this.deps.ids, { ...fields, name: fields.name ?? '' }, addresses, null);
    return this.deps.uow.run(ctx, async (repos) => {
      await repos.clients.insert(client);
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, { action: 'client.create', resourceType: 'client', resourceId: client.id, after: snapshot(client) }),
      );
      return client;
    });
  }
}

export function checkAddressList(checks: InputChecks, raw: readonly unknown[]): CheckedAddress[] {
  if (!Array.isArray(raw)) {
    checks.fail('/addresses', 'must be an array');
    return [];
  }
  if (raw.length > MAX_ADDRESSES_PER_CLIENT) checks.fail('/addresses', `must have at most ${MAX_ADDRESSES_PER_CLIENT} items`);
  const addresses = raw.map((a, i) => checkAddress(checks, `/addresses/${i}`, a));
  if (addresses.filter((a) => a.isPrimary === true).length > 1) checks.fail('/addresses', 'at most one address can be primary');
  return addresses;
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
