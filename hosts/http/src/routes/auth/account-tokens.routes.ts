/**
 * What the holder of an account does with a token emailed to its address (ADR 13): accept an
 * org's invitation, reset the password, reset the second factor. Public routes: the token (and,
 * where the account is the holder's own, the password) is the credential. Requests for an
 * emailed reset answer 202 whether or not the address has an account.
 */
import { AcceptInvitation, ConfirmPasswordReset, ConfirmSecondFactorReset, RequestCredentialReset, type CredentialResetPurpose } from '@cws/core';
import { defineContractRoute, type RouteDefinition } from '../../routing/route-definition.js';
import { NO_STORE } from '../route-helpers.js';

const tags = ['Authentication'] as const;

const ACCEPTED_DETAIL = 'If the address has an account, a link is on its way (valid 30 minutes).';

/** Asking for an emailed reset token: the same 202 whether or not the address has an account. */
function resetRequestRoute(purpose: CredentialResetPurpose, path: string, operationId: string, summary: string): RouteDefinition {
  return defineContractRoute({
    method: 'POST',
    path,
    operationId,
    summary,
    description: 'At most 5 requests per address and 20 per client address an hour. Mail leaves as EMAIL_MODE says (off: nothing is sent).',
    tags,
    audience: 'public',
    permission: null,
    contract: RequestCredentialReset.contract,
    fixedFields: ['purpose'],
    responses: { 202: { description: 'Received', schema: 'output' } },
    async handler({ runtime, input, requestId, now, clientIp }) {
      await runtime.core.identity.requestCredentialReset.execute({ requestId, now, clientIp }, { ...input, purpose });
      return { status: 202, body: { status: 'accepted', detail: ACCEPTED_DETAIL } };
    },
  });
}

export function accountTokenRoutes(): RouteDefinition[] {
  return [
    defineContractRoute({
      method: 'POST',
      path: '/v1/auth/invitations/accept',
      operationId: 'acceptInvitation',
      summary: "Accept an org's invitation with the token emailed to your address",
      description:
        'For an account you manage yourself, send your password (and second factor when on): nothing about the account changes but the new membership. ' +
        'For an account an organisation created, send new_password: the password it set is replaced, any second factor it could know is cleared, every session of the account ends, ' +
        'and from then on only you manage its credentials. Then sign in with the org_id answered. The token works once: an unknown, expired, revoked or used token is 401 auth.token_invalid; ' +
        'a missing or wrong second factor is 401 auth.mfa_required. At most 30 token redemptions per client address an hour.',
      tags,
      audience: 'public',
      permission: null,
      contract: AcceptInvitation.contract,
      responses: {
        200: { description: 'You are a member now', schema: 'output', headers: ['Cache-Control'] },
        401: { description: 'The token is not valid (auth.token_invalid), or the account has a second factor and no valid code was sent (auth.mfa_required)' },
      },
      async handler({ runtime, input, requestId, now, clientIp }) {
        const accepted = await runtime.core.identity.acceptInvitation.execute({ requestId, now, clientIp }, input);
        return {
          status: 200,
          body: { org_id: accepted.orgId, user_id: accepted.userId, email: accepted.email, role: accepted.role, credentials_replaced: accepted.credentialsReplaced },
          headers: NO_STORE,
        };
      },
    }),
    resetRequestRoute('password', '/v1/auth/password-reset/request', 'requestPasswordReset', 'Email a password reset link to an address (the same answer whether or not it has an account)'),
    defineContractRoute({
      method: 'POST',
      path: '/v1/auth/password-reset/confirm',
      operationId: 'confirmPasswordReset',
      summary: 'Set a new password with the emailed token (the second factor is still asked for when on); every session of the account ends',
      description:
        'The new password must have 12 to 256 characters and be hard to guess (422 on new_password otherwise). The token works once, within its validity; at most 30 redemptions per client address an hour.',
      tags,
      audience: 'public',
      permission: null,
      contract: ConfirmPasswordReset.contract,
      responses: {
        204: { description: 'Changed; sign in with the new password' },
        401: { description: 'The token is not valid: malformed, expired or used (auth.token_invalid); or the account has a second factor and no valid code was sent (auth.mfa_required)' },
      },
      async handler({ runtime, input, requestId, now, clientIp }) {
        await runtime.core.identity.confirmPasswordReset.execute({ requestId, now, clientIp }, input);
        return { status: 204 };
      },
    }),
    resetRequestRoute(
      'second_factor',
      '/v1/auth/2fa/reset/request',
      'requestSecondFactorReset',
      'Email a link that clears the second factor (lost device and recovery codes); the same answer whether or not the address has an account',
    ),
    defineContractRoute({
      method: 'POST',
      path: '/v1/auth/2fa/reset/confirm',
      operationId: 'confirmSecondFactorReset',
      summary: 'Clear the second factor with the emailed token and your password; every session of the account ends (enrol again after signing in)',
      description: 'A wrong password is a 422 on password and counts as a failed sign-in (10 per 15 minutes). The token works once, within its validity.',
      tags,
      audience: 'public',
      permission: null,
      contract: ConfirmSecondFactorReset.contract,
      responses: { 204: { description: 'Cleared' }, 401: { description: 'The token is not valid: malformed, expired or used (auth.token_invalid)' } },
      async handler({ runtime, input, requestId, now, clientIp }) {
        await runtime.core.identity.confirmSecondFactorReset.execute({ requestId, now, clientIp }, input);
        return { status: 204 };
      },
    }),
  ];
}
