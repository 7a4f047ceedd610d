import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { Uuid } from '../../contracts/schema-vocabulary.js';
import { ClientView } from '../../domain/clients/client-schemas.js';
import type { Client } from '../../domain/clients/client.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import { clientNotFound } from './client-errors.js';

export interface GetClientDeps {
  readonly uow: UnitOfWork;
}

const contract = defineContract({ name: 'GetClient', input: Type.Object({ id: Uuid() }, { additionalProperties: false }), output: ClientView });

export type GetClientInput = ContractInput<typeof contract>;

/**
 * One client of the caller's org, with its addresses.
 * @throws validation.failed — the id is not a UUID.
 * @throws client.not_found — no such client in this org (also for another org's client).
 */
export class GetClient {
  static readonly contract = contract;

  constructor(private readonly deps: GetClientDeps) {}

  async execute(ctx: RequestContext, input: GetClientInput): Promise<Client> {
    const { id } = checkInput(contract, input);
    const client = await this.deps.uow.run(ctx, (repos) => repos.clients.findById(id));
    if (client === null) throw clientNotFound(id);
    return client;
  }
}
