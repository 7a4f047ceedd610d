/**
 * The checks that stand between a request and its handler, beyond identity and permission:
 * the API rate limit per client address, and on the admin surface (`/v1/admin/*`, `/v1/iam/*`)
 * (and routes that declare themselves part of it) the IP allowlist, the MFA requirement, the
 * admin write rate limit, and incident read-only mode with break-glass writes. Each is a guide 000 promise; docs/security.md lists their tests.
 */
import { AppError, MFA_ROLES, type RateBucket, type RateLimiter } from '@cws/core';
import type { Config } from '@cws/composition';
import { blockListOf, normaliseIp } from '../http/client-ip.js';
import { isIP } from 'node:net';
import type { HttpMethod } from '../routing/route-definition.js';
import type { StaffIdentity } from '../http/staff-identity.js';

const WRITE_METHODS: ReadonlySet<HttpMethod> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The admin API the guide's safety switches govern. */
export function isAdminSurface(path: string): boolean {
  return path.startsWith('/v1/admin/') || path === '/v1/iam' || path.startsWith('/v1/iam/');
}

export function isWrite(method: HttpMethod): boolean {
  return WRITE_METHODS.has(method);
}

export class RequestGuards {
  readonly apiBucket: RateBucket;
  readonly adminWriteBucket: RateBucket;
  private readonly allowlist: ((ip: string) => boolean) | null;

  constructor(
    private readonly config: Config,
    private readonly limiter: RateLimiter,
  ) {
    this.apiBucket = { name: 'api-ip', points: config.rateLimit.perMinute, windowSeconds: 60 };
    this.adminWriteBucket = { name: 'admin-writes', points: config.rateLimit.adminActionPerMinute, windowSeconds: 60 };
    const cidrs = config.http.adminIpAllowlistCidrs;
    if (cidrs.length === 0) this.allowlist = null;
    else {
      const list = blockListOf([], cidrs);
      this.allowlist = (ip) => {
        const address = normaliseIp(ip);
        const family = isIP(address);
        return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4');
      };
    }
  }

  /** RATE_LIMIT_PER_MINUTE per client address, for every API route (not health or metrics). */
  async apiRateLimit(clientIp: string): Promise<void> {
    const decision = await this.limiter.hit(this.apiBucket, clientIp);
    if (!decision.allowed) throw rateLimited('Too many requests from this address', decision.retryAfterSeconds);
  }

  /** ADMIN_IP_ALLOWLIST_CIDRS, checked before credentials so outsiders learn nothing more. */
  adminIpAllowed(clientIp: string): void {
    if (this.allowlist !== null && !this.allowlist(clientIp)) {
      throw new AppError('auth.ip_not_allowed', 'Your address is not on the admin allowlist (ADMIN_IP_ALLOWLIST_CIDRS)', { details: { client_ip: clientIp } });
    }
  }

  /**
   * ADMIN_MFA_REQUIRED: an owner's or admin's session must have proven a second factor to use
   * the admin API. Basic Auth is not MFA-capable; whether it is allowed at all is
   * LEGACY_BASIC_AUTH_ENABLED. Other roles are not asked for a factor at sign-in, so they are
   * not refused here either.
   */
  adminMfa(identity: StaffIdentity): void {
    if (!this.config.auth.adminMfaRequired || identity.method !== 'token' || identity.mfaVerified) return;
    if (MFA_ROLES.includes(identity.actor.role)) {
      throw new AppError('auth.mfa_required', 'The admin API needs a session with a proven second factor: enrol (POST /v1/auth/2fa/enroll, /verify) and sign in with a code', {
        details: { www_authenticate: 'Bearer realm="cleanwithsnapshot", error="insufficient_user_authentication"' },
      });
    }
  }

  /**
   * ADMIN_READ_ONLY: writes are refused with 409 unless they bring an X-Break-Glass-Token.
   * Returns the token to admit the write with (the core checks it is this org's and live, and
   * audits the write with the reason), or null when read-only mode is off.
   */
  readOnlyToken(breakGlassToken: string | undefined): string | null {
    if (!this.config.http.adminReadOnly) return null;
    if (breakGlassToken === undefined || breakGlassToken === '') {
      throw new AppError('auth.admin_read_only', 'The admin API is read-only (ADMIN_READ_ONLY); send X-Break-Glass-Token from POST /v1/admin/break-glass/start to write');
    }
    return breakGlassToken;
  }

  /** ADMIN_ACTION_RATE_LIMIT_PER_MINUTE per acting user and org. */
  async adminWriteRateLimit(identity: StaffIdentity): Promise<void> {
    const decision = await this.limiter.hit(this.adminWriteBucket, `${identity.orgId}:${identity.actor.id}`);
    if (!decision.allowed) throw rateLimited('Too many admin changes in a minute', decision.retryAfterSeconds);
  }
}

function rateLimited(detail: string, retryAfterSeconds: number): AppError {
  return new AppError('request.rate_limited', detail, { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)) });
}
