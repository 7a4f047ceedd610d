import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { WorkerSelfView } from '../../domain/scheduling/worker-portal-schemas.js';
import { workerView, type WorkerView } from '../../domain/scheduling/workforce-schemas.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import { portalWorker, type PortalSession } from './worker-portal-support.js';

export interface GetWorkerProfileDeps {
  readonly uow: UnitOfWork;
}

const contract = defineContract({ name: 'GetWorkerProfile', input: Type.Object({}, { additionalProperties: false }), output: WorkerSelfView });

export type GetWorkerProfileInput = ContractInput<typeof contract>;

/** The signed-in worker; open while the password is temporary (it says so). @throws auth.session_revoked */
export class GetWorkerProfile {
  static readonly contract = contract;

  constructor(private readonly deps: GetWorkerProfileDeps) {}

  async execute(ctx: RequestContext, session: PortalSession, input: GetWorkerProfileInput = {}): Promise<WorkerView> {
    checkInput(contract, input);
    return this.deps.uow.run(ctx, async (repos) => workerView(await portalWorker(repos, session, 'self')));
  }
}
