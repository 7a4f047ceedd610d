import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { Instant, Nullable, Text, Uuid } from '../../contracts/schema-vocabulary.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { auditEntry, snapshot } from '../../domain/audit/audit-builder.js';
import { MAX_BLACKOUT_DAYS, blackoutTarget, blackoutWindow } from '../../domain/scheduling/workforce-input.js';
import { BlackoutScopeSchema, BlackoutView } from '../../domain/scheduling/workforce-schemas.js';
import type { Blackout } from '../../domain/scheduling/workforce.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import { notFound, requireTeam } from '../scheduling/scheduling-support.js';

export interface CreateBlackoutDeps {
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
}

const contract = defineContract({
  name: 'CreateBlackout',
  input: Type.Object(
    {
      scope: Type.Optional(BlackoutScopeSchema),
      teamId: Type.Optional(Nullable(Uuid({ description: 'The team, for scope team' }))),
      workerId: Type.Optional(Nullable(Uuid({ description: 'The worker, for scope worker' }))),
      start: Instant(),
      end: Instant({ description: `After start, at most ${MAX_BLACKOUT_DAYS} days later (RFC 3339 date-time)` }),
      reason: Text(500, { description: 'Why (holiday, training, leave); withheld from viewers' }),
    },
    { additionalProperties: false },
  ),
  output: BlackoutView,
});

export type CreateBlackoutInput = ContractInput<typeof contract>;

/**
 * Blocks [start, end) for the whole org, a team or a worker: bookings are refused in it, existing
 * ones are left alone. Audited as `blackout.create`.
 * @throws validation.failed — a malformed field, end not after start or more than 366 days
 *   later, a team or worker blackout without its team or worker, an org-wide one naming either.
 * @throws team.not_found, worker.not_found — not the org's.
 */
export class CreateBlackout {
  static readonly contract = contract;

  constructor(private readonly deps: CreateBlackoutDeps) {}

  async execute(ctx: RequestContext, input: CreateBlackoutInput): Promise<Blackout> {
    const checked = checkInput(contract, input);
    const scope = checked.scope ?? 'org';
    const window = blackoutWindow(checked.start, checked.end);
    const { teamId, workerId } = blackoutTarget(scope, checked.teamId, checked.workerId);
    const blackout: Blackout = {
      id: this.deps.ids.next(),
      orgId: ctx.orgId,
      scope,
      teamId,
      workerId,
      startsAt: window.from,
      endsAt: window.to,
      reason: checked.reason,
      createdAt: ctx.now,
    };
    return this.deps.uow.run(ctx, async (repos) => {
      if (teamId !== null) await requireTeam(repos, teamId);
      if (workerId !== null && (await repos.workers.findById(workerId)) === null) throw notFound.worker(workerId);
      await repos.blackouts.insert(blackout);
      await repos.audit.append(auditEntry(ctx, this.deps.ids, { action: 'blackout.create', resourceType: 'blackout', resourceId: blackout.id, after: snapshot(blackout) }));
      return blackout;
    });
  }
}
