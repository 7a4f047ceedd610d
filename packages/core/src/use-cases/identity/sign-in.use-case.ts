import { Type } from '@sinclair/typebox';
import type { Actor, RequestContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { Uuid } from '../../contracts/schema-vocabulary.js';
import { auditEntry } from '../../domain/audit/audit-builder.js';
import type { Membership, UserAccount } from '../../domain/identity/identity.js';
import { PresentedPassword, SecondFactorFields, SessionTokensView, SignInEmail } from '../../domain/identity/identity-schemas.js';
import { AppError } from '../../errors/app-error.js';
import type { SystemAuditLog } from '../../ports/audit-log.port.js';
import type { PasswordHasher, SecretSealer, SecretTokens } from '../../ports/credentials.port.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { SessionLookup, UserAccounts } from '../../ports/identity-repositories.port.js';
import type { RateLimiter } from '../../ports/rate-limiter.port.js';
import type { TotpVerifier } from '../../ports/totp-verifier.port.js';
import type { TenantRepositories, UnitOfWork } from '../../ports/unit-of-work.port.js';
import type { UserChanges } from '../../ports/identity-repositories.port.js';
import type { OrgDirectory } from '../../ports/org-directory.port.js';
import type { PasswordStrength } from '../../ports/password-strength.port.js';
import type { Messaging } from '../outbox/messaging.js';
import { TotpCodeReplayed, noticeTotpReplay } from './totp-replay-notice.js';
import { TOTP_FAILURES_BY_ACCOUNT, normaliseRecoveryCode, reserveAttempt, signInBudgets, type IdentityOptions } from './identity-policy.js';
import { issueSession, type IssuedSession } from './session-issuer.js';

export interface CredentialDeps {
  readonly users: UserAccounts;
  readonly uow: UnitOfWork;
  readonly hasher: PasswordHasher;
  readonly totp: TotpVerifier;
  readonly sealer: SecretSealer;
  readonly tokens: SecretTokens;
  readonly limiter: RateLimiter;
  /** null: sessions are read through a unit of work. */
  readonly sessionLookup: SessionLookup | null;
  readonly ids: IdGenerator;
  readonly systemAudit: SystemAuditLog;
  readonly options: IdentityOptions;
  /** Judges passwords people choose. */
  readonly strength: PasswordStrength;
  /** Invitations and emailed resets go through the outbox (enqueued beside their token's hash). */
  readonly messaging: Messaging;
  /** For the org's name in an invitation. */
  readonly orgs: OrgDirectory;
}

const contract = defineContract({
  name: 'SignIn',
  input: Type.Object(
    {
      email: SignInEmail,
      password: PresentedPassword,
      orgId: Type.Optional(Uuid({ description: 'Which org to sign in to: required when the account belongs to several' })),
      ...SecondFactorFields,
    },
    { additionalProperties: false },
  ),
  output: SessionTokensView,
});

export type SignInInput = ContractInput<typeof contract>;

export interface SignInResult extends IssuedSession {
  readonly user: UserAccount;
  readonly membership: Membership;
}

/** Who is trying (a request without a session yet): where it came from, for the limits and the audit. */
export interface Attempt {
  readonly requestId: string;
  readonly now: Date;
  /** The client's address, for the per-address limits and the audit; absent or null when unknown (embedding without one). */
  readonly clientIp?: string | null;
}

/**
 * Proves a second factor (TOTP code or unused recovery code) for `user` and returns what must be
 * written to spend it: the code's time step becomes the last accepted one (replay refused), a
 * recovery code is removed. `user` must have been read with `forUpdate` in the unit of work that
 * writes the changes, so two requests cannot both spend the same code. Throws
 * auth.mfa_required otherwise.
 */
export async function proveSecondFactor(
  deps: Pick<CredentialDeps, 'totp' | 'sealer' | 'tokens' | 'limiter'>,
  user: UserAccount,
  now: Date,
  input: { totpCode?: unknown; recoveryCode?: unknown },
  sealedSecret: string | null = user.totpSecretSealed,
): Promise<UserChanges> {
  if (sealedSecret === null) throw new AppError('auth.mfa_required', 'No one-time code is set up for this account');
  const totpCode = typeof input.totpCode === 'string' && input.totpCode !== '' ? input.totpCode.trim() : null;
  const recoveryCode = typeof input.recoveryCode === 'string' && input.recoveryCode !== '' ? input.recoveryCode : null;
  if (totpCode === null && recoveryCode === null) {
    throw new AppError('auth.mfa_required', 'Send the six-digit code from your authenticator app (or a recovery code)', { details: { reason: 'code_missing' } });
  }
  // Spent before the check, so concurrent guesses cannot all be checked.
  const attempt = await reserveAttempt(deps.limiter, [{ bucket: TOTP_FAILURES_BY_ACCOUNT, key: user.id, onSuccess: 'reset' }]);
  if (totpCode !== null) {
    const secret = openSecret(deps, sealedSecret);
    const check = await deps.totp.verify(secret, totpCode, now, user.totpLastStep);
    if (check.valid && check.step !== null) {
      await attempt.passed();
      return { totpLastStep: check.step, updatedAt: now };
    }
    // Tell a replay apart from a wrong code: the holder needs to wait for the next code.
    const replay = user.totpLastStep === null ? null : await deps.totp.verify(secret, totpCode, now, null);
    if (replay?.valid && replay.step !== null) {
      throw new AppError('auth.mfa_required', 'That code was already used; wait for the next one from your authenticator app', {
        details: { reason: 'code_already_used' },
        cause: new TotpCodeReplayed(replay.step),
      });
    }
  } else {
    const hash = deps.tokens.hash(normaliseRecoveryCode(recoveryCode!));
    if (user.recoveryCodeHashes.includes(hash)) {
      await attempt.passed();
      return { recoveryCodeHashes: user.recoveryCodeHashes.filter((h) => h !== hash), updatedAt: now };
    }
  }
  throw new AppError('auth.mfa_required', 'The one-time code is not valid');
}

/** The account's TOTP secret, or a clear refusal when it was sealed under another MFA_SECRET_KEY. */
function openSecret(deps: Pick<CredentialDeps, 'sealer'>, sealed: string): string {
  try {
    return deps.sealer.open(sealed);
  } catch (cause) {
    throw new AppError('identity.totp_unreadable', 'The stored second factor cannot be read (the server key changed): sign in with a recovery code, then enrol again', {
      cause,
    });
  }
}

/**
 * Signs a staff user in to one org. Same answer and similar timing for an unknown email and a
 * wrong password; at most 10 failures per account and per address in 15 minutes; a second
 * factor whenever the account has one; the session remembers whether it was proven.
 * @throws validation.failed — a field the contract refuses (email, password, org id).
 * @throws request.rate_limited — too many failures (Retry-After).
 * @throws auth.invalid_credentials — unknown email, wrong password, or no active membership.
 * @throws auth.org_required — several orgs and none chosen (details list them).
 * @throws auth.forbidden — the chosen org is not one of the user's.
 * @throws auth.mfa_required — the account has TOTP and no valid code (or recovery code) was sent.
 */
export class SignIn {
  static readonly contract = contract;

  /**
   * A hash of a random password made by the same hasher: unknown emails pay the same hashing
   * cost as known ones, so response time does not tell whether an account exists.
   */
  private dummyHash: Promise<string> | null = null;

  constructor(private readonly deps: CredentialDeps) {}

  async execute(attempt: Attempt, input: SignInInput): Promise<SignInResult> {
    const checked = checkInput(contract, input);
    const { email, password } = checked;
    const clientIp = attempt.clientIp ?? null;
    const wantedOrg = checked.orgId ?? null;
    const { deps } = this;
    // The attempt is spent before the hash is computed: N concurrent guesses check at most the
    // limit. A right password gives it back; a wrong one keeps it as the failure record.
    const reserved = await reserveAttempt(deps.limiter, signInBudgets(email, clientIp));

    const user = await deps.users.findByEmail(email);
    this.dummyHash ??= deps.hasher.hash(deps.tokens.random(16));
    const passwordOk = await deps.hasher.verify(user?.passwordHash ?? (await this.dummyHash), password);
    const memberships = user !== null && passwordOk ? (await deps.users.membershipsOf(user.id)).filter((m) => m.deactivatedAt === null) : [];
    if (user === null || !passwordOk || memberships.length === 0) {
      await this.recordFailure(attempt, email, clientIp, user?.id ?? null, user === null ? 'unknown_email' : passwordOk ? 'no_active_membership' : 'wrong_password');
      throw new AppError('auth.invalid_credentials', 'The email or password is not correct');
    }

    let membership: Membership;
    if (wantedOrg !== null) {
      const found = memberships.find((m) => m.orgId === wantedOrg);
      if (found === undefined) {
        await reserved.passed();
        throw new AppError('auth.forbidden', 'You are not a member of that organisation');
      }
      membership = found;
    } else if (memberships.length === 1) {
      membership = memberships[0]!;
    } else {
      await reserved.passed();
      throw new AppError('auth.org_required', 'You belong to several organisations: send org_id', {
        details: { orgs: memberships.map((m) => ({ org_id: m.orgId, role: m.role })) },
      });
    }

    const actor: Actor = { kind: 'staff', id: user.id, role: membership.role };
    const ctx: RequestContext = { orgId: membership.orgId, actor, requestId: attempt.requestId, now: attempt.now };
    let stored: UserAccount;
    let issued: IssuedSession;
    try {
      ({ stored, issued } = await deps.uow.run(ctx, async (repos: TenantRepositories) => {
        // Read again under a row lock: the second factor is spent here, once, and a password
        // changed since the check above is not signed in with.
        const fresh = await repos.users.findById(user.id, { forUpdate: true });
        if (fresh === null || fresh.passwordHash !== user.passwordHash) throw new AppError('auth.invalid_credentials', 'The email or password is not correct');
        let current = fresh;
        const mfaVerified = fresh.totpEnabledAt !== null;
        if (mfaVerified) {
          const changes = await proveSecondFactor(deps, fresh, attempt.now, checked);
          await repos.users.patch(fresh.id, changes);
          current = { ...fresh, ...changes };
        }
        const session = await issueSession(repos, deps, ctx, membership, mfaVerified);
        await repos.audit.append(
          auditEntry(ctx, deps.ids, {
            action: 'auth.login',
            resourceType: 'user',
            resourceId: user.id,
            metadata: { session_id: session.session.id, mfa_verified: mfaVerified, client_ip: clientIp },
          }),
        );
        return { stored: current, issued: session };
      }));
    } catch (err) {
      // Recorded after the unit of work has ended: nothing else may touch the database inside it.
      await noticeTotpReplay(deps, ctx, user, err, clientIp);
      const codeMissing = err instanceof AppError && err.details?.['reason'] === 'code_missing';
      if (err instanceof AppError && !codeMissing && (err.code === 'auth.mfa_required' || err.code === 'auth.invalid_credentials')) {
        await this.recordFailure(attempt, email, clientIp, user.id, err.code === 'auth.mfa_required' ? 'mfa' : 'password_changed_meanwhile');
      } else {
        // Not a wrong credential (the first step of a two-step sign-in, an unreadable second
        // factor, an outage): the right password gives its attempt back.
        await reserved.passed();
      }
      throw err;
    }
    await reserved.passed();
    return { ...issued, user: stored, membership };
  }

  /** The failed attempt keeps the points it spent; the system audit records it. */
  private async recordFailure(attempt: Attempt, email: string, clientIp: string | null, userId: string | null, reason: string): Promise<void> {
    await this.deps.systemAudit.append({
      id: this.deps.ids.next(),
      actorId: userId ?? 'anonymous',
      action: 'auth.login_failed',
      reason,
      // The address and a keyed fingerprint of the email, not the email: failed attempts name
      // strangers too, and a bare hash of an address is reversed by hashing a list of them.
      metadata: { client_ip: clientIp, user_id: userId, email_hmac: this.deps.tokens.fingerprint(email) },
      requestId: attempt.requestId,
      createdAt: attempt.now,
    });
  }
}
