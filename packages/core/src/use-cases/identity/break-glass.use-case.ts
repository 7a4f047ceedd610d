/**
 * Break-glass (guide 000, "Incident read-only + break-glass procedure"): while ADMIN_READ_ONLY
 * blocks admin writes, an OWNER/ADMIN starts a short-lived, org-scoped token with a reason;
 * writes that present it are allowed until it expires, each one audited with the reason.
 */
import type { RequestContext } from '../../context.js';
import { auditEntry } from '../../domain/audit/audit-builder.js';
import type { BreakGlassToken } from '../../domain/identity/identity.js';
import { InputChecks } from '../../domain/shared/input-checks.js';
import { AppError } from '../../errors/app-error.js';
import type { SecretTokens } from '../../ports/credentials.port.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import { breakGlassToken, minutes, type IdentityOptions } from './identity-policy.js';

export interface BreakGlassDeps {
  readonly uow: UnitOfWork;
  readonly tokens: SecretTokens;
  readonly ids: IdGenerator;
  readonly options: IdentityOptions;
}

/**
 * Returns a one-time-shown token and its expiry; only its hash is stored.
 * @throws validation.failed — reason missing/too long, TTL outside 1..BREAK_GLASS_MAX_TTL_MINUTES.
 * @throws auth.forbidden — the caller is not an OWNER or ADMIN.
 */
export class StartBreakGlass {
  constructor(private readonly deps: BreakGlassDeps) {}

  async execute(ctx: RequestContext, input: { reason: unknown; ttlMinutes: unknown }): Promise<{ token: string; expiresAt: Date }> {
    const checks = new InputChecks();
    const reason = checks.text('/reason', input.reason, { min: 5, max: 500 });
    const ttl = checks.integer('/ttlMinutes', input.ttlMinutes, { min: 1, max: this.deps.options.breakGlassMaxTtlMinutes });
    if (input.ttlMinutes === undefined) checks.fail('/ttlMinutes', 'is required');
    checks.throwIfAny();
    if (ctx.actor.role !== 'owner' && ctx.actor.role !== 'admin') throw new AppError('auth.forbidden', 'Only an owner or admin may break the glass');
    const token = breakGlassToken(this.deps.tokens);
    const record: BreakGlassToken = {
      id: this.deps.ids.next(),
      orgId: ctx.orgId,
      tokenHash: this.deps.tokens.hash(token),
      reason,
      createdBy: ctx.actor.id,
      createdAt: ctx.now,
      expiresAt: new Date(ctx.now.getTime() + minutes(ttl!)),
    };
    await this.deps.uow.run(ctx, async (repos) => {
      await repos.breakGlass.insert(record);
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, {
          action: 'break_glass.start',
          resourceType: 'break_glass',
          resourceId: record.id,
          metadata: { reason, expires_at: record.expiresAt.toISOString(), ttl_minutes: ttl },
        }),
      );
    });
    return { token, expiresAt: record.expiresAt };
  }
}

/**
 * Admits one write under break-glass: the token must be this org's, unexpired, and started by
 * the caller — a token passed to (or taken by) another member admits nothing. Both the
 * admission and such a refusal are audited (with the reason) before the write would run.
 * @throws auth.admin_read_only — no valid token: the admin API stays read-only.
 * @throws auth.break_glass_not_yours — the token was started by someone else.
 */
export class AuthorizeBreakGlassWrite {
  constructor(private readonly deps: Pick<BreakGlassDeps, 'uow' | 'tokens' | 'ids'>) {}

  async execute(ctx: RequestContext, input: { token: string; method: string; path: string }): Promise<{ reason: string; expiresAt: Date }> {
    const outcome = await this.deps.uow.run(ctx, async (repos) => {
      const record = await repos.breakGlass.findByHash(this.deps.tokens.hash(input.token));
      if (record === null || record.expiresAt <= ctx.now) return { kind: 'invalid' as const };
      const mine = record.createdBy === ctx.actor.id;
      // Returned, not thrown, so the refusal's audit row commits.
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, {
          action: mine ? 'break_glass.write' : 'break_glass.refused',
          resourceType: 'break_glass',
          resourceId: record.id,
          metadata: { reason: record.reason, method: input.method, path: input.path, ...(mine ? {} : { started_by: record.createdBy, refusal: 'another_actor' }) },
        }),
      );
      return mine ? { kind: 'admitted' as const, record } : { kind: 'not_yours' as const };
    });
    if (outcome.kind === 'invalid') throw new AppError('auth.admin_read_only', 'The admin API is read-only and the break-glass token is not valid here (expired, or another org)');
    if (outcome.kind === 'not_yours') {
      throw new AppError('auth.break_glass_not_yours', 'This break-glass token was started by another member: start your own (POST /v1/admin/break-glass/start)');
    }
    return { reason: outcome.record.reason, expiresAt: outcome.record.expiresAt };
  }
}
