import type { RequestContext } from '../../context.js';
import { auditEntry, snapshot } from '../../domain/audit/audit-builder.js';
import { checkClientFields, type ClientFieldsInput } from '../../domain/clients/client-input.js';
import type { Client } from '../../domain/clients/client.js';
import { InputChecks } from '../../domain/shared/input-checks.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import { assertClientActive, clientNotFound } from './client-errors.js';

export interface UpdateClientDeps {
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
}

export interface UpdateClientInput extends ClientFieldsInput {
  readonly id: string;
}

/**
 * Changes a client's own fields (addresses have their own use cases).
 * @throws validation.failed — malformed field.
 * @throws client.not_found — no such client in this org.
 * @throws client.archived — archived clients are frozen.
 */
export class UpdateClient {
  constructor(private readonly deps: UpdateClientDeps) {}

  async execute(ctx: RequestContext, input: UpdateClientInput): Promise<Client> {
    const checks = new InputChecks();
    const id = checks.uuid('/id', input.id);
    const { id: _ignored, ...fields } = input;
    const changes = checkClientFields(checks, fields);
    checks.throwIfAny();
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
