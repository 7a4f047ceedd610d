/**
 * What the identity use cases take and answer: credentials as they are presented (sign-in,
 * step-up, emailed tokens), passwords people choose, second factors, and the JSON views of
 * sessions, tokens and the signed-in user. Rules a schema cannot say (how guessable a password
 * is, whether a token or code is the right one) are code in the use cases.
 */
import { Type } from '@sinclair/typebox';
import { ROLES } from '../../access/roles.js';
import { InstantView, Int, Nullable, OneOf, Uuid, withMessage } from '../../contracts/schema-vocabulary.js';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;
/**
 * A password presented to be checked against the stored hash (sign-in, step-up) may be longer
 * than one that can be set: the check answers "not correct", never "too long", up to this.
 */
export const MAX_PRESENTED_PASSWORD_LENGTH = 1024;
/** The longest break-glass window, whatever BREAK_GLASS_MAX_TTL_MINUTES says (it can only lower it). */
export const BREAK_GLASS_HARD_MAX_TTL_MINUTES = 60;

/** The address signed in with: trimmed and lower-cased; an unknown one is a wrong credential (401), not a field error. */
export const SignInEmail = Type.Transform(
  withMessage(Type.String({ minLength: 1, maxLength: 254, pattern: '\\S', description: 'The email address of the account' }), 'must not be empty'),
)
  .Decode((value) => value.trim().toLowerCase())
  .Encode((value) => value);

/** A password presented to sign in: checked against the account's hash as sent (never trimmed). */
export const PresentedPassword = Type.String({ maxLength: MAX_PRESENTED_PASSWORD_LENGTH, description: 'As chosen (never trimmed)' });

/** The holder's current password, to confirm a change to how the account signs in (step-up). */
export const CurrentPassword = withMessage(
  Type.String({ minLength: 1, maxLength: MAX_PRESENTED_PASSWORD_LENGTH, description: 'Your current password: a wrong one counts as a failed sign-in' }),
  'is required',
);

/** A password someone chooses: its length here; how guessable it is is judged by the use case. */
export const NewPassword = withMessage(
  Type.String({
    minLength: MIN_PASSWORD_LENGTH,
    maxLength: MAX_PASSWORD_LENGTH,
    description: `${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters, hard to guess (judged with the email and names of the account and the org as context)`,
  }),
  `must have at least ${MIN_PASSWORD_LENGTH} characters; a few unrelated words make a long one easy to remember`,
);

export const TotpCode = Type.String({ maxLength: 16, description: 'The six-digit code from the authenticator app' });
export const RecoveryCode = Type.String({ maxLength: 32, description: 'One of the recovery codes shown at enrolment (single use)' });

/** A second factor, when the account has one: a code from the app, or a recovery code. */
export const SecondFactorFields = {
  totpCode: Type.Optional(TotpCode),
  recoveryCode: Type.Optional(RecoveryCode),
};

/** A refresh token as answered by sign-in or refresh; a malformed or unknown one is 401 auth.token_invalid. */
export const RefreshToken = Type.String({ maxLength: 200, description: 'The refresh_token of the last answer (single use: using it twice ends the session)' });

/** A single-use token from an email (reset links); a malformed or unknown one is 401 auth.token_invalid. */
export const EmailedToken = Type.String({ minLength: 1, maxLength: 200, description: 'The token from the email, as sent' });

export const CREDENTIAL_RESET_PURPOSES = ['password', 'second_factor'] as const;

/** The caller's own session (the host sets it from the access token). */
export const SessionId = Uuid({ description: 'The session the request was made in' });

/**
 * The client's network address, for the per-address limits a signed-in caller's step-up counts
 * against, and the audit: set by the host, never sent; null when unknown.
 */
export const ClientIp = Nullable(Type.String({ maxLength: 100 }));

export const BreakGlassReason = Type.Transform(
  withMessage(
    Type.String({ minLength: 5, maxLength: 500, pattern: '^\\s*\\S[\\s\\S]{3,}\\S\\s*$', description: 'What the incident is and why writes are needed (5 to 500 characters)' }),
    'must have at least 5 characters',
  ),
)
  .Decode((value) => value.trim())
  .Encode((value) => value);

