/**
 * `/v1/auth/*`: signing in and out, refreshing, switching org, changing the password, and
 * enrolling TOTP. Login and refresh are public (they are how a caller gets credentials); the
 * rest act on the caller's own session, so they need a Bearer token rather than Basic Auth.
 */
import { Type } from '@sinclair/typebox';
import type { AuthSession, Membership, UserAccount } from '@cws/core';
import type { AccessTokens } from '../../auth/access-tokens.js';
import { defineRoute, type RouteDefinition } from '../../routing/route-definition.js';
import { DateTime, Uuid } from '../../schemas/common.schemas.js';
import { NO_STORE, authErrors, commonErrors, requireSession } from '../route-helpers.js';

const tags = ['Authentication'] as const;

const AccessTokenFields = {
  access_token: Type.String({ description: 'Send as Authorization: Bearer <access_token>' }),
  token_type: Type.Literal('Bearer'),
  expires_in: Type.Integer({ description: 'Seconds the access token lives (AUTH_ACCESS_TOKEN_TTL_MINUTES)' }),
  expires_at: DateTime,
};

const TokenView = Type.Object({
  ...AccessTokenFields,
  refresh_token: Type.String({ description: 'Single use: exchange it at POST /v1/auth/refresh; using it twice ends the session' }),
  refresh_expires_at: DateTime,
  session_id: Uuid,
  session_expires_at: DateTime,
  user_id: Uuid,
  org_id: Uuid,
  role: Type.String(),
  mfa_verified: Type.Boolean(),
  must_change_password: Type.Boolean(),
});

const SecondFactorFields = {
  totp_code: Type.Optional(Type.String({ maxLength: 16, description: 'Six-digit code from the authenticator app' })),
  recovery_code: Type.Optional(Type.String({ maxLength: 32, description: 'One of the recovery codes shown at enrolment (single use)' })),
};

const LoginBody = Type.Object(
  {
    email: Type.String({ maxLength: 254 }),
    password: Type.String({ maxLength: 1024 }),
    org_id: Type.Optional(Uuid),
    ...SecondFactorFields,
  },
  { additionalProperties: false },
);

const RefreshBody = Type.Object({ refresh_token: Type.String({ maxLength: 200 }), ...SecondFactorFields }, { additionalProperties: false });

