/**
 * Adding people to an org (ADR 13). An address with no account gets a new account the org
 * manages, with a temporary password shown once (guide 000, "IAM onboarding operations"). An
 * address that already has an account gets an invitation: nothing is linked until the holder
 * accepts it with the token emailed to that address — proving they control it. The inviting
 * org learns nothing the holder or another org set (name, second factor, other orgs). Accepting
 * an account an org manages replaces its credentials, since that org could know them.
 */
import { tenantContextFor, type RequestContext, type SystemContext } from '../../context.js';
import { ROLES, type Role } from '../../access/roles.js';
import { auditEntry, snapshot } from '../../domain/audit/audit-builder.js';
import { invitationStatus, type Invitation, type Membership, type UserAccount } from '../../domain/identity/identity.js';
import { normaliseEmail } from '../../domain/shared/contact.js';
import { InputChecks } from '../../domain/shared/input-checks.js';
import { AppError } from '../../errors/app-error.js';
import type { AccountMessage } from '../../ports/account-mailer.port.js';
import type { UserChanges } from '../../ports/identity-repositories.port.js';
import {
  TOKEN_REDEMPTIONS_BY_IP,
  checkNewPassword,
  minutes,
  parseScopedToken,
  passwordContext,
  reserveAttempt,
  temporaryPassword,
} from '../identity/identity-policy.js';
import { endSessionsInOtherOrgs, proveCurrentPassword } from '../identity/session-actions.use-case.js';
import { proveSecondFactor, type CredentialDeps } from '../identity/sign-in.use-case.js';
import { assertMayManage, memberView, notificationIntent, type IamDeps, type Member } from './iam.use-case.js';

/** How the emailed token fared: sent, no mail transport configured (it stays pending), or the transport failed (resend). */
export type Delivery = 'sent' | 'no_mail_transport' | 'failed';

export type InviteOutcome =
  | { readonly kind: 'member'; readonly member: Member; readonly temporaryPassword: string | null; readonly reactivated: boolean }
  | { readonly kind: 'invitation'; readonly invitation: Invitation; readonly delivery: Delivery };

export interface InvitationView {
  readonly invitation: Invitation;
  readonly status: ReturnType<typeof invitationStatus>;
}

const invitationNotFound = (id: string) => new AppError('iam.invitation_not_found', `No invitation ${id} in this organisation`, { details: { invitation_id: id } });
const tokenInvalid = () => new AppError('auth.token_invalid', 'The invitation is not valid: it may have expired, been revoked or been used already');

/** What the org's audit keeps of an invitation: what the org itself typed. */
function invitationAudit(i: Invitation) {
  return { invitation_id: i.id, email: i.email, role: i.role, display_name: i.displayName, expires_at: i.expiresAt.toISOString() };
}

/** A fresh token for `invitation` (new secret, new expiry); only the hash is stored. */
function withNewToken(deps: Pick<IamDeps, 'tokens' | 'options'>, invitation: Invitation, now: Date): { invitation: Invitation; token: string } {
  const secret = deps.tokens.random(32);
  return {
    token: `${invitation.orgId}.${secret}`,
    invitation: { ...invitation, tokenHash: deps.tokens.hash(secret), updatedAt: now, expiresAt: new Date(now.getTime() + minutes(deps.options.invitationTtlHours * 60)) },
  };
}

/** Emails the token; a store without a transport (or a failing one) leaves the invitation pending. */
async function deliver(deps: Pick<IamDeps, 'mailer' | 'orgs'>, invitation: Invitation, token: string): Promise<Delivery> {
  const org = await deps.orgs.findById(invitation.orgId);
  const message: AccountMessage = {
    kind: 'invitation',
    to: invitation.email,
    orgId: invitation.orgId,
    orgName: org?.name ?? '',
    role: invitation.role,
    token,
    expiresAt: invitation.expiresAt,
  };
  try {
    return (await deps.mailer.send(message)).delivered ? 'sent' : 'no_mail_transport';
  } catch {
    return 'failed';
  }
}

