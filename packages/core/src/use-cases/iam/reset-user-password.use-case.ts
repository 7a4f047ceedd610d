import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { Uuid } from '../../contracts/schema-vocabulary.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { auditEntry } from '../../domain/audit/audit-builder.js';
import { orgManagesCredentials } from '../../domain/identity/identity.js';
import { selfManagedAccount, temporaryPassword } from '../identity/identity-policy.js';
import { endSessionsInOtherOrgs } from '../identity/session-support.js';
import { assertMayManage, enqueueTemporaryPasswordMail, loadMember, orgNameOf, type IamDeps } from './iam-support.js';

const contract = defineContract({
  name: 'ResetUserPassword',
  input: Type.Object({ id: Uuid({ description: "The member's account id" }) }, { additionalProperties: false }),
  output: Type.Object(
    {
      id: Type.String({ format: 'uuid' }),
      temporaryPassword: Type.String({ description: 'Shown in this answer only; must be changed at the next sign-in' }),
      mustChangePassword: Type.Literal(true),
    },
    { additionalProperties: false, $id: 'TemporaryPassword' },
  ),
});

export type ResetUserPasswordInput = ContractInput<typeof contract>;

/**
 * Sets a new temporary password (returned once; must be changed at next sign-in), ends the
 * user's sessions, and mails the member that it was reset (with the password itself only under
 * EMAIL_TEMP_PASSWORDS), the mail enqueued in the same unit of work. Only on an account this org manages: an account that belongs to another org
 * too, or whose holder took it over, is reset by its holder alone (emailed link).
 * @throws validation.failed — the id is not a UUID.
 * @throws identity.user_not_found / iam.owner_only / iam.self_managed_account
 */
export class ResetUserPassword {
  static readonly contract = contract;

  constructor(private readonly deps: IamDeps) {}

  async execute(ctx: RequestContext, input: ResetUserPasswordInput): Promise<{ id: string; temporaryPassword: string; mustChangePassword: true }> {
    const { id: userId } = checkInput(contract, input);
    const temporary = temporaryPassword(this.deps.tokens);
    const passwordHash = await this.deps.hasher.hash(temporary);
    const orgName = await orgNameOf(this.deps, ctx.orgId);
    await this.deps.uow.run(ctx, async (repos) => {
      const target = await loadMember(repos, userId);
      assertMayManage(ctx, target.membership, null);
      if (!orgManagesCredentials(target.user, ctx.orgId)) throw selfManagedAccount(userId);
      await repos.users.patch(userId, { passwordHash, mustChangePassword: true, passwordChangedAt: ctx.now, updatedAt: ctx.now });
      const ended = await repos.sessions.revokeAllOfUser(userId, ctx.now, 'password_reset');
      const mail = await enqueueTemporaryPasswordMail(this.deps, repos, ctx, {
        template: 'password_reset_by_admin',
        user: target.user,
        toName: target.membership.displayName,
        orgName,
        temporaryPassword: temporary,
      });
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, {
          action: 'iam.password_reset',
          resourceType: 'user',
          resourceId: userId,
          metadata: { sessions_ended: ended, ...mail },
        }),
      );
    });
    // A managed account has no other org; should one exist, its sessions end too.
    await endSessionsInOtherOrgs(this.deps, ctx, userId, 'password_reset');
    return { id: userId, temporaryPassword: temporary, mustChangePassword: true };
  }
}
