import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { Uuid } from '../../contracts/schema-vocabulary.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { MemberView, StaffRole } from '../../domain/iam/iam-schemas.js';
import { assertMayManage, assertNotLastOwner, changeMembership, loadMember, type IamDeps, type Member } from './iam-support.js';

const contract = defineContract({
  name: 'ChangeUserRole',
  input: Type.Object({ id: Uuid({ description: "The member's account id" }), role: StaffRole }, { additionalProperties: false }),
  output: MemberView,
});

export type ChangeUserRoleInput = ContractInput<typeof contract>;

/**
 * Changes a member's role and ends their sessions here (tokens carry the role). The same role
 * again changes nothing.
 * @throws validation.failed / identity.user_not_found / iam.owner_only / iam.last_owner
 */
export class ChangeUserRole {
  static readonly contract = contract;

  constructor(private readonly deps: Pick<IamDeps, 'uow' | 'ids'>) {}

  async execute(ctx: RequestContext, input: ChangeUserRoleInput): Promise<Member> {
    const { id: userId, role } = checkInput(contract, input);
    return this.deps.uow.run(ctx, async (repos) => {
      const target = await loadMember(repos, userId);
      assertMayManage(ctx, target.membership, role);
      if (target.membership.role === role) return target;
      if (role !== 'owner') await assertNotLastOwner(repos, target.membership);
      return changeMembership(repos, ctx, this.deps.ids, target, { ...target.membership, role, updatedAt: ctx.now }, 'iam.role_change', 'role_changed');
    });
  }
}
