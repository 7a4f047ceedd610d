/**
 * Who a staff request acts as, resolved in one place.
 *  - `Authorization: Bearer <access token>`: a signed-in user, as the verified token says; the
 *    request's units of work confirm the session is still live (revocation takes effect at
 *    once) in their own transactions.
 *  - `Authorization: Basic`: the legacy pairs of the environment (guide 000 "Admin Basic Auth
 *    verification"), when LEGACY_BASIC_AUTH_ENABLED; never MFA-capable. They act in X-Test-Org
 *    (dev and tests only), DEFAULT_ORG_ID, or the only org. Passwords are compared as SHA-256
 *    digests with timingSafeEqual, every pair every time, so timing says nothing about which
 *    part was wrong.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError, isUuid, type Actor, type Role, type SessionProof } from '@cws/core';
import type { Runtime } from '@cws/composition';
import type { AccessTokens } from '../auth/access-tokens.js';

export interface StaffIdentity {
  readonly actor: Actor & { readonly kind: 'staff'; readonly role: Role };
  readonly orgId: string;
  /** The email of a signed-in user, or the Basic Auth username. */
  readonly username: string;
  /** How the identity was proven. */
  readonly method: 'token' | 'basic';
  readonly mfaVerified: boolean;
  /** The session of a signed-in user; null for Basic Auth. */
  readonly sessionId: string | null;
  /** A temporary password is in use: only changing it (and signing out) is allowed. */
  readonly mustChangePassword: boolean;
  /** For a signed-in user: the session every unit of work of the request confirms is live. */
  readonly sessionProof: SessionProof | null;
}

export interface CredentialHeaders {
  readonly authorization?: string | undefined;
  readonly testOrg?: string | undefined;
  readonly requestId: string;
  readonly now: Date;
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

function parseBasic(header: string): { username: string; password: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (match === null) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** How long the "only org" answer is reused before asking the database again. */
const ORG_CACHE_MS = 10_000;

export class StaffIdentityResolver {
  private readonly pairs: ReadonlyArray<{ user: Buffer; pass: Buffer; username: string; role: Role }>;
  private readonly challenge: string;
  private cachedOrg: { id: string; until: number } | null = null;
  /** Orgs known to exist (X-Test-Org, DEFAULT_ORG_ID), so a request need not ask each time. */
  private readonly known = new Map<string, number>();

  constructor(
    private readonly runtime: Runtime,
    private readonly tokens: AccessTokens,
  ) {
    const { auth } = runtime.config;
    this.pairs = auth.legacyBasicAuthEnabled
      ? auth.basicAuthPairs.map((p) => ({ user: digest(p.username), pass: digest(p.password), username: p.username, role: p.role }))
      : [];
    this.challenge = this.pairs.length > 0 ? 'Bearer realm="cleanwithsnapshot", Basic realm="cleanwithsnapshot", charset="UTF-8"' : 'Bearer realm="cleanwithsnapshot"';
  }

  async resolve(headers: CredentialHeaders): Promise<StaffIdentity> {
    const authorization = headers.authorization?.trim() ?? '';
    const bearer = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i.exec(authorization);
    if (bearer !== null) return this.fromToken(bearer[1]!, headers);
    if (/^Basic\s/i.test(authorization)) {
      if (this.pairs.length === 0) throw this.unauthenticated('Basic Auth is turned off (LEGACY_BASIC_AUTH_ENABLED); sign in with POST /v1/auth/login');
      return this.fromBasic(authorization, headers);
    }
    throw this.unauthenticated('Sign in (POST /v1/auth/login) and send Authorization: Bearer <access_token>');
  }

  /**
   * From the token's claims alone: the request's units of work confirm the session is live in
   * their own transactions (`sessionProof`), and mountRoutes asks explicitly when none ran.
   */
  private async fromToken(token: string, headers: CredentialHeaders): Promise<StaffIdentity> {
    const claims = await this.tokens.verify(token, headers.now);
    return {
      actor: { kind: 'staff', id: claims.userId, role: claims.role },
      orgId: claims.orgId,
      username: claims.email,
      method: 'token',
      mfaVerified: claims.mfaVerified,
      sessionId: claims.sessionId,
      mustChangePassword: claims.mustChangePassword,
      // The claims the request's units of work hold against the live session and membership.
      sessionProof: { sessionId: claims.sessionId, userId: claims.userId, role: claims.role, mfaVerified: claims.mfaVerified, confirmed: false },
    };
  }

  private async fromBasic(authorization: string, headers: CredentialHeaders): Promise<StaffIdentity> {
    const credentials = parseBasic(authorization);
    if (credentials === null) throw this.unauthenticated('The Basic credentials are malformed');
    const user = digest(credentials.username);
    const pass = digest(credentials.password);
    let match: (typeof this.pairs)[number] | null = null;
    for (const pair of this.pairs) {
      const ok = timingSafeEqual(pair.user, user) && timingSafeEqual(pair.pass, pass);
      if (ok && match === null) match = pair;
    }
    if (match === null) throw this.unauthenticated('The credentials are not valid');
    const orgId = await this.resolveOrg(headers.testOrg);
    return {
      actor: { kind: 'staff', id: `basic:${match.username}`, role: match.role },
      orgId,
      username: match.username,
      method: 'basic',
      mfaVerified: false,
      sessionId: null,
      mustChangePassword: false,
      sessionProof: null,
    };
  }

  private unauthenticated(detail: string): AppError {
    return new AppError('auth.unauthenticated', detail, { details: { www_authenticate: this.challenge } });
  }

  private async resolveOrg(testOrg: string | undefined): Promise<string> {
    const { auth } = this.runtime.config;
    if (testOrg !== undefined && auth.testOrgHeaderAllowed) {
      if (!isUuid(testOrg)) throw new AppError('auth.org_unresolved', 'X-Test-Org must be an organisation id (UUID)');
      return this.existing(testOrg);
    }
    if (auth.defaultOrgId !== null) return this.existing(auth.defaultOrgId);
    const now = Date.now();
    if (this.cachedOrg !== null && this.cachedOrg.until > now) return this.cachedOrg.id;
    const orgs = await this.runtime.ports.orgs.list(null, 2);
    if (orgs.length === 0) throw new AppError('auth.org_unresolved', 'No organisation exists yet; create one first (npm run bootstrap -- --name ... --slug ...)');
    if (orgs.length > 1) throw new AppError('auth.org_unresolved', 'Several organisations exist; set DEFAULT_ORG_ID to the one Basic Auth acts in');
    this.cachedOrg = { id: orgs[0]!.id, until: now + ORG_CACHE_MS };
    return orgs[0]!.id;
  }

  private async existing(orgId: string): Promise<string> {
    const id = orgId.toLowerCase();
    const now = Date.now();
    if ((this.known.get(id) ?? 0) > now) return id;
    const org = await this.runtime.ports.orgs.findById(id);
    if (org === null) throw new AppError('org.not_found', `No organisation ${orgId}`, { details: { org_id: orgId } });
    // Bounded: the oldest entries go first once many orgs were named (tests, a busy dev box).
    if (this.known.size >= 1000) this.known.delete(this.known.keys().next().value!);
    this.known.set(id, now + ORG_CACHE_MS);
    return id;
  }
}
