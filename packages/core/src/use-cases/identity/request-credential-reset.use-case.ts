import { Type } from '@sinclair/typebox';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { Email, OneOf } from '../../contracts/schema-vocabulary.js';
import { CREDENTIAL_RESET_PURPOSES, CredentialResetReceiptView } from '../../domain/identity/identity-schemas.js';
import { EMAILED_RESETS_BY_ACCOUNT, EMAILED_RESETS_BY_IP, minutes, reserveAttempt } from './identity-policy.js';
import { holderContext } from './emailed-reset.js';
import { enqueueMessage } from '../outbox/enqueue-message.js';
import type { Attempt, CredentialDeps } from './sign-in.use-case.js';

const contract = defineContract({
  name: 'RequestCredentialReset',
  input: Type.Object(
    {
      email: Email({ description: 'The address of the account' }),
      purpose: OneOf(CREDENTIAL_RESET_PURPOSES, { description: 'What the emailed token resets' }),
    },
    { additionalProperties: false },
  ),
  // Answered over HTTP with a receipt that does not tell whether the address has an account.
  output: CredentialResetReceiptView,
});

export type RequestCredentialResetInput = ContractInput<typeof contract>;

/**
 * Mails a reset token to the address when it has an account (one outstanding token per account;
 * a new request replaces it): the mail is enqueued in the unit of work that stores the token's
 * hash, so neither exists without the other (without an email channel nothing is enqueued).
 * Answers the same either way; at most 5 requests per address and 20 per client address an hour.
 * @throws validation.failed — not an email address, or an unknown purpose.
 * @throws request.rate_limited — too many requests.
 */
export class RequestCredentialReset {
  static readonly contract = contract;

  constructor(private readonly deps: CredentialDeps) {}

  async execute(attempt: Attempt, input: RequestCredentialResetInput): Promise<void> {
    const { email, purpose } = checkInput(contract, input);
    const clientIp = attempt.clientIp ?? null;
    const { deps } = this;
    // Every request spends (each may send mail), known address or not.
    await reserveAttempt(deps.limiter, [
      { bucket: EMAILED_RESETS_BY_ACCOUNT, key: email, onSuccess: 'refund' },
      ...(clientIp === null ? [] : [{ bucket: EMAILED_RESETS_BY_IP, key: clientIp, onSuccess: 'refund' as const }]),
    ]);
    const user = await deps.users.findByEmail(email);
    const ctx = user === null ? null : await holderContext(deps, user, attempt);
    if (user === null || ctx === null) return;
    const secret = deps.tokens.random(32);
    const expiresAt = new Date(attempt.now.getTime() + minutes(deps.options.credentialResetTtlMinutes));
    const tokenHash = deps.tokens.hash(secret);
    await deps.uow.run(ctx, async (repos) => {
      await repos.users.patch(user.id, { resetTokenHash: tokenHash, resetTokenPurpose: purpose, resetTokenExpiresAt: expiresAt, updatedAt: attempt.now });
      await enqueueMessage(deps, repos, ctx, {
        channel: 'email',
        // One mail per request (per token): a new request replaces the token and mails again.
        dedupeKey: `account:${user.id}:reset:${tokenHash.slice(0, 16)}`,
        template: purpose === 'password' ? 'password_reset' : 'second_factor_reset',
        to: user.email,
        // Not the account's name: the row sits in one org's outbox, and the holder may have set it.
        toName: null,
        data: { expiresAt: expiresAt.toISOString() },
        secret: `${user.id}.${secret}`,
      });
    });
    await deps.systemAudit.append({
      id: deps.ids.next(),
      actorId: 'anonymous',
      action: 'auth.credential_reset_requested',
      reason: purpose,
      metadata: { user_id: user.id, client_ip: clientIp, email_hmac: deps.tokens.fingerprint(email) },
      requestId: attempt.requestId,
      createdAt: attempt.now,
    });
  }
}
