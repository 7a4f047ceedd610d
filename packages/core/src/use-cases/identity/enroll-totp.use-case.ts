import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { auditEntry } from '../../domain/audit/audit-builder.js';
import { CurrentPassword, ClientIp, SessionId, TotpEnrolmentView } from '../../domain/identity/identity-schemas.js';
import { AppError } from '../../errors/app-error.js';
import { loadSession, proveCurrentPassword } from './session-support.js';
import type { CredentialDeps } from './sign-in.use-case.js';

const contract = defineContract({
  name: 'EnrollTotp',
  input: Type.Object(
    {
      sessionId: SessionId,
      currentPassword: CurrentPassword,
      /** The client address, for the sign-in limits a wrong current password counts against. */
      clientIp: Type.Optional(ClientIp),
    },
    { additionalProperties: false },
  ),
  output: TotpEnrolmentView,
});

export type EnrollTotpInput = ContractInput<typeof contract>;

/**
 * Starts TOTP enrolment: a new secret (stored encrypted, pending) and the otpauth:// URI to scan.
 * Needs the current password: a stolen access token alone must not be able to enrol a second
 * factor and lock the holder out. Enrolling again replaces a pending secret.
 * @throws validation.failed — the current password is missing or wrong (counts as a failed sign-in).
 * @throws request.rate_limited — too many failed sign-ins.
 * @throws identity.mfa_already_enabled — TOTP is on; an owner must disable it first.
 * @throws auth.session_revoked — the session ended.
 */
export class EnrollTotp {
  static readonly contract = contract;

  constructor(private readonly deps: CredentialDeps) {}

  async execute(ctx: RequestContext, input: EnrollTotpInput): Promise<{ secret: string; otpauthUri: string }> {
    const { sessionId, currentPassword, clientIp } = checkInput(contract, input);
    const { user } = await loadSession(this.deps, ctx, sessionId);
    if (user.totpEnabledAt !== null) throw new AppError('identity.mfa_already_enabled', 'Two-factor sign-in is already on for this account');
    await proveCurrentPassword(this.deps, user, currentPassword, clientIp ?? null);
    const secret = this.deps.totp.generateSecret();
    await this.deps.uow.run(ctx, async (repos) => {
      await repos.users.patch(user.id, { totpPendingSecretSealed: this.deps.sealer.seal(secret), updatedAt: ctx.now });
      await repos.audit.append(auditEntry(ctx, this.deps.ids, { action: 'auth.mfa_enroll', resourceType: 'user', resourceId: user.id }));
    });
    return { secret, otpauthUri: this.deps.totp.keyUri(secret, user.email, this.deps.options.totpIssuer) };
  }
}
