import type { RequestContext } from '../../context.js';
import { auditEntry, snapshot } from '../../domain/audit/audit-builder.js';
import type { Lead } from '../../domain/leads/lead.js';
import { InputChecks } from '../../domain/shared/input-checks.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import { leadNotFound } from './get-lead.use-case.js';

export interface ArchiveLeadDeps {
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
}

/**
 * Archives a lead: hidden from default lists, frozen against edits. Archiving an archived lead
 * returns it unchanged and writes no audit row, so retries are safe.
 * @throws validation.failed — the id is not a UUID.
 * @throws lead.not_found — no such lead in this org.
 */
export class ArchiveLead {
  constructor(private readonly deps: ArchiveLeadDeps) {}

  async execute(ctx: RequestContext, input: { id: string; reason?: string }): Promise<Lead> {
    const checks = new InputChecks();
    const id = checks.uuid('/id', input.id);
    const reason = checks.optionalText('/reason', input.reason, { max: 500 }) ?? null;
    checks.throwIfAny();
    return this.deps.uow.run(ctx, async (repos) => {
      const before = await repos.leads.findById(id, { forUpdate: true });
      if (before === null) throw leadNotFound(id);
      if (before.archivedAt !== null) return before;
      const after: Lead = { ...before, archivedAt: ctx.now, updatedAt: ctx.now };
      await repos.leads.update(after);
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, {
          action: 'lead.archive',
          resourceType: 'lead',
          resourceId: id,
          before: snapshot(before),
          after: snapshot(after),
          metadata: reason === null ? {} : { reason },
        }),
      );
      return after;
    });
  }
}
