/**
 * Worker portal sessions: HS256 JWTs (jose) naming the worker (`sub`), their org and `typ:
 * 'worker'`, living 12 hours. The key is derived from WORKER_PORTAL_SECRET with HKDF under its own
 * `info`, and the audience differs from staff tokens', so a staff token is never a worker token
 * and the other way round, even if both secrets were set to the same value. The token is not the
 * authority: every portal use case re-checks that the worker is active and that their
 * credentials did not change after `iat` (a password reset or deactivation ends it at once).
 */
import { hkdfSync, webcrypto } from 'node:crypto';
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import { AppError, isUuid } from '@cws/core';

export interface WorkerClaims {
  readonly workerId: string;
  readonly orgId: string;
  /** To the millisecond (`iat_ms`, agreeing with the JWT's `iat`). */
  readonly issuedAt: Date;
  readonly expiresAt: Date;
}

export interface IssuedWorkerToken {
  readonly token: string;
  readonly expiresAt: Date;
  readonly expiresInSeconds: number;
}

const ISSUER = 'cleanwithsnapshot';
const AUDIENCE = 'cws-worker-portal';
const HEADER_TYPE = 'JWT';
const CLAIM_TYPE = 'worker';
export const WORKER_TOKEN_TTL_SECONDS = 12 * 60 * 60;

/** The challenge of every refused portal request. */
export const WORKER_CHALLENGE = 'Bearer realm="cleanwithsnapshot-worker-portal"';

export class WorkerPortalTokens {
  private readonly key: Promise<webcrypto.CryptoKey>;

  constructor(secret: string) {
    const raw = new Uint8Array(hkdfSync('sha256', secret, 'cws', 'worker portal token v1', 32));
    this.key = webcrypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
  }

  async issue(claims: { workerId: string; orgId: string }, now: Date): Promise<IssuedWorkerToken> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    // `iat` has whole seconds; `iat_ms` keeps the instant, so a password reset in the same second
    // as a sign-in still tells which came first.
    const token = await new SignJWT({ org: claims.orgId, typ: CLAIM_TYPE, iat_ms: now.getTime() })
      .setProtectedHeader({ alg: 'HS256', typ: HEADER_TYPE })
      .setSubject(claims.workerId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + WORKER_TOKEN_TTL_SECONDS)
      .sign(await this.key);
    return { token, expiresAt: new Date((issuedAt + WORKER_TOKEN_TTL_SECONDS) * 1000), expiresInSeconds: WORKER_TOKEN_TTL_SECONDS };
  }

  /** @throws auth.token_invalid — bad signature, expired, or not a worker token of ours. */
  async verify(token: string, now: Date): Promise<WorkerClaims> {
    try {
      const { payload } = await jwtVerify(token, await this.key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        currentDate: now,
        requiredClaims: ['sub', 'org', 'typ', 'iat', 'exp'],
      });
      const { sub, org, typ, iat, exp, iat_ms: iatMs } = payload;
      if (typ !== CLAIM_TYPE || typeof sub !== 'string' || !isUuid(sub) || typeof org !== 'string' || !isUuid(org) || typeof iat !== 'number' || typeof exp !== 'number') {
        throw invalidWorkerToken('has malformed claims');
      }
      // iat_ms must agree with iat (same second), or the token was not made by issue().
      const issuedAt = typeof iatMs === 'number' && Math.floor(iatMs / 1000) === iat ? new Date(iatMs) : null;
      if (issuedAt === null) throw invalidWorkerToken('has malformed claims');
      return { workerId: sub, orgId: org, issuedAt, expiresAt: new Date(exp * 1000) };
    } catch (err) {
      if (err instanceof AppError) throw err;
      if (err instanceof joseErrors.JWTExpired) throw invalidWorkerToken('has expired; sign in again (POST /v1/worker/portal/login)');
      if (err instanceof joseErrors.JOSEError) throw invalidWorkerToken('is not valid');
      throw err;
    }
  }

  /** The worker session an `Authorization: Bearer` header carries. @throws auth.unauthenticated, auth.token_invalid */
  async fromAuthorization(authorization: string | undefined, now: Date): Promise<WorkerClaims> {
    const bearer = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i.exec(authorization?.trim() ?? '');
    if (bearer === null) {
      throw new AppError('auth.unauthenticated', 'Sign in (POST /v1/worker/portal/login) and send Authorization: Bearer <access_token>', {
        details: { www_authenticate: WORKER_CHALLENGE },
      });
    }
    return this.verify(bearer[1]!, now);
  }
}

function invalidWorkerToken(why: string): AppError {
  return new AppError('auth.token_invalid', `The worker portal token ${why}`, { details: { www_authenticate: `${WORKER_CHALLENGE}, error="invalid_token"` } });
}
