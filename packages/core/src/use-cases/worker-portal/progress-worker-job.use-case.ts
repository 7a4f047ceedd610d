import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { OneOf, Uuid } from '../../contracts/schema-vocabulary.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { auditEntry, snapshot } from '../../domain/audit/audit-builder.js';
import type { Booking } from '../../domain/scheduling/booking.js';
import { WorkerJobView } from '../../domain/scheduling/worker-portal-schemas.js';
import { toZonedIso } from '../../domain/scheduling/zoned-time.js';
import { AppError } from '../../errors/app-error.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import { transition } from '../bookings/booking-support.js';
import type { WorkerPortalOptions } from './worker-portal-options.js';
import { WORKER_ACTIONS, asWorker, ownJob, portalWorker, startableFrom, toJob, toJobs, type PortalSession, type WorkerAction, type WorkerJob } from './worker-portal-support.js';

export interface ProgressWorkerJobDeps {
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
  readonly options: WorkerPortalOptions;
}

const contract = defineContract({
  name: 'ProgressWorkerJob',
  input: Type.Object(
    { id: Uuid(), to: OneOf(['in_progress', 'completed'], { description: 'in_progress: start the job; completed: complete it' }) },
    { additionalProperties: false },
  ),
  output: WorkerJobView,
});

export type ProgressWorkerJobInput = ContractInput<typeof contract>;

const ACTION_OF: Readonly<Record<ProgressWorkerJobInput['to'], WorkerAction>> = { in_progress: 'start', completed: 'complete' };

/**
 * Starts (confirmed → in_progress) or completes (in_progress → completed) one of the worker's
 * jobs, stamping the time; audited with the worker as actor. A job can be started from its start
 * less the start window on (WORKER_JOB_START_WINDOW_MINUTES), not hours or days ahead.
 * @throws validation.failed, booking.not_found, auth.session_revoked, auth.password_change_required
 * @throws booking.invalid_transition — not a move a worker may make from the job's status (the
 *   error lists the ones they may: `allowed_actions`).
 * @throws booking.too_early_to_start — the start window has not opened (the error says when it does).
 */
export class ProgressWorkerJob {
  static readonly contract = contract;

  constructor(private readonly deps: ProgressWorkerJobDeps) {}

  async execute(ctx: RequestContext, session: PortalSession, input: ProgressWorkerJobInput): Promise<WorkerJob> {
    const { id, to } = checkInput(contract, input);
    const action = ACTION_OF[to];
    const actorCtx = asWorker(ctx, session);
    return this.deps.uow.run(actorCtx, async (repos) => {
      const worker = await portalWorker(repos, session, 'full');
      const before = await ownJob(repos, worker, id, true);
      this.assertAllowed(before, action, ctx.now);
      const after: Booking = { ...transition(before, to, ctx.now, null), updatedAt: ctx.now };
      await repos.bookings.update(after);
      await repos.audit.append(
        auditEntry(actorCtx, this.deps.ids, {
          action: `booking.status.${to}`,
          resourceType: 'booking',
          resourceId: id,
          before: snapshot(before),
          after: snapshot(after),
          metadata: { via: 'worker_portal' },
        }),
      );
      return (await toJobs(repos, [after], ctx.now, this.deps.options))[0]!;
    });
  }

  private assertAllowed(booking: Booking, action: WorkerAction, now: Date): void {
    const allowed = toJob(booking, undefined, now, this.deps.options).allowedActions;
    if (!WORKER_ACTIONS[booking.status].includes(action)) {
      const may = allowed.length === 0 ? 'there is nothing you can do with it now' : `you may ${allowed.join(' or ')} it`;
      throw new AppError('booking.invalid_transition', `A ${booking.status} job cannot be ${action === 'start' ? 'started' : 'completed'}: ${may}`, {
        details: { booking_id: booking.id, from: booking.status, action, allowed_actions: allowed },
      });
    }
    const from = startableFrom(booking, this.deps.options);
    if (action === 'start' && now < from) {
      // On the booking's wall clock, as the worker reads the job.
      const local = toZonedIso(from, booking.timeZone);
      throw new AppError('booking.too_early_to_start', `This job starts at ${toZonedIso(booking.startsAt, booking.timeZone)}; you can start it from ${local}`, {
        details: {
          booking_id: booking.id,
          starts_at: booking.startsAt.toISOString(),
          can_start_from: from.toISOString(),
          local_can_start_from: local,
          start_window_minutes: this.deps.options.jobStartWindowMinutes,
          allowed_actions: allowed,
        },
      });
    }
  }
}
