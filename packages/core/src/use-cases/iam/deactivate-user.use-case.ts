import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { Uuid } from '../../contracts/schema-vocabulary.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { MemberView } from '../../domain/iam/iam-schemas.js';
import { assertMayManage, assertNotLastOwner, changeMembership, loadMember, type IamDeps, type Member } from './iam-support.js';

const contract = defineContract({
  name: 'DeactivateUser',
  input: Type.Object({ id: Uuid({ description: "The member's account id" }) }, { additionalProperties: false }),
  output: MemberView,
});

export type DeactivateUserInput = ContractInput<typeof contract>;

/**
 * Deactivates a member: they can no longer sign in to this org; their sessions here end.
 * Idempotent. @throws validation.failed / identity.user_not_found / iam.owner_only / iam.last_owner
 */
export class DeactivateUser {
  static readonly contract = contract;

  constructor(private readonly deps: Pick<IamDeps, 'uow' | 'ids'>) {}

  async execute(ctx: RequestContext, input: DeactivateUserInput): Promise<Member> {
    const { id: userId } = checkInput(contract, input);
    return this.deps.uow.run(ctx, async (repos) => {
      const target = await loadMember(repos, userId);
      assertMayManage(ctx, target.membership, null);
      if (target.membership.deactivatedAt !== null) return target;
      await assertNotLastOwner(repos, target.membership);
      return changeMembership(repos, ctx, this.deps.ids, target, { ...target.membership, deactivatedAt: ctx.now, updatedAt: ctx.now }, 'iam.user_deactivate', 'deactivated');
    });
  }
}
