/**
 * Break-glass (guide 000, "Incident read-only + break-glass procedure"): while ADMIN_READ_ONLY
 * blocks admin writes, an OWNER/ADMIN starts a short-lived, org-scoped token with a reason;
 * writes that present it are allowed until it expires (AuthorizeBreakGlassWrite), each one
 * audited with the reason.
 */
import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { auditEntry } from '../../domain/audit/audit-builder.js';
import type { BreakGlassToken } from '../../domain/identity/identity.js';
import { BREAK_GLASS_HARD_MAX_TTL_MINUTES, BreakGlassReason, BreakGlassTokenView, BreakGlassTtlMinutes } from '../../domain/identity/identity-schemas.js';
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

const contract = defineContract({
  name: 'StartBreakGlass',
  input: Type.Object({ reason: BreakGlassReason, ttlMinutes: BreakGlassTtlMinutes }, { additionalProperties: false }),
  output: BreakGlassTokenView,
});

export type StartBreakGlassInput = ContractInput<typeof contract>;

/**
 * Returns a one-time-shown token and its expiry; only its hash is stored.
 * @throws validation.failed — reason missing, shorter than 5 or longer than 500 characters; TTL
 *   outside 1..60, or above BREAK_GLASS_MAX_TTL_MINUTES when that is lower.
 * @throws auth.forbidden — the caller is not an OWNER or ADMIN.
 */
export class StartBreakGlass {
  static readonly contract = contract;

  constructor(private readonly deps: BreakGlassDeps) {}

  async execute(ctx: RequestContext, input: StartBreakGlassInput): Promise<{ token: string; expiresAt: Date }> {
    const { reason, ttlMinutes } = checkInput(contract, input);
    // The contract holds the hard limit; the configuration may only lower it.
    const max = Math.min(this.deps.options.breakGlassMaxTtlMinutes, BREAK_GLASS_HARD_MAX_TTL_MINUTES);
    if (ttlMinutes > max) {
      const detail = `must be an integer from 1 to ${max} (BREAK_GLASS_MAX_TTL_MINUTES)`;
      throw AppError.validation([{ pointer: '/ttlMinutes', detail }], `/ttlMinutes ${detail}`);
    }
    if (ctx.actor.role !== 'owner' && ctx.actor.role !== 'admin') throw new AppError('auth.forbidden', 'Only an owner or admin may break the glass');
    const token = breakGlassToken(this.deps.tokens);
    const record: BreakGlassToken = {
      id: this.deps.ids.next(),
      orgId: ctx.orgId,
      tokenHash: this.deps.tokens.hash(token),
      reason,
      createdBy: ctx.actor.id,
      createdAt: ctx.now,
      expiresAt: new Date(ctx.now.getTime() + minutes(ttlMinutes)),
    };
    await this.deps.uow.run(ctx, async (repos) => {
      await repos.breakGlass.insert(record);
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, {
          action: 'break_glass.start',
          resourceType: 'break_glass',
          resourceId: record.id,
          metadata: { reason, expires_at: record.expiresAt.toISOString(), ttl_minutes: ttlMinutes },
        }),
      );
    });
    return { token, expiresAt: record.expiresAt };
  }
}
