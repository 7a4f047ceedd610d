import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { PageOf } from '../../contracts/schema-vocabulary.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { MemberView } from '../../domain/iam/iam-schemas.js';
import type { Page } from '../../domain/shared/pagination.js';
import type { IamDeps, Member } from './iam-support.js';

const contract = defineContract({
  name: 'ListUsers',
  input: Type.Object({}, { additionalProperties: false }),
  output: PageOf(MemberView, { $id: 'MemberPage', description: 'The whole staff list in one page (there is no next page)' }),
});

export type ListUsersInput = ContractInput<typeof contract>;

/**
 * Members of the org with their role and status, oldest first, deactivated ones included: the
 * whole list in one page (an org has tens of members, not thousands).
 */
export class ListUsers {
  static readonly contract = contract;

  constructor(private readonly deps: Pick<IamDeps, 'uow'>) {}

  async execute(ctx: RequestContext, input: ListUsersInput = {}): Promise<Page<Member>> {
    checkInput(contract, input);
    const items = await this.deps.uow.run(ctx, (repos) => repos.memberships.list());
    return { items, nextCursor: null };
  }
}
