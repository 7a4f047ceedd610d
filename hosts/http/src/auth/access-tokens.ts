/**
 * Short-lived access tokens for staff sessions: HS256 JWTs (jose) carrying the org, role,
 * session id and whether a second factor was proven. They are a cache of the session, not its
 * authority: every request still asks the core whether the session is live, so revoking it
 * takes effect at once. The signing key is derived from AUTH_SECRET_KEY with HKDF, so the
 * secret itself is never used directly as a key and other purposes can derive their own.
 */
import { hkdfSync } from 'node:crypto';
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import { AppError, isRole, isUuid, type Role } from '@cws/core';

export interface AccessClaims {
  readonly userId: string;
  readonly orgId: string;
  readonly role: Role;
  readonly sessionId: string;
  readonly mfaVerified: boolean;
  readonly expiresAt: Date;
}

export interface IssuedAccessToken {
  readonly token: string;
  readonly expiresAt: Date;
  readonly expiresInSeconds: number;
}

const ISSUER = 'cleanwithsnapshot';
const AUDIENCE = 'cws-staff-api';
const TYPE = 'at+jwt';

export class AccessTokens {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly ttlMinutes: number,
  ) {
    this.key = new Uint8Array(hkdfSync('sha256', secret, 'cws', 'staff access token v1', 32));
  }

  async issue(claims: Omit<AccessClaims, 'expiresAt'>, now: Date): Promise<IssuedAccessToken> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    const expiresInSeconds = this.ttlMinutes * 60;
    const token = await new SignJWT({ org: claims.orgId, role: claims.role, sid: claims.sessionId, mfa_verified: claims.mfaVerified })
      .setProtectedHeader({ alg: 'HS256', typ: TYPE })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + expiresInSeconds)
      .sign(this.key);
    return { token, expiresAt: new Date((issuedAt + expiresInSeconds) * 1000), expiresInSeconds };
  }

  /** @throws auth.token_invalid — bad signature, expired, or not one of ours. */
  async verify(token: string, now: Date): Promise<AccessClaims> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        typ: TYPE,
        currentDate: now,
        requiredClaims: ['sub', 'exp', 'org', 'role', 'sid'],
      });
      const { sub, org, role, sid, mfa_verified: mfa, exp } = payload;
      if (typeof sub !== 'string' || !isUuid(sub) || typeof org !== 'string' || !isUuid(org) || typeof sid !== 'string' || !isUuid(sid)) throw invalid('has malformed claims');
      if (typeof role !== 'string' || !isRole(role) || typeof mfa !== 'boolean' || typeof exp !== 'number') throw invalid('has malformed claims');
      return { userId: sub, orgId: org, role, sessionId: sid, mfaVerified: mfa, expiresAt: new Date(exp * 1000) };
    } catch (err) {
      if (err instanceof AppError) throw err;
      if (err instanceof joseErrors.JWTExpired) throw invalid('has expired; refresh it (POST /v1/auth/refresh)');
      if (err instanceof joseErrors.JOSEError) throw invalid('is not valid');
      throw err;
    }
  }
}

function invalid(why: string): AppError {
  return new AppError('auth.token_invalid', `The access token ${why}`, { details: { www_authenticate: 'Bearer realm="cleanwithsnapshot", error="invalid_token"' } });
}
