import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { Uuid } from '../../contracts/schema-vocabulary.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { WorkerView, workerView } from '../../domain/scheduling/workforce-schemas.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import { notFound } from '../scheduling/scheduling-support.js';

export interface GetWorkerDeps {
  readonly uow: UnitOfWork;
}

const contract = defineContract({ name: 'GetWorker', input: Type.Object({ id: Uuid() }, { additionalProperties: false }), output: WorkerView });

export type GetWorkerInput = ContractInput<typeof contract>;

/**
 * One worker of the caller's org.
 * @throws validation.failed — the id is not a UUID.
 * @throws worker.not_found — no such worker in this org (also for another org's worker).
 */
export class GetWorker {
  static readonly contract = contract;

  constructor(private readonly deps: GetWorkerDeps) {}

  async execute(ctx: RequestContext, input: GetWorkerInput): Promise<WorkerView> {
    const { id } = checkInput(contract, input);
    const worker = await this.deps.uow.run(ctx, (repos) => repos.workers.findById(id));
    if (worker === null) throw notFound.worker(id);
    return workerView(worker);
  }
}
