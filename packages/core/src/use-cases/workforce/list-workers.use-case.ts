import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { Uuid } from '../../contracts/schema-vocabulary.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { WholeList, WorkerView, workerView } from '../../domain/scheduling/workforce-schemas.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';

export interface ListWorkersDeps {
  readonly uow: UnitOfWork;
}

const contract = defineContract({
  name: 'ListWorkers',
  input: Type.Object(
    {
      teamId: Type.Optional(Uuid({ description: 'Only members of this team' })),
      active: Type.Optional(Type.Boolean({ description: 'Only active (true) or inactive (false) workers' })),
    },
    { additionalProperties: false },
  ),
  output: WholeList(WorkerView, 'WorkerList'),
});

export type ListWorkersInput = ContractInput<typeof contract>;

/**
 * The caller's org's workers, by name, optionally of one team or only (in)active ones.
 * @throws validation.failed — a malformed filter.
 */
export class ListWorkers {
  static readonly contract = contract;

  constructor(private readonly deps: ListWorkersDeps) {}

  async execute(ctx: RequestContext, input: ListWorkersInput = {}): Promise<readonly WorkerView[]> {
    const { teamId, active } = checkInput(contract, input);
    const workers = await this.deps.uow.run(ctx, (repos) => repos.workers.list({ teamId: teamId ?? null, active: active ?? null }));
    return workers.map(workerView);
  }
}
