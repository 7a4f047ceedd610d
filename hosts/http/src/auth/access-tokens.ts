/**
 * Short-lived access tokens for staff sessions: HS256 JWTs (jose) carrying the org, role,
 * session id, whether a second factor was proven and whether a password change is due. They are
 * a cache of the session, not its authority: every request's units of work confirm the session
 * is live in their own transaction (and the host asks explicitly when none ran), so revoking a
 * session takes effect at once. Whatever changes these claims without ending the session
 * (proving TOTP, changing the password) answers with a new access token. The signing key is derived from AUTH_SECRET_KEY with HKDF, so the
 * secret itself is never used directly as a key and other purposes can derive their own.
 */
import { hkdfSync, webcrypto } from 'node:crypto';
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import { AppError, isRole, isUuid, type Role } from '@cws/core';

export interface AccessClaims {
  readonly userId: string;
  readonly email: string;
  readonly orgId: string;
  readonly role: Role;
  readonly sessionId: string;
  readonly mfaVerified: boolean;
  /** A temporary password is in use (only changing it is allowed). */
  readonly mustChangePassword: boolean;
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

/** Tokens verified recently, so a client's next requests skip the HMAC (bounded, oldest out first). */
const VERIFIED_CACHE_SIZE = 10_000;

export class AccessTokens {
  /** Imported once: jose would otherwise import raw key bytes on every call (half its cost). */
  private readonly key: Promise<webcrypto.CryptoKey>;
  private readonly verified = new Map<string, AccessClaims>();

  constructor(
    secret: string,
    private readonly ttlMinutes: number,
  ) {
    const raw = new Uint8Array(hkdfSync('sha256', secret, 'cws', 'staff access token v1', 32));
    this.key = webcrypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
  }

  async issue(claims: Omit<AccessClaims, 'expiresAt'>, now: Date): Promise<IssuedAccessToken> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    const expiresInSeconds = this.ttlMinutes * 60;
    const token = await new SignJWT({
      email: claims.email,
      org: claims.orgId,
      role: claims.role,
      sid: claims.sessionId,
      mfa_verified: claims.mfaVerified,
      pwc: claims.mustChangePassword,
    })
      .setProtectedHeader({ alg: 'HS256', typ: TYPE })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + expiresInSeconds)
      .sign(await this.key);
    return { token, expiresAt: new Date((issuedAt + expiresInSeconds) * 1000), expiresInSeconds };
  }

  /** @throws auth.token_invalid — bad signature, expired, or not one of ours. */
  async verify(token: string, now: Date): Promise<AccessClaims> {
    const known = this.verified.get(token);
    if (known !== undefined) {
      // Only tokens this instance verified are here; expiry is still checked on every use.
      if (known.expiresAt > now) return known;
      this.verified.delete(token);
    }
    const claims = await this.verifySignature(token, now);
    if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, claims);
    return claims;
  }

  private async verifySignature(token: string, now: Date): Promise<AccessClaims> {
    try {
      const { payload } = await jwtVerify(token, await this.key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        typ: TYPE,
        currentDate: now,
        requiredClaims: ['sub', 'exp', 'email', 'org', 'role', 'sid', 'mfa_verified', 'pwc'],
      });
      const { sub, email, org, role, sid, mfa_verified: mfa, pwc, exp } = payload;
      if (typeof sub !== 'string' || !isUuid(sub) || typeof org !== 'string' || !isUuid(org) || typeof sid !== 'string' || !isUuid(sid)) throw invalid('has malformed claims');
      if (typeof role !== 'string' || !isRole(role) || typeof mfa !== 'boolean' || typeof pwc !== 'boolean' || typeof email !== 'string' || typeof exp !== 'number') {
        throw invalid('has malformed claims');
      }
      return { userId: sub, email, orgId: org, role, sessionId: sid, mfaVerified: mfa, mustChangePassword: pwc, expiresAt: new Date(exp * 1000) };
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
