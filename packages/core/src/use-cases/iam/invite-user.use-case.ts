import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import type { Role } from '../../access/roles.js';
import { Email, Text } from '../../contracts/schema-vocabulary.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { auditEntry, snapshot } from '../../domain/audit/audit-builder.js';
import { AddedMemberView, InvitationSentView, StaffRole } from '../../domain/iam/iam-schemas.js';
import type { Invitation, Membership, UserAccount } from '../../domain/identity/identity.js';
import { AppError } from '../../errors/app-error.js';
import { temporaryPassword } from '../identity/identity-policy.js';
import { assertMayManage, enqueueTemporaryPasswordMail, memberView, orgNameOf, type IamDeps } from './iam-support.js';
import { enqueueInvitation, invitationAudit, newManagedAccount, withNewToken, type InviteOutcome } from './invitation-support.js';

const contract = defineContract({
  name: 'InviteUser',
  input: Type.Object(
    {
      email: Email(),
      displayName: Type.Optional(Text(200, { description: "This org's name for the member (default: the email's local part)" })),
      role: StaffRole,
    },
    { additionalProperties: false },
  ),
  output: Type.Union([AddedMemberView, InvitationSentView], { $id: 'InviteOutcome' }),
});

export type InviteUserInput = ContractInput<typeof contract>;

/**
 * Adds a person (ADR 13; guide 000, "IAM onboarding operations"). A new address: an account
 * this org manages, with a temporary password returned once, and a mail saying so (carrying the
 * password only with EMAIL_TEMP_PASSWORDS). A deactivated member of this org: reactivated with
 * the role asked for. Any other existing account: an invitation, its token mailed through the
 * outbox (enqueued with it; `delivery` queued, or no_mail_transport without an email channel);
 * nothing is linked until its holder accepts, and the inviting org learns nothing the holder or
 * another org set (name, second factor, other orgs). Two orgs inviting a new address at once:
 * one creates the account, the other invites.
 * @throws validation.failed — bad email, name or role.
 * @throws iam.owner_only — an ADMIN inviting an OWNER.
 * @throws storage.conflict — already an active member here.
 */
export class InviteUser {
  static readonly contract = contract;

  constructor(private readonly deps: IamDeps) {}

  async execute(ctx: RequestContext, input: InviteUserInput): Promise<InviteOutcome> {
    const { email, displayName, role } = checkInput(contract, input);
    assertMayManage(ctx, null, role);
    const name = displayName ?? email.split('@')[0]!;
    const orgName = await orgNameOf(this.deps, ctx.orgId);
    const existing = await this.deps.users.findByEmail(email);
    if (existing === null) {
      try {
        return await this.createAccount(ctx, orgName, email, name, role);
      } catch (err) {
        // Another org created the account a moment ago: it is an existing account now.
        if (!(err instanceof AppError && err.code === 'storage.conflict')) throw err;
        const now = await this.deps.users.findByEmail(email);
        if (now === null) throw err;
        return this.inviteExisting(ctx, orgName, now, email, name, role);
      }
    }
    return this.inviteExisting(ctx, orgName, existing, email, name, role);
  }

  private async createAccount(ctx: RequestContext, orgName: string, email: string, displayName: string, role: Role): Promise<InviteOutcome> {
    const temporary = temporaryPassword(this.deps.tokens);
    const user = newManagedAccount(ctx.orgId, this.deps.ids.next(), email, displayName, await this.deps.hasher.hash(temporary), ctx.now);
    const membership: Membership = { id: this.deps.ids.next(), orgId: ctx.orgId, userId: user.id, role, displayName, deactivatedAt: null, createdAt: ctx.now, updatedAt: ctx.now };
    await this.deps.uow.run(ctx, async (repos) => {
      await repos.users.insert(user);
      await repos.memberships.insert(membership);
      const mail = await enqueueTemporaryPasswordMail(this.deps, repos, ctx, { template: 'account_created', user, toName: displayName, orgName, role, temporaryPassword: temporary });
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, {
          action: 'iam.user_invite',
          resourceType: 'user',
          resourceId: user.id,
          after: memberView({ user, membership }),
          metadata: { account_created: true, ...mail },
        }),
      );
    });
    return { kind: 'member', member: { user, membership }, temporaryPassword: temporary, reactivated: false };
  }

  private async inviteExisting(ctx: RequestContext, orgName: string, account: UserAccount, email: string, displayName: string, role: Role): Promise<InviteOutcome> {
    const outcome = await this.deps.uow.run(ctx, async (repos) => {
      const prior = await repos.memberships.findByUser(account.id);
      if (prior !== null) {
        if (prior.deactivatedAt === null) throw new AppError('storage.conflict', 'This person is already a member of the organisation', { details: { user_id: account.id } });
        // A former member comes back: the same membership, active again, with the role asked for.
        assertMayManage(ctx, prior, role);
        const user = (await repos.users.findById(account.id)) ?? account;
        const back: Membership = { ...prior, role, deactivatedAt: null, updatedAt: ctx.now };
        await repos.memberships.update(back);
        await repos.audit.append(
          auditEntry(ctx, this.deps.ids, {
            action: 'iam.user_reactivate',
            resourceType: 'user',
            resourceId: account.id,
            before: snapshot(memberView({ user, membership: prior })),
            after: snapshot(memberView({ user, membership: back })),
            metadata: { notification: 'none' },
          }),
        );
        return { kind: 'member' as const, member: { user, membership: back } };
      }
      // Re-inviting the same address refreshes the open invitation (new role, new token).
      const open = await repos.invitations.findOpenByEmail(email);
      const base: Invitation = open ?? {
        id: this.deps.ids.next(),
        orgId: ctx.orgId,
        email,
        role,
        displayName,
        tokenHash: '',
        invitedBy: ctx.actor.id,
        createdAt: ctx.now,
        updatedAt: ctx.now,
        expiresAt: ctx.now,
        acceptedAt: null,
        acceptedUserId: null,
        revokedAt: null,
      };
      const { invitation, token } = withNewToken(this.deps, { ...base, role, displayName, invitedBy: ctx.actor.id }, ctx.now);
      if (open === null) await repos.invitations.insert(invitation);
      else await repos.invitations.update(invitation);
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, {
          action: open === null ? 'iam.invitation_create' : 'iam.invitation_renew',
          resourceType: 'invitation',
          resourceId: invitation.id,
          after: invitationAudit(invitation),
        }),
      );
      return { kind: 'invitation' as const, invitation, delivery: await enqueueInvitation(this.deps, repos, ctx, orgName, invitation, token) };
    });
    if (outcome.kind === 'member') return { kind: 'member', member: outcome.member, temporaryPassword: null, reactivated: true };
    return outcome;
  }
}
