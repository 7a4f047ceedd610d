import { Type } from '@sinclair/typebox';
import { tenantContextFor, type RequestContext, type SystemContext } from '../../context.js';
import type { Role } from '../../access/roles.js';
import { OneOf } from '../../contracts/schema-vocabulary.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { ROLES } from '../../access/roles.js';
import { auditEntry } from '../../domain/audit/audit-builder.js';
import { invitationStatus } from '../../domain/identity/identity.js';
import { AppError } from '../../errors/app-error.js';
import type { UserChanges } from '../../ports/identity-repositories.port.js';
import { TOKEN_REDEMPTIONS_BY_IP, assertHardToGuess, parseScopedToken, passwordContext, reserveAttempt } from '../identity/identity-policy.js';
import { endSessionsInOtherOrgs, proveCurrentPassword } from '../identity/session-support.js';
import { proveSecondFactor, type CredentialDeps } from '../identity/sign-in.use-case.js';
import { invitationAudit } from './invitation-support.js';
import { NewPassword } from '../../domain/identity/identity-schemas.js';

const contract = defineContract({
  name: 'AcceptInvitation',
  input: Type.Object(
    {
      token: Type.String({ minLength: 1, maxLength: 200, description: 'The token from the email, as sent (`<org id>.<secret>`)' }),
      password: Type.Optional(Type.String({ maxLength: 1024, description: 'Your current password (an account you manage)' })),
      newPassword: Type.Optional(
        Type.Unsafe<string>({ ...NewPassword, description: 'A password of your own, required for an account an organisation created (the one it set may be known to that organisation)' }),
      ),
      totpCode: Type.Optional(Type.String({ maxLength: 16, description: 'When the account has TOTP: the six-digit code' })),
      recoveryCode: Type.Optional(Type.String({ maxLength: 32, description: 'Or one of its recovery codes (single use)' })),
    },
    { additionalProperties: false },
  ),
  output: Type.Object(
    {
      orgId: Type.String({ format: 'uuid', description: 'Sign in to this org' }),
      userId: Type.String({ format: 'uuid' }),
      email: Type.String(),
      role: OneOf(ROLES),
      credentialsReplaced: Type.Boolean({ description: 'The account was managed by an org: its password was replaced, its second factor cleared and every session ended' }),
    },
    { additionalProperties: false, $id: 'AcceptedInvitation' },
  ),
});

export type AcceptInvitationInput = ContractInput<typeof contract>;

/** Who is accepting, as the transport knows them (not part of what they send). */
export interface InvitationAttempt {
  readonly requestId: string;
  readonly now: Date;
  /** The caller's address, for the redemption limit; null or absent when unknown (embedding without one). */
  readonly clientIp?: string | null;
}

export interface AcceptedInvitation {
  readonly orgId: string;
  readonly userId: string;
  readonly email: string;
  readonly role: Role;
  /** The account's credentials were replaced (it was managed by an org): every other session ended. */
  readonly credentialsReplaced: boolean;
}

const tokenInvalid = () => new AppError('auth.token_invalid', 'The invitation is not valid: it may have expired, been revoked or been used already');

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
 * @throws validation.failed — a field the contract refuses; the password needed is missing, wrong, or (new) too weak.
 * @throws auth.token_invalid — unknown, malformed, expired, revoked or used token.
 * @throws auth.mfa_required — the account has a second factor and no valid code was sent.
 * @throws request.rate_limited — too many attempts.
 */
export class AcceptInvitation {
  static readonly contract = contract;

  constructor(private readonly deps: CredentialDeps) {}

  async execute(attempt: InvitationAttempt, input: AcceptInvitationInput): Promise<AcceptedInvitation> {
    const { deps } = this;
    const checked = checkInput(contract, input);
    const clientIp = attempt.clientIp ?? null;
    const parsed = parseScopedToken(checked.token);
    if (parsed === null) throw tokenInvalid();
    const redemption = await reserveAttempt(deps.limiter, clientIp === null ? [] : [{ bucket: TOKEN_REDEMPTIONS_BY_IP, key: clientIp, onSuccess: 'refund' }]);
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
      // Which password is needed depends on the account, so this rule is code, not schema.
      if (checked.newPassword === undefined) {
        throw AppError.validation([{ pointer: '/newPassword', detail: 'is required: choose your own password (the one you have was set through an organisation)' }]);
      }
      const org = await deps.orgs.findById(found.orgId);
      assertHardToGuess('/newPassword', checked.newPassword, deps.strength, passwordContext(account.email, account.displayName, org?.name));
      newHash = await deps.hasher.hash(checked.newPassword);
    } else {
      await proveCurrentPassword(deps, account, checked.password, clientIp, '/password');
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
        changes = { ...changes, ...(await proveSecondFactor(deps, user, attempt.now, checked)) };
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
