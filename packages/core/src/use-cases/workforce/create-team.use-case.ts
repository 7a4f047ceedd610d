import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { auditEntry, snapshot } from '../../domain/audit/audit-builder.js';
import { TeamName, TeamView } from '../../domain/scheduling/workforce-schemas.js';
import type { Team } from '../../domain/scheduling/workforce.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';

export interface CreateTeamDeps {
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
}

const contract = defineContract({
  name: 'CreateTeam',
  input: Type.Object({ name: TeamName }, { additionalProperties: false }),
  output: TeamView,
});

export type CreateTeamInput = ContractInput<typeof contract>;

/**
 * A new, active team in the caller's org; audited as `team.create`.
 * @throws validation.failed — the name is missing, blank or longer than 120 characters.
 */
export class CreateTeam {
  static readonly contract = contract;

  constructor(private readonly deps: CreateTeamDeps) {}

  async execute(ctx: RequestContext, input: CreateTeamInput): Promise<Team> {
    const { name } = checkInput(contract, input);
    const team: Team = { id: this.deps.ids.next(), orgId: ctx.orgId, name, active: true, createdAt: ctx.now, updatedAt: ctx.now };
    return this.deps.uow.run(ctx, async (repos) => {
      await repos.teams.insert(team);
      await repos.audit.append(auditEntry(ctx, this.deps.ids, { action: 'team.create', resourceType: 'team', resourceId: team.id, after: snapshot(team) }));
      return team;
    });
  }
}
