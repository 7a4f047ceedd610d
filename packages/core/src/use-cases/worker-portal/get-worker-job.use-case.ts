import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { Uuid } from '../../contracts/schema-vocabulary.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { WorkerJobView } from '../../domain/scheduling/worker-portal-schemas.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import type { WorkerPortalOptions } from './worker-portal-options.js';
import { ownJob, portalWorker, toJobs, type PortalSession, type WorkerJob } from './worker-portal-support.js';

export interface GetWorkerJobDeps {
  readonly uow: UnitOfWork;
  readonly options: WorkerPortalOptions;
}

const contract = defineContract({ name: 'GetWorkerJob', input: Type.Object({ id: Uuid() }, { additionalProperties: false }), output: WorkerJobView });

export type GetWorkerJobInput = ContractInput<typeof contract>;

/**
 * One of the worker's own jobs (another worker's, a cancelled one or an unknown one is absent).
 * @throws validation.failed, booking.not_found, auth.session_revoked, auth.password_change_required
 */
export class GetWorkerJob {
  static readonly contract = contract;

  constructor(private readonly deps: GetWorkerJobDeps) {}

  async execute(ctx: RequestContext, session: PortalSession, input: GetWorkerJobInput): Promise<WorkerJob> {
    const { id } = checkInput(contract, input);
    return this.deps.uow.run(ctx, async (repos) => {
      const job = await ownJob(repos, await portalWorker(repos, session, 'full'), id);
      return (await toJobs(repos, [job], ctx.now, this.deps.options))[0]!;
    });
  }
}
