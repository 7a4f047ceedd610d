import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { auditEntry } from '../../domain/audit/audit-builder.js';
import { AccessTokenView, CurrentPassword, NewPassword, ClientIp, SessionId } from '../../domain/identity/identity-schemas.js';
import { AppError } from '../../errors/app-error.js';
import { assertHardToGuess, passwordContext } from './identity-policy.js';
import { endSessionsInOtherOrgs, loadSession, proveCurrentPassword } from './session-support.js';
import type { CredentialDeps } from './sign-in.use-case.js';

const contract = defineContract({
  name: 'ChangePassword',
  input: Type.Object(
    {
      sessionId: SessionId,
      currentPassword: CurrentPassword,
      newPassword: NewPassword,
      /** The client address, for the sign-in limits a wrong current password counts against. */
      clientIp: Type.Optional(ClientIp),
    },
    { additionalProperties: false },
  ),
  // Answered over HTTP with a new access token for the same session (its claims changed).
  output: AccessTokenView,
});

export type ChangePasswordInput = ContractInput<typeof contract>;

/**
 * Changes the user's own password (required after a temporary one), then ends their other
 * sessions, in this org and in every other org of theirs.
 * @throws validation.failed — current password wrong, or new one too short, too guessable, or
 *   equal to the old one.
 * @throws request.rate_limited — too many failed sign-ins or wrong current passwords.
 * @throws auth.session_revoked — the session ended.
 */
export class ChangePassword {
  static readonly contract = contract;

  constructor(private readonly deps: CredentialDeps) {}

  async execute(ctx: RequestContext, input: ChangePasswordInput): Promise<void> {
    const { sessionId, currentPassword, newPassword, clientIp } = checkInput(contract, input);
    const { user } = await loadSession(this.deps, ctx, sessionId);
    // The current password first (rate limited): judging a new one costs CPU, so only its holder may ask.
    await proveCurrentPassword(this.deps, user, currentPassword, clientIp ?? null);
    const org = await this.deps.orgs.findById(ctx.orgId);
    assertHardToGuess('/newPassword', newPassword, this.deps.strength, passwordContext(user.email, user.displayName, org?.name));
    if (newPassword === currentPassword) {
      throw AppError.validation([{ pointer: '/newPassword', detail: 'must differ from the current password' }], '/newPassword must differ from the current password');
    }
    const passwordHash = await this.deps.hasher.hash(newPassword);
    await this.deps.uow.run(ctx, async (repos) => {
      await repos.users.patch(user.id, { passwordHash, mustChangePassword: false, passwordChangedAt: ctx.now, updatedAt: ctx.now });
      const ended = await repos.sessions.revokeAllOfUser(user.id, ctx.now, 'password_changed', sessionId);
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, { action: 'auth.password_change', resourceType: 'user', resourceId: user.id, metadata: { other_sessions_ended: ended } }),
      );
    });
    await endSessionsInOtherOrgs(this.deps, ctx, user.id, 'password_changed');
  }
}
