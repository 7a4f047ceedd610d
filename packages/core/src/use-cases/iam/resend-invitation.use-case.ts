import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { Uuid } from '../../contracts/schema-vocabulary.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { auditEntry } from '../../domain/audit/audit-builder.js';
import { InvitationSentView } from '../../domain/iam/iam-schemas.js';
import { invitationStatus } from '../../domain/identity/identity.js';
import { AppError } from '../../errors/app-error.js';
import { assertMayManage, orgNameOf, type IamDeps } from './iam-support.js';
import { enqueueInvitation, invitationAudit, invitationNotFound, withNewToken, type Delivery, type InvitationView } from './invitation-support.js';

const contract = defineContract({
  name: 'ResendInvitation',
  input: Type.Object({ id: Uuid({ description: "The invitation's id" }) }, { additionalProperties: false }),
  output: InvitationSentView,
});

export type ResendInvitationInput = ContractInput<typeof contract>;

/**
 * Mails a fresh token for an open invitation (the old token stops working) with a new expiry: the
 * mail is enqueued with the new token's hash (`delivery` queued), or not at all without an email
 * channel (no_mail_transport).
 * @throws validation.failed — the id is not a UUID.
 * @throws iam.invitation_not_found / iam.invitation_closed (accepted or revoked) / iam.owner_only
 */
export class ResendInvitation {
  static readonly contract = contract;

  constructor(private readonly deps: IamDeps) {}

  async execute(ctx: RequestContext, input: ResendInvitationInput): Promise<InvitationView & { delivery: Delivery }> {
    const { id } = checkInput(contract, input);
    const orgName = await orgNameOf(this.deps, ctx.orgId);
    return this.deps.uow.run(ctx, async (repos) => {
      const found = await repos.invitations.findById(id, { forUpdate: true });
      if (found === null) throw invitationNotFound(id);
      assertMayManage(ctx, null, found.role);
      if (found.acceptedAt !== null || found.revokedAt !== null) {
        throw new AppError('iam.invitation_closed', 'The invitation was already accepted or revoked; invite again instead', { details: { invitation_id: id } });
      }
      const renewed = withNewToken(this.deps, found, ctx.now);
      await repos.invitations.update(renewed.invitation);
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, { action: 'iam.invitation_resend', resourceType: 'invitation', resourceId: id, after: invitationAudit(renewed.invitation) }),
      );
      const delivery = await enqueueInvitation(this.deps, repos, ctx, orgName, renewed.invitation, renewed.token);
      return { invitation: renewed.invitation, status: invitationStatus(renewed.invitation, ctx.now), delivery };
    });
  }
}
