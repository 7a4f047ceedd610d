import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { Uuid } from '../../contracts/schema-vocabulary.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { auditEntry } from '../../domain/audit/audit-builder.js';
import { assertMayManage, loadMember, type IamDeps } from './iam-support.js';

const contract = defineContract({
  name: 'LogoutUser',
  input: Type.Object({ id: Uuid({ description: "The member's account id" }) }, { additionalProperties: false }),
  output: Type.Object({ id: Type.String({ format: 'uuid' }), sessionsEnded: Type.Integer({ minimum: 0 }) }, { additionalProperties: false, $id: 'SessionsEnded' }),
});

export type LogoutUserInput = ContractInput<typeof contract>;

/**
 * Ends every session of a member in this org (a suspected credential leak); their sessions in
 * other orgs live on. @throws validation.failed / identity.user_not_found / iam.owner_only
 */
export class LogoutUser {
  static readonly contract = contract;

  constructor(private readonly deps: Pick<IamDeps, 'uow' | 'ids'>) {}

  async execute(ctx: RequestContext, input: LogoutUserInput): Promise<{ id: string; sessionsEnded: number }> {
    const { id: userId } = checkInput(contract, input);
    return this.deps.uow.run(ctx, async (repos) => {
      const target = await loadMember(repos, userId);
      assertMayManage(ctx, target.membership, null);
      const ended = await repos.sessions.revokeAllOfUser(userId, ctx.now, 'logout_by_admin');
      await repos.audit.append(auditEntry(ctx, this.deps.ids, { action: 'iam.user_logout', resourceType: 'user', resourceId: userId, metadata: { sessions_ended: ended } }));
      return { id: userId, sessionsEnded: ended };
    });
  }
}