/**
 * Adds a person. A new address: an account this org manages, with a temporary password returned
 * once. A deactivated member of this org: reactivated with the role asked for. Any other
 * existing account: an invitation, emailed to the address; nothing is linked until its holder
 * accepts. Two orgs inviting a new address at once: one creates the account, the other invites.
 * @throws validation.failed — bad email, name or role.
 * @throws iam.owner_only — an ADMIN inviting an OWNER.
 * @throws storage.conflict — already an active member here.
 */
export class InviteUser {
  constructor(private readonly deps: IamDeps) {}

  async execute(ctx: RequestContext, input: { email: unknown; displayName?: unknown; role: unknown }): Promise<InviteOutcome> {
    const checks = new InputChecks();
    const email = normaliseEmail(checks, '/email', input.email);
    if (email === null || email === undefined) checks.fail('/email', 'is required');
    const role = checks.oneOf('/role', input.role, ROLES);
    const displayName = input.displayName === undefined || input.displayName === null ? null : checks.text('/displayName', input.displayName, { min: 1, max: 200 });
    checks.throwIfAny();
    assertMayManage(ctx, null, role!);
    const name = displayName ?? email!.split('@')[0]!;
    const existing = await this.deps.users.findByEmail(email!);
    if (existing === null) {
      try {
        return await this.createAccount(ctx, email!, name, role!);
      } catch (err) {
        // Another org created the account a moment ago: it is an existing account now.
        if (!(err instanceof AppError && err.code === 'storage.conflict')) throw err;
        const now = await this.deps.users.findByEmail(email!);
        if (now === null) throw err;
        return this.inviteExisting(ctx, now, email!, name, role!);
      }
    }
    return this.inviteExisting(ctx, existing, email!, name, role!);
  }

  private async createAccount(ctx: RequestContext, email: string, displayName: string, role: Role): Promise<InviteOutcome> {
    const temporary = temporaryPassword(this.deps.tokens);
    const user = newManagedAccount(ctx.orgId, this.deps.ids.next(), email, displayName, await this.deps.hasher.hash(temporary), ctx.now);
    const membership: Membership = { id: this.deps.ids.next(), orgId: ctx.orgId, userId: user.id, role, displayName, deactivatedAt: null, createdAt: ctx.now, updatedAt: ctx.now };
    await this.deps.uow.run(ctx, async (repos) => {
      await repos.users.insert(user);
      await repos.memberships.insert(membership);
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, {
          action: 'iam.user_invite',
          resourceType: 'user',
          resourceId: user.id,
          after: memberView({ user, membership }),
          metadata: { account_created: true, ...notificationIntent(this.deps.options, true) },
        }),
      );
    });
    return { kind: 'member', member: { user, membership }, temporaryPassword: temporary, reactivated: false };
  }

  private async inviteExisting(ctx: RequestContext, account: UserAccount, email: string, displayName: string, role: Role): Promise<InviteOutcome> {
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
            metadata: { notification: 'membership_notice' },
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
      return { kind: 'invitation' as const, invitation, token };
    });
    if (outcome.kind === 'member') return { kind: 'member', member: outcome.member, temporaryPassword: null, reactivated: true };
    return { kind: 'invitation', invitation: outcome.invitation, delivery: await deliver(this.deps, outcome.invitation, outcome.token) };
  }
}

/** A new account `orgId` manages: its address unproven, its password a temporary one (or chosen at bootstrap). */
export function newManagedAccount(orgId: string, id: string, email: string, displayName: string, passwordHash: string, now: Date, mustChangePassword = true): UserAccount {
  return {
    id,
    email,
    displayName,
    managedByOrgId: orgId,
    emailVerifiedAt: null,
    resetTokenHash: null,
    resetTokenPurpose: null,
    resetTokenExpiresAt: null,
    passwordHash,
    mustChangePassword,
    passwordChangedAt: now,
    totpSecretSealed: null,
    totpPendingSecretSealed: null,
    totpEnabledAt: null,
    totpLastStep: null,
    recoveryCodeHashes: [],
    createdAt: now,
    updatedAt: now,
  };
}

