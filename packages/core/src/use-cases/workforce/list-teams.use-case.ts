import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { TeamView, WholeList } from '../../domain/scheduling/workforce-schemas.js';
import type { Team } from '../../domain/scheduling/workforce.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';

export interface ListTeamsDeps {
  readonly uow: UnitOfWork;
}

const contract = defineContract({
  name: 'ListTeams',
  input: Type.Object({}, { additionalProperties: false }),
  output: WholeList(TeamView, 'TeamList'),
});

export type ListTeamsInput = ContractInput<typeof contract>;

/** Every team of the caller's org (active or not), by name. */
export class ListTeams {
  static readonly contract = contract;

  constructor(private readonly deps: ListTeamsDeps) {}

  async execute(ctx: RequestContext, input: ListTeamsInput = {}): Promise<readonly Team[]> {
    checkInput(contract, input);
    return this.deps.uow.run(ctx, (repos) => repos.teams.list());
  }
}
