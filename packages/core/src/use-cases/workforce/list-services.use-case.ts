import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { ServiceView, WholeList } from '../../domain/scheduling/workforce-schemas.js';
import type { Service } from '../../domain/scheduling/workforce.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';

export interface ListServicesDeps {
  readonly uow: UnitOfWork;
}

const contract = defineContract({
  name: 'ListServices',
  input: Type.Object({ active: Type.Optional(Type.Boolean({ description: 'Only active (true) or inactive (false) services' })) }, { additionalProperties: false }),
  output: WholeList(ServiceView, 'ServiceList'),
});

export type ListServicesInput = ContractInput<typeof contract>;

/**
 * The services the caller's org sells, by name, optionally only (in)active ones.
 * @throws validation.failed — a malformed filter.
 */
export class ListServices {
  static readonly contract = contract;

  constructor(private readonly deps: ListServicesDeps) {}

  async execute(ctx: RequestContext, input: ListServicesInput = {}): Promise<readonly Service[]> {
    const { active } = checkInput(contract, input);
    return this.deps.uow.run(ctx, (repos) => repos.services.list({ active: active ?? null }));
  }
}
