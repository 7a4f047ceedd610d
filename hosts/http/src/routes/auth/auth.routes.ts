/**
 * `/v1/auth/*`: signing in and out, refreshing, switching org, changing the password, and
 * enrolling TOTP. Login and refresh are public (they are how a caller gets credentials); the
 * rest act on the caller's own session, so they need a Bearer token rather than Basic Auth.
 */
import { ChangePassword, DisableTotp, EnrollTotp, GetMe, RefreshSession, SignIn, SignOut, SwitchOrg, VerifyTotp, type AuthSession, type Membership, type UserAccount } from '@cws/core';
import type { AccessTokens } from '../../auth/access-tokens.js';
import { defineContractRoute, type RouteDefinition } from '../../routing/route-definition.js';
import { NO_STORE, requireSession } from '../route-helpers.js';

const tags = ['Authentication'] as const;

/** A new access token for the same session, for changes that alter its claims (TOTP, password). */
async function accessTokenJson(
  tokens: AccessTokens,
  session: Pick<AuthSession, 'id' | 'orgId' | 'mfaVerified'>,
  user: Pick<UserAccount, 'id' | 'email' | 'mustChangePassword'>,
  membership: Pick<Membership, 'role'>,
  now: Date,
) {
  const access = await tokens.issue(
    { userId: user.id, email: user.email, orgId: session.orgId, role: membership.role, sessionId: session.id, mfaVerified: session.mfaVerified, mustChangePassword: user.mustChangePassword },
    now,
  );
  return { access_token: access.token, token_type: 'Bearer' as const, expires_in: access.expiresInSeconds, expires_at: access.expiresAt.toISOString() };
}

export async function tokenJson(
  tokens: AccessTokens,
  issued: { session: AuthSession; refreshToken: string; refreshExpiresAt: Date },
  user: Pick<UserAccount, 'id' | 'email' | 'mustChangePassword'>,
  membership: Pick<Membership, 'role'>,
  now: Date,
) {
  const { session } = issued;
  return {
    ...(await accessTokenJson(tokens, session, user, membership, now)),
    refresh_token: issued.refreshToken,
    refresh_expires_at: issued.refreshExpiresAt.toISOString(),
    session_id: session.id,
    session_expires_at: session.expiresAt.toISOString(),
    user_id: user.id,
    org_id: session.orgId,
    role: membership.role,
    mfa_verified: session.mfaVerified,
    must_change_password: user.mustChangePassword,
  };
}