const MeView = Type.Object({
  user: Type.Object({
    id: Uuid,
    email: Type.String(),
    display_name: Type.String(),
    mfa_enabled: Type.Boolean(),
    recovery_codes_left: Type.Integer(),
    must_change_password: Type.Boolean(),
    password_changed_at: DateTime,
  }),
  org_id: Uuid,
  role: Type.String(),
  session_id: Uuid,
  session_expires_at: DateTime,
  mfa_verified: Type.Boolean(),
  orgs: Type.Array(Type.Object({ org_id: Uuid, role: Type.String() })),
});

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
    defineRoute({
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
      body: LoginBody,
      responses: { 200: { description: 'Tokens for the new session', schema: TokenView }, ...authErrors },
      async handler({ runtime, body, requestId, now, clientIp }) {
        const result = await runtime.core.identity.signIn.execute(
          { requestId, now },
          { email: body['email'], password: body['password'], orgId: body['orgId'], totpCode: body['totpCode'], recoveryCode: body['recoveryCode'], clientIp },
        );
        return { status: 200, body: await tokenJson(accessTokens, result, result.user, result.membership, now), headers: NO_STORE };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/v1/auth/refresh',
      operationId: 'refreshSession',
      summary: 'Exchange a refresh token for new tokens (the old refresh token stops working)',
      description: 'Presenting an already exchanged refresh token ends the whole session: someone else holds a copy.',
      tags,
      audience: 'public',
      permission: null,
      body: RefreshBody,
      responses: { 200: { description: 'Tokens for the same session', schema: TokenView }, ...authErrors },
      async handler({ runtime, body, requestId, now, clientIp }) {
        const result = await runtime.core.identity.refresh.execute(
          { requestId, now },
          { refreshToken: body['refreshToken'], totpCode: body['totpCode'], recoveryCode: body['recoveryCode'], clientIp },
        );
        return { status: 200, body: await tokenJson(accessTokens, result, result.user, result.membership, now), headers: NO_STORE };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/v1/auth/logout',
      operationId: 'logout',
      summary: 'End this session (its access and refresh tokens stop working at once)',
      tags,
      audience: 'staff',
      permission: 'profile.view',
      sessionOnly: true,
      allowedWithTemporaryPassword: true,
      responses: { 204: { description: 'Signed out (also when already signed out)' }, ...commonErrors },
      async handler({ runtime, ctx, identity }) {
        await runtime.core.identity.signOut.execute(ctx, { sessionId: requireSession(identity) });
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/v1/auth/me',
      operationId: 'getMe',
      summary: 'The signed-in user, their role here, and the orgs they can switch to',
      tags,
      audience: 'staff',
      permission: 'profile.view',
      sessionOnly: true,
      allowedWithTemporaryPassword: true,
      responses: { 200: { description: 'The caller', schema: MeView }, ...commonErrors },
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
    defineRoute({
      method: 'POST',
      path: '/v1/auth/switch-org',
      operationId: 'switchOrg',
      summary: 'Tokens for a new session in another of your orgs',
      tags,
      audience: 'staff',
      permission: 'profile.view',
      sessionOnly: true,
      body: Type.Object({ org_id: Uuid }, { additionalProperties: false }),
      responses: { 200: { description: 'Tokens for the session in that org', schema: TokenView }, ...commonErrors },
      async handler({ runtime, ctx, identity, body, now }) {
        const issued = await runtime.core.identity.switchOrg.execute(ctx, { sessionId: requireSession(identity), orgId: body['orgId'] });
        const user = { id: ctx.actor.id, email: identity!.username, mustChangePassword: identity!.mustChangePassword };
        return { status: 200, body: await tokenJson(accessTokens, issued, user, issued.membership, now), headers: NO_STORE };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/v1/auth/change-password',
      operationId: 'changePassword',
      summary: 'Change your password (required after a temporary one); your other sessions end',
      description: 'Answers with a new access token for this session: the old one still says a change is due.',
      tags,
      audience: 'staff',
      permission: 'profile.view',
      sessionOnly: true,
      allowedWithTemporaryPassword: true,
      body: Type.Object({ current_password: Type.String({ maxLength: 1024 }), new_password: Type.String({ maxLength: 1024 }) }, { additionalProperties: false }),
      responses: { 200: { description: 'Changed; a new access token for this session', schema: Type.Object(AccessTokenFields) }, ...commonErrors },
      async handler({ runtime, ctx, identity, body, now, clientIp }) {
        const sessionId = requireSession(identity);
        await runtime.core.identity.changePassword.execute(ctx, { sessionId, currentPassword: body['currentPassword'], newPassword: body['newPassword'], clientIp });
        const { session, user, membership } = await runtime.core.identity.resolveSession.execute(ctx, { sessionId });
        return { status: 200, body: await accessTokenJson(accessTokens, session, user, membership, now), headers: NO_STORE };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/v1/auth/2fa/enroll',
      operationId: 'enrollTotp',
      summary: 'Start TOTP enrolment (with your current password): a base32 secret and an otpauth:// URI for the authenticator app',
      description:
        'Step-up: the current password is required, so a stolen access token alone cannot enrol a second factor and lock you out. A wrong password counts as a failed sign-in (10 per 15 minutes).',
      tags,
      audience: 'staff',
      permission: 'profile.view',
      sessionOnly: true,
      body: Type.Object({ current_password: Type.String({ maxLength: 1024 }) }, { additionalProperties: false }),
      responses: {
        200: { description: 'The pending secret (confirm it with /v1/auth/2fa/verify)', schema: Type.Object({ secret: Type.String(), otpauth_uri: Type.String() }) },
        ...commonErrors,
      },
      async handler({ runtime, ctx, identity, body, clientIp }) {
        const { secret, otpauthUri } = await runtime.core.identity.enrollTotp.execute(ctx, { sessionId: requireSession(identity), currentPassword: body['currentPassword'], clientIp });
        return { status: 200, body: { secret, otpauth_uri: otpauthUri }, headers: NO_STORE };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/v1/auth/2fa/verify',
      operationId: 'verifyTotp',
      summary: 'Confirm enrolment with a code: TOTP is on, this session counts as verified (a new access token says so), other sessions end',
      description: 'The access token used for this call stops working: it says the session has no second factor. Use the one in the answer.',
      tags,
      audience: 'staff',
      permission: 'profile.view',
      sessionOnly: true,
      body: Type.Object({ code: Type.String({ maxLength: 16 }) }, { additionalProperties: false }),
      responses: {
        200: {
          description: 'Enabled; the recovery codes are shown this once',
          schema: Type.Object({ enabled: Type.Literal(true), recovery_codes: Type.Array(Type.String()), ...AccessTokenFields }),
        },
        ...commonErrors,
      },
      async handler({ runtime, ctx, identity, body, now }) {
        const sessionId = requireSession(identity);
        const { recoveryCodes, session, user, membership } = await runtime.core.identity.verifyTotp.execute(ctx, { sessionId, code: body['code'] });
        return { status: 200, body: { enabled: true, recovery_codes: recoveryCodes, ...(await accessTokenJson(accessTokens, session, user, membership, now)) }, headers: NO_STORE };
      },
    }),
    defineRoute({
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
      body: Type.Object({ user_id: Uuid }, { additionalProperties: false }),
      responses: { 204: { description: 'Turned off' }, ...commonErrors },
      async handler({ runtime, ctx, body }) {
        await runtime.core.identity.disableTotp.execute(ctx, { userId: body['userId'] });
        return { status: 204 };
      },
    }),
  ];
}
