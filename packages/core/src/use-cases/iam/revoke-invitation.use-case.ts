import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { Uuid } from '../../contracts/schema-vocabulary.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { auditEntry } from '../../domain/audit/audit-builder.js';
import { InvitationStatusView } from '../../domain/iam/iam-schemas.js';
import { invitationStatus, type Invitation } from '../../domain/identity/identity.js';
import { AppError } from '../../errors/app-error.js';
import { assertMayManage, type IamDeps } from './iam-support.js';
import { invitationAudit, invitationNotFound, type InvitationView } from './invitation-support.js';

const contract = defineContract({
  name: 'RevokeInvitation',
  input: Type.Object({ id: Uuid({ description: "The invitation's id" }) }, { additionalProperties: false }),
  output: InvitationStatusView,
});

export type RevokeInvitationInput = ContractInput<typeof contract>;

/**
 * Withdraws an invitation that was not accepted: its token stops working. Idempotent.
 * @throws validation.failed — the id is not a UUID.
 * @throws iam.invitation_not_found / iam.invitation_closed (already accepted) / iam.owner_only
 */
export class RevokeInvitation {
  static readonly contract = contract;

  constructor(private readonly deps: Pick<IamDeps, 'uow' | 'ids'>) {}

  async execute(ctx: RequestContext, input: RevokeInvitationInput): Promise<InvitationView> {
    const { id } = checkInput(contract, input);
    const invitation = await this.deps.uow.run(ctx, async (repos) => {
      const found = await repos.invitations.findById(id, { forUpdate: true });
      if (found === null) throw invitationNotFound(id);
      assertMayManage(ctx, null, found.role);
      if (found.acceptedAt !== null) throw new AppError('iam.invitation_closed', 'The invitation was already accepted; deactivate the member instead', { details: { invitation_id: id } });
      if (found.revokedAt !== null) return found;
      const revoked: Invitation = { ...found, revokedAt: ctx.now, updatedAt: ctx.now };
      await repos.invitations.update(revoked);
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, { action: 'iam.invitation_revoke', resourceType: 'invitation', resourceId: id, before: invitationAudit(found) }),
      );
      return revoked;
    });
    return { invitation, status: invitationStatus(invitation, ctx.now) };
  }
}
