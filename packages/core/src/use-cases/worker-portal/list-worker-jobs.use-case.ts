import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { Int, OneOf } from '../../contracts/schema-vocabulary.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { WorkerJobView } from '../../domain/scheduling/worker-portal-schemas.js';
import { WholeList } from '../../domain/scheduling/workforce-schemas.js';
import { localDateOf, localDayBounds } from '../../domain/scheduling/zoned-time.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import { orgZone } from '../scheduling/scheduling-support.js';
import type { WorkerPortalOptions } from './worker-portal-options.js';
import { VISIBLE, portalWorker, toJobs, type PortalSession, type WorkerJob } from './worker-portal-support.js';

export interface ListWorkerJobsDeps {
  readonly uow: UnitOfWork;
  readonly options: WorkerPortalOptions;
}

const contract = defineContract({
  name: 'ListWorkerJobs',
  input: Type.Object(
    {
      scope: Type.Optional(OneOf(['today', 'upcoming'], { description: 'today: the org’s local day; upcoming (default): from now, `days` ahead' })),
      days: Type.Optional(Int(1, 60, { description: 'How far ahead upcoming looks (default 14)' })),
    },
    { additionalProperties: false },
  ),
  output: WholeList(WorkerJobView, 'WorkerJobList'),
});

export type ListWorkerJobsInput = ContractInput<typeof contract>;

/**
 * The worker's jobs: `today` (the org's local day) or `upcoming` (from now, `days` ahead,
 * default 14, at most 60), by start. Cancelled and no-show jobs are left out.
 * @throws validation.failed, auth.session_revoked, auth.password_change_required
 */
export class ListWorkerJobs {
  static readonly contract = contract;

  constructor(private readonly deps: ListWorkerJobsDeps) {}

  async execute(ctx: RequestContext, session: PortalSession, input: ListWorkerJobsInput = {}): Promise<readonly WorkerJob[]> {
    const checked = checkInput(contract, input);
    const scope = checked.scope ?? 'upcoming';
    const days = checked.days ?? 14;
    return this.deps.uow.run(ctx, async (repos) => {
      const worker = await portalWorker(repos, session, 'full');
      const { timeZone } = await orgZone(repos);
      const bounds = localDayBounds(localDateOf(ctx.now, timeZone), timeZone);
      const window = scope === 'today' ? { from: bounds.start, to: bounds.end } : { from: ctx.now, to: new Date(ctx.now.getTime() + days * 86_400_000) };
      const bookings = await repos.bookings.list({
        window,
        statuses: VISIBLE,
        workerId: worker.id,
        teamId: null,
        clientId: null,
        seriesId: null,
        unassignedOnly: false,
        after: null,
        limit: 500,
      });
      return toJobs(repos, bookings, ctx.now, this.deps.options);
    });
  }
}