export const BreakGlassTtlMinutes = Int(1, BREAK_GLASS_HARD_MAX_TTL_MINUTES, {
  description: `Minutes the token admits writes: 1 to ${BREAK_GLASS_HARD_MAX_TTL_MINUTES}, and at most BREAK_GLASS_MAX_TTL_MINUTES when that is lower`,
});

const Role = OneOf(ROLES);

/** An access token, as every answer that issues one gives it. */
export const AccessTokenFields = {
  accessToken: Type.String({ description: 'Send as Authorization: Bearer <access_token>' }),
  tokenType: Type.Literal('Bearer'),
  expiresIn: Type.Integer({ description: 'Seconds the access token lives (AUTH_ACCESS_TOKEN_TTL_MINUTES)' }),
  expiresAt: InstantView(),
};

export const AccessTokenView = Type.Object(AccessTokenFields, { additionalProperties: false, $id: 'AccessToken', description: 'A new access token for the same session' });

/** A session's tokens: what sign-in, refresh and org switching answer. */
export const SessionTokensView = Type.Object(
  {
    ...AccessTokenFields,
    refreshToken: Type.String({ description: 'Single use: exchange it at POST /v1/auth/refresh; using it twice ends the session' }),
    refreshExpiresAt: InstantView(),
    sessionId: Type.String({ format: 'uuid' }),
    sessionExpiresAt: InstantView({ description: 'The session ends then, whatever the refreshes' }),
    userId: Type.String({ format: 'uuid' }),
    orgId: Type.String({ format: 'uuid' }),
    role: Role,
    mfaVerified: Type.Boolean({ description: 'Whether a second factor was proven in this session' }),
    mustChangePassword: Type.Boolean({ description: 'A temporary password: only POST /v1/auth/change-password is allowed until it is changed' }),
  },
  { additionalProperties: false, $id: 'SessionTokens' },
);

export const SignedInUserView = Type.Object(
  {
    user: Type.Object(
      {
        id: Type.String({ format: 'uuid' }),
        email: Type.String(),
        displayName: Type.String(),
        mfaEnabled: Type.Boolean(),
        recoveryCodesLeft: Type.Integer({ minimum: 0 }),
        mustChangePassword: Type.Boolean(),
        passwordChangedAt: InstantView(),
      },
      { additionalProperties: false },
    ),
    orgId: Type.String({ format: 'uuid' }),
    role: Role,
    sessionId: Type.String({ format: 'uuid' }),
    sessionExpiresAt: InstantView(),
    mfaVerified: Type.Boolean(),
    orgs: Type.Array(Type.Object({ orgId: Type.String({ format: 'uuid' }), role: Role }, { additionalProperties: false }), {
      description: 'Every org the user may switch to (POST /v1/auth/switch-org)',
    }),
  },
  { additionalProperties: false, $id: 'SignedInUser' },
);

export const TotpEnrolmentView = Type.Object(
  {
    secret: Type.String({ description: 'Base32: type it into the app when the URI cannot be scanned' }),
    otpauthUri: Type.String({ description: 'otpauth:// URI for the authenticator app (a QR code of it)' }),
  },
  { additionalProperties: false, $id: 'TotpEnrolment' },
);

export const TotpEnabledView = Type.Object(
  {
    enabled: Type.Literal(true),
    recoveryCodes: Type.Array(Type.String(), { description: 'Ten single-use codes, shown this once' }),
    ...AccessTokenFields,
  },
  { additionalProperties: false, $id: 'TotpEnabled' },
);

export const CredentialResetReceiptView = Type.Object(
  { status: Type.Literal('accepted'), detail: Type.String() },
  { additionalProperties: false, $id: 'CredentialResetReceipt', description: 'The same answer whether or not the address has an account' },
);

export const BreakGlassTokenView = Type.Object(
  {
    token: Type.String({ description: 'Shown once: send it as X-Break-Glass-Token on each write; only its hash is stored' }),
    expiresAt: InstantView(),
  },
  { additionalProperties: false, $id: 'BreakGlassToken' },
);
