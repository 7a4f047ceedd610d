import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { InstantView, OneOf } from '../../contracts/schema-vocabulary.js';
import { auditEntry } from '../../domain/audit/audit-builder.js';
import { AppError } from '../../errors/app-error.js';
import type { BreakGlassDeps } from './start-break-glass.use-case.js';

const contract = defineContract({
  name: 'AuthorizeBreakGlassWrite',
  input: Type.Object(
    {
      // Any string: one that is not a live token of this org (garbage included) is refused as such.
      token: Type.String({ description: 'As presented (X-Break-Glass-Token)' }),
      method: OneOf(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], { description: 'The write to admit' }),
      path: Type.String({ minLength: 1, maxLength: 2048, description: 'Its path, for the audit' }),
    },
    { additionalProperties: false },
  ),
  output: Type.Object({ reason: Type.String(), expiresAt: InstantView() }, { additionalProperties: false }),
});

export type AuthorizeBreakGlassWriteInput = ContractInput<typeof contract>;

/**
 * Admits one write under break-glass: the token must be this org's, unexpired, and started by
 * the caller — a token passed to (or taken by) another member admits nothing. Both the
 * admission and such a refusal are audited (with the reason) before the write would run.
 * @throws auth.admin_read_only — no valid token: the admin API stays read-only.
 * @throws auth.break_glass_not_yours — the token was started by someone else.
 */
export class AuthorizeBreakGlassWrite {
  static readonly contract = contract;

  constructor(private readonly deps: Pick<BreakGlassDeps, 'uow' | 'tokens' | 'ids'>) {}

  async execute(ctx: RequestContext, input: AuthorizeBreakGlassWriteInput): Promise<{ reason: string; expiresAt: Date }> {
    const { token, method, path } = checkInput(contract, input);
    const outcome = await this.deps.uow.run(ctx, async (repos) => {
      const record = await repos.breakGlass.findByHash(this.deps.tokens.hash(token));
      if (record === null || record.expiresAt <= ctx.now) return { kind: 'invalid' as const };
      const mine = record.createdBy === ctx.actor.id;
      // Returned, not thrown, so the refusal's audit row commits.
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, {
          action: mine ? 'break_glass.write' : 'break_glass.refused',
          resourceType: 'break_glass',
          resourceId: record.id,
          metadata: { reason: record.reason, method, path, ...(mine ? {} : { started_by: record.createdBy, refusal: 'another_actor' }) },
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
