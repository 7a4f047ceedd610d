/** Creating a session and its first refresh token, shared by sign-in and org switching. */
import type { RequestContext } from '../../context.js';
import type { AuthSession, Membership, RefreshTokenRecord } from '../../domain/identity/identity.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { SecretTokens } from '../../ports/credentials.port.js';
import type { TenantRepositories } from '../../ports/unit-of-work.port.js';
import { formatRefreshToken, minutes, type IdentityOptions } from './identity-policy.js';

export interface IssuedSession {
  readonly session: AuthSession;
  /** Give to the client once; only its hash is stored. */
  readonly refreshToken: string;
  readonly refreshExpiresAt: Date;
}

export async function issueSession(
  repos: TenantRepositories,
  deps: { ids: IdGenerator; tokens: SecretTokens; options: IdentityOptions },
  ctx: RequestContext,
  membership: Membership,
  mfaVerified: boolean,
): Promise<IssuedSession> {
  const session: AuthSession = {
    id: deps.ids.next(),
    orgId: membership.orgId,
    userId: membership.userId,
    role: membership.role,
    mfaVerified,
    createdAt: ctx.now,
    expiresAt: new Date(ctx.now.getTime() + minutes(deps.options.sessionTtlMinutes)),
    lastSeenAt: ctx.now,
    revokedAt: null,
    revokedReason: null,
  };
  await repos.sessions.insert(session);
  return { session, ...(await issueRefreshToken(repos, deps, ctx, session)) };
}

export async function issueRefreshToken(
  repos: TenantRepositories,
  deps: { ids: IdGenerator; tokens: SecretTokens; options: IdentityOptions },
  ctx: RequestContext,
  session: AuthSession,
): Promise<{ refreshToken: string; refreshExpiresAt: Date }> {
  const secret = deps.tokens.random(32);
  const wanted = ctx.now.getTime() + minutes(deps.options.refreshTokenTtlMinutes);
  const record: RefreshTokenRecord = {
    id: deps.ids.next(),
    orgId: session.orgId,
    sessionId: session.id,
    tokenHash: deps.tokens.hash(secret),
    createdAt: ctx.now,
    expiresAt: new Date(Math.min(wanted, session.expiresAt.getTime())),
    rotatedAt: null,
  };
  await repos.sessions.insertRefreshToken(record);
  return { refreshToken: formatRefreshToken(session.orgId, secret), refreshExpiresAt: record.expiresAt };
}
