import type { RequestContext } from '../../context.js';
import type { Client } from '../../domain/clients/client.js';
import { InputChecks } from '../../domain/shared/input-checks.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import { clientNotFound } from './client-errors.js';

export interface GetClientDeps {
  readonly uow: UnitOfWork;
}

/**
 * One client of the caller's org, with its addresses.
 * @throws validation.failed — the id is not a UUID.
 * @throws client.not_found — no such client in this org.
 */
export class GetClient {
  constructor(private readonly deps: GetClientDeps) {}

  async execute(ctx: RequestContext, input: { id: string }): Promise<Client> {
    const checks = new InputChecks();
    const id = checks.uuid('/id', input.id);
    checks.throwIfAny();
    const client = await this.deps.uow.run(ctx, (repos) => repos.clients.findById(id));
    if (client === null) throw clientNotFound(id);
    return client;
  }
}