/** The org's invitations, newest first, with their status now. */
export class ListInvitations {
  constructor(private readonly deps: Pick<IamDeps, 'uow'>) {}

  async execute(ctx: RequestContext): Promise<readonly InvitationView[]> {
    const all = await this.deps.uow.run(ctx, (repos) => repos.invitations.list());
    return all.map((invitation) => ({ invitation, status: invitationStatus(invitation, ctx.now) }));
  }
}

function checkInvitationId(input: { invitationId: unknown }): string {
  const checks = new InputChecks();
  const id = checks.uuid('/invitationId', input.invitationId);
  checks.throwIfAny();
  return id;
}

/**
 * Withdraws an invitation that was not accepted: its token stops working. Idempotent.
 * @throws iam.invitation_not_found / iam.invitation_closed (already accepted) / iam.owner_only
 */
export class RevokeInvitation {
  constructor(private readonly deps: Pick<IamDeps, 'uow' | 'ids'>) {}

  async execute(ctx: RequestContext, input: { invitationId: unknown }): Promise<InvitationView> {
    const id = checkInvitationId(input);
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

/**
 * Emails a fresh token for an open invitation (the old token stops working) with a new expiry.
 * @throws iam.invitation_not_found / iam.invitation_closed (accepted or revoked) / iam.owner_only
 */
export class ResendInvitation {
  constructor(private readonly deps: IamDeps) {}

  async execute(ctx: RequestContext, input: { invitationId: unknown }): Promise<InvitationView & { delivery: Delivery }> {
    const id = checkInvitationId(input);
    const { invitation, token } = await this.deps.uow.run(ctx, async (repos) => {
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
      return renewed;
    });
    return { invitation, status: invitationStatus(invitation, ctx.now), delivery: await deliver(this.deps, invitation, token) };
  }
}

export interface AcceptInvitationInput {
  /** The emailed token, `<org id>.<secret>`. */
  readonly token: unknown;
  /** The account's current password (an account its holder manages). */
  readonly password?: unknown;
  /** A password of the holder's choosing (an account an org manages: its old one may be known to that org). */
  readonly newPassword?: unknown;
  readonly totpCode?: unknown;
  readonly recoveryCode?: unknown;
  readonly clientIp: string | null;
}

export interface AcceptedInvitation {
  readonly orgId: string;
  readonly userId: string;
  readonly email: string;
  readonly role: Role;
  /** The account's credentials were replaced (it was managed by an org): every other session ended. */
  readonly credentialsReplaced: boolean;
}

/**
 * The holder of an address accepts an org's invitation with the emailed token — the proof that
 * they control the address — and becomes a member with the role offered.
 * - An account an org manages (its password was set through an org, which may know it): the
 *   holder chooses a new password; the old password, any second factor and recovery codes are
 *   cleared, every session of the account in every org ends, and from now on only the holder
 *   manages its credentials.
 * - An account its holder manages: the current password (and the second factor, when on) proves
 *   it is theirs; nothing about it changes but the new membership.
 * Sign in afterwards with the org's id. The token works once.
 * @throws auth.token_invalid — unknown, expired, revoked or used token.
 * @throws validation.failed — the password needed is missing, wrong, or (new) too weak.
 * @throws auth.mfa_required — the account has a second factor and no valid code was sent.
 * @throws request.rate_limited — too many attempts.
 */
export class AcceptInvitation {
  constructor(private readonly deps: CredentialDeps) {}

  async execute(attempt: { requestId: string; now: Date }, input: AcceptInvitationInput): Promise<AcceptedInvitation> {
    const { deps } = this;
    const parsed = parseScopedToken(input.token);
    if (parsed === null) throw tokenInvalid();
    const redemption = await reserveAttempt(deps.limiter, input.clientIp === null ? [] : [{ bucket: TOKEN_REDEMPTIONS_BY_IP, key: input.clientIp, onSuccess: 'refund' }]);
    const tokenHash = deps.tokens.hash(parsed.secret);
    const system: SystemContext = { actor: { kind: 'system', id: 'auth:invitation-accept', role: null }, requestId: attempt.requestId, now: attempt.now, reason: 'accept an invitation' };
    const found = await deps.uow.run(tenantContextFor(system, parsed.scopeId), (repos) => repos.invitations.findByTokenHash(tokenHash));
    if (found === null || invitationStatus(found, attempt.now) !== 'pending') throw tokenInvalid();
    const account = await deps.users.findByEmail(found.email);
    if (account === null) throw tokenInvalid();
    await redemption.passed();

    const replace = account.managedByOrgId !== null;
    let newHash: string | null = null;
    if (replace) {
      const org = await deps.orgs.findById(found.orgId);
      const checks = new InputChecks();
      if (input.newPassword === undefined || input.newPassword === null) {
        checks.fail('/newPassword', 'is required: choose your own password (the one you have was set through an organisation)');
      } else {
        checkNewPassword(checks, '/newPassword', input.newPassword, deps.strength, passwordContext(account.email, account.displayName, org?.name));
      }
      checks.throwIfAny();
      newHash = await deps.hasher.hash(input.newPassword as string);
    } else {
      await proveCurrentPassword(deps, account, input.password, input.clientIp, '/password');
    }

    // The holder acts on their own account here: the store lets them, and no one else.
    const ctx: RequestContext = { orgId: found.orgId, actor: { kind: 'staff', id: account.id, role: found.role }, requestId: attempt.requestId, now: attempt.now };
    const accepted = await deps.uow.run(ctx, async (repos) => {
      const invitation = await repos.invitations.findByTokenHash(tokenHash, { forUpdate: true });
      const user = await repos.users.findById(account.id, { forUpdate: true });
      if (invitation === null || invitationStatus(invitation, attempt.now) !== 'pending' || user === null) throw tokenInvalid();
      // Credentials changed since they were checked above: start again.
      if (user.passwordHash !== account.passwordHash || (user.managedByOrgId !== null) !== replace) throw tokenInvalid();
      let changes: UserChanges = { emailVerifiedAt: attempt.now, updatedAt: attempt.now };
      if (replace) {
        changes = {
          ...changes,
          passwordHash: newHash!,
          mustChangePassword: false,
          passwordChangedAt: attempt.now,
          totpSecretSealed: null,
          totpPendingSecretSealed: null,
          totpEnabledAt: null,
          totpLastStep: null,
          recoveryCodeHashes: [],
          resetTokenHash: null,
          resetTokenPurpose: null,
          resetTokenExpiresAt: null,
          managedByOrgId: null,
        };
      } else if (user.totpEnabledAt !== null) {
        changes = { ...changes, ...(await proveSecondFactor(deps, user, attempt.now, input)) };
      }
      await repos.users.patch(user.id, changes);
      const prior = await repos.memberships.findByUser(user.id);
      if (prior === null) {
        await repos.memberships.insert({
          id: deps.ids.next(),
          orgId: found.orgId,
          userId: user.id,
          role: invitation.role,
          displayName: invitation.displayName,
          deactivatedAt: null,
          createdAt: attempt.now,
          updatedAt: attempt.now,
        });
      } else if (prior.deactivatedAt !== null) {
        await repos.memberships.update({ ...prior, role: invitation.role, deactivatedAt: null, updatedAt: attempt.now });
      }
      await repos.invitations.update({ ...invitation, acceptedAt: attempt.now, acceptedUserId: user.id, updatedAt: attempt.now });
      await repos.audit.append(
        auditEntry(ctx, deps.ids, {
          action: 'iam.invitation_accept',
          resourceType: 'invitation',
          resourceId: invitation.id,
          after: invitationAudit(invitation),
          metadata: { user_id: user.id, credentials_replaced: replace },
        }),
      );
      return invitation;
    });
    // Whoever knew the old credentials is signed out everywhere.
    if (replace) await endSessionsInOtherOrgs(deps, ctx, account.id, 'credentials_replaced');
    return { orgId: accepted.orgId, userId: account.id, email: account.email, role: accepted.role, credentialsReplaced: replace };
  }
}