export function authRoutes(deps: { accessTokens: AccessTokens }): RouteDefinition[] {
  const { accessTokens } = deps;
  return [
    defineContractRoute({
      method: 'POST',
      path: '/v1/auth/login',
      operationId: 'login',
      summary: 'Sign in with email and password (and a one-time code when the account has TOTP)',
      description:
        'A user in several orgs sends org_id (409 auth.org_required lists them otherwise). Unknown emails and wrong passwords get the same 401. ' +
        'At most 10 failures per account and per address in 15 minutes, then 429 with Retry-After.',
      tags,
      audience: 'public',
      permission: null,
      contract: SignIn.contract,
      responses: {
        200: { description: 'Tokens for the new session', schema: 'output', headers: ['Cache-Control'] },
        401: { description: 'Wrong email or password (auth.invalid_credentials), or a missing or wrong one-time code (auth.mfa_required)' },
        403: { description: 'Not a member of the chosen org (auth.forbidden)' },
        409: { description: 'Several orgs and no org_id (auth.org_required; the problem lists them)' },
      },
      async handler({ runtime, input, requestId, now, clientIp }) {
        const result = await runtime.core.identity.signIn.execute({ requestId, now, clientIp }, input);
        return { status: 200, body: await tokenJson(accessTokens, result, result.user, result.membership, now), headers: NO_STORE };
      },
    }),
    defineContractRoute({
      method: 'POST',
      path: '/v1/auth/refresh',
      operationId: 'refreshSession',
      summary: 'Exchange a refresh token for new tokens (the old refresh token stops working)',
      description:
        'Presenting an already exchanged refresh token ends the whole session: someone else holds a copy. ' +
        'With ADMIN_MFA_REQUIRED, an owner or admin session without a proven second factor needs a one-time code to refresh.',
      tags,
      audience: 'public',
      permission: null,
      contract: RefreshSession.contract,
      responses: {
        200: { description: 'Tokens for the same session', schema: 'output', headers: ['Cache-Control'] },
        401: { description: 'A malformed or unknown refresh token (auth.token_invalid), an ended or reused session (auth.session_revoked), or a missing or wrong one-time code (auth.mfa_required)' },
      },
      async handler({ runtime, input, requestId, now, clientIp }) {
        const result = await runtime.core.identity.refresh.execute({ requestId, now, clientIp }, input);
        return { status: 200, body: await tokenJson(accessTokens, result, result.user, result.membership, now), headers: NO_STORE };
      },
    }),
    defineContractRoute({
      method: 'POST',
      path: '/v1/auth/logout',
      operationId: 'logout',
      summary: 'End this session (its access and refresh tokens stop working at once)',
      description: 'Ends the session of the access token sent; signing out of a session that has already ended answers the same. The body, if any, must be an empty object.',
      tags,
      audience: 'staff',
      permission: 'profile.view',
      sessionOnly: true,
      allowedWithTemporaryPassword: true,
      contract: SignOut.contract,
      fixedFields: ['sessionId'],
      responses: { 204: { description: 'Signed out (also when already signed out)' } },
      async handler({ runtime, ctx, identity }) {
        await runtime.core.identity.signOut.execute(ctx, { sessionId: requireSession(identity) });
        return { status: 204 };
      },
    }),
    defineContractRoute({
      method: 'GET',
      path: '/v1/auth/me',
      operationId: 'getMe',
      summary: 'The signed-in user, their role here, and the orgs they can switch to',
      description: 'Answers for the session of the access token sent: 401 auth.session_revoked once it has ended.',
      tags,
      audience: 'staff',
      permission: 'profile.view',
      sessionOnly: true,
      allowedWithTemporaryPassword: true,
      contract: GetMe.contract,
      fixedFields: ['sessionId'],
      responses: { 200: { description: 'The caller', schema: 'output' } },
      async handler({ runtime, ctx, identity }) {
        const me = await runtime.core.identity.me.execute(ctx, { sessionId: requireSession(identity) });
        return {
          status: 200,
          body: {
            user: {
              id: me.user.id,
              email: me.user.email,
              display_name: me.user.displayName,
              mfa_enabled: me.user.totpEnabledAt !== null,
              recovery_codes_left: me.user.recoveryCodeHashes.length,
              must_change_password: me.user.mustChangePassword,
              password_changed_at: me.user.passwordChangedAt.toISOString(),
            },
            org_id: me.session.orgId,
            role: me.membership.role,
            session_id: me.session.id,
            session_expires_at: me.session.expiresAt.toISOString(),
            mfa_verified: me.session.mfaVerified,
            orgs: me.orgs.map((m) => ({ org_id: m.orgId, role: m.role })),
          },
        };
      },
    }),
    defineContractRoute({
      method: 'POST',
      path: '/v1/auth/switch-org',
      operationId: 'switchOrg',
      summary: 'Tokens for a new session in another of your orgs',
      description: 'A second factor proven in this session counts in the new one. 403 auth.forbidden when you are not an active member of that org.',
      tags,
      audience: 'staff',
      permission: 'profile.view',
      sessionOnly: true,
      contract: SwitchOrg.contract,
      fixedFields: ['sessionId'],
      responses: { 200: { description: 'Tokens for the session in that org', schema: 'output', headers: ['Cache-Control'] } },
      async handler({ runtime, ctx, identity, input, now }) {
        const issued = await runtime.core.identity.switchOrg.execute(ctx, { ...input, sessionId: requireSession(identity) });
        const user = { id: ctx.actor.id, email: identity!.username, mustChangePassword: identity!.mustChangePassword };
        return { status: 200, body: await tokenJson(accessTokens, issued, user, issued.membership, now), headers: NO_STORE };
      },
    }),
    defineContractRoute({
      method: 'POST',
      path: '/v1/auth/change-password',
      operationId: 'changePassword',
      summary: 'Change your password (required after a temporary one); your other sessions end',
      description:
        'Answers with a new access token for this session: the old one still says a change is due. A wrong current password is a 422 on current_password and counts as a failed sign-in (10 per 15 minutes). ' +
        'The new password must have 12 to 256 characters, be hard to guess and differ from the current one.',
      tags,
      audience: 'staff',
      permission: 'profile.view',
      sessionOnly: true,
      allowedWithTemporaryPassword: true,
      contract: ChangePassword.contract,
      fixedFields: ['sessionId', 'clientIp'],
      responses: { 200: { description: 'Changed; a new access token for this session', schema: 'output', headers: ['Cache-Control'] } },
      async handler({ runtime, ctx, identity, input, now, clientIp }) {
        const sessionId = requireSession(identity);
        await runtime.core.identity.changePassword.execute(ctx, { ...input, sessionId, clientIp });
        const { session, user, membership } = await runtime.core.identity.resolveSession.execute(ctx, { sessionId });
        return { status: 200, body: await accessTokenJson(accessTokens, session, user, membership, now), headers: NO_STORE };
      },
    }),
    defineContractRoute({
      method: 'POST',
      path: '/v1/auth/2fa/enroll',
      operationId: 'enrollTotp',
      summary: 'Start TOTP enrolment (with your current password): a base32 secret and an otpauth:// URI for the authenticator app',
      description:
        'Step-up: the current password is required, so a stolen access token alone cannot enrol a second factor and lock you out. A wrong password counts as a failed sign-in (10 per 15 minutes). ' +
        '409 identity.mfa_already_enabled when TOTP is on.',
      tags,
      audience: 'staff',
      permission: 'profile.view',
      sessionOnly: true,
      contract: EnrollTotp.contract,
      fixedFields: ['sessionId', 'clientIp'],
      responses: { 200: { description: 'The pending secret (confirm it with /v1/auth/2fa/verify)', schema: 'output', headers: ['Cache-Control'] } },
      async handler({ runtime, ctx, identity, input, clientIp }) {
        const { secret, otpauthUri } = await runtime.core.identity.enrollTotp.execute(ctx, { ...input, sessionId: requireSession(identity), clientIp });
        return { status: 200, body: { secret, otpauth_uri: otpauthUri }, headers: NO_STORE };
      },
    }),
    defineContractRoute({
      method: 'POST',
      path: '/v1/auth/2fa/verify',
      operationId: 'verifyTotp',
      summary: 'Confirm enrolment with a code: TOTP is on, this session counts as verified (a new access token says so), other sessions end',
      description:
        'The access token used for this call stops working: it says the session has no second factor. Use the one in the answer. ' +
        'A wrong or replayed code is a 422 on code; 409 identity.mfa_not_enrolled without a pending enrolment.',
      tags,
      audience: 'staff',
      permission: 'profile.view',
      sessionOnly: true,
      contract: VerifyTotp.contract,
      fixedFields: ['sessionId'],
      responses: { 200: { description: 'Enabled; the recovery codes are shown this once', schema: 'output', headers: ['Cache-Control'] } },
      async handler({ runtime, ctx, identity, input, now }) {
        const { recoveryCodes, session, user, membership } = await runtime.core.identity.verifyTotp.execute(ctx, { ...input, sessionId: requireSession(identity) });
        return { status: 200, body: { enabled: true, recovery_codes: recoveryCodes, ...(await accessTokenJson(accessTokens, session, user, membership, now)) }, headers: NO_STORE };
      },
    }),
    defineContractRoute({
      method: 'POST',
      path: '/v1/auth/2fa/disable',
      operationId: 'disableTotp',
      summary: "Turn off a member's TOTP (OWNER only, e.g. a lost device): secret and recovery codes cleared, their sessions end",
      description:
        'Only for an account this org manages (created by its invite and not linked by another org). For any other account it is 409 iam.self_managed_account: its holder resets the second factor (a recovery code, or POST /v1/auth/2fa/reset/request).',
      tags,
      audience: 'staff',
      permission: 'mfa.reset',
      // An admin action on someone else's account: the admin safety switches apply.
      adminSurface: true,
      contract: DisableTotp.contract,
      responses: { 204: { description: 'Turned off' }, 404: { description: 'No such member in this org (identity.user_not_found)' } },
      async handler({ runtime, ctx, input }) {
        await runtime.core.identity.disableTotp.execute(ctx, input);
        return { status: 204 };
      },
    }),
  ];
}
