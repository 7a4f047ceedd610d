import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { Uuid } from '../../contracts/schema-vocabulary.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { auditEntry, snapshot } from '../../domain/audit/audit-builder.js';
import { TeamName, TeamView } from '../../domain/scheduling/workforce-schemas.js';
import type { Team } from '../../domain/scheduling/workforce.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import { requireTeam } from '../scheduling/scheduling-support.js';

export interface UpdateTeamDeps {
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
}

const contract = defineContract({
  name: 'UpdateTeam',
  input: Type.Object(
    {
      id: Uuid(),
      name: Type.Optional(TeamName),
      active: Type.Optional(Type.Boolean({ description: 'false: the team cannot be given new bookings; its existing bookings stay' })),
    },
    { additionalProperties: false, minProperties: 2, description: 'At least one field besides the id' },
  ),
  output: TeamView,
});

export type UpdateTeamInput = ContractInput<typeof contract>;

/**
 * Renames a team or (de)activates it; fields not given keep their value. Audited as
 * `team.update` with before and after.
 * @throws validation.failed — a malformed id or field, or nothing to change.
 * @throws team.not_found — no such team in this org.
 */
export class UpdateTeam {
  static readonly contract = contract;

  constructor(private readonly deps: UpdateTeamDeps) {}

  async execute(ctx: RequestContext, input: UpdateTeamInput): Promise<Team> {
    const { id, name, active } = checkInput(contract, input);
    return this.deps.uow.run(ctx, async (repos) => {
      const before = await requireTeam(repos, id);
      const after: Team = { ...before, ...(name !== undefined ? { name } : {}), ...(active !== undefined ? { active } : {}), updatedAt: ctx.now };
      await repos.teams.update(after);
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, { action: 'team.update', resourceType: 'team', resourceId: id, before: snapshot(before), after: snapshot(after) }),
      );
      return after;
    });
  }
}
