import type { RequestContext, SystemContext } from '../../context.js';
import { auditEntry, snapshot } from '../../domain/audit/audit-builder.js';
import type { Lead } from '../../domain/leads/lead.js';
import { Type } from '@sinclair/typebox';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { Int } from '../../contracts/schema-vocabulary.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import { forEachOrg, type ForEachOrgDeps } from '../shared/for-each-org.js';

export interface ArchiveStaleLeadsDeps extends ForEachOrgDeps {
  readonly uow: UnitOfWork;
}

export interface ArchiveStaleLeadsResult {
  readonly orgsScanned: number;
  readonly orgsEnabled: number;
  readonly leadsArchived: number;
  /** Orgs whose batch failed; the others were still processed. */
  readonly orgsFailed: number;
}

const STALE_STATUSES = ['new', 'contacted'] as const;

const contract = defineContract({
  name: 'ArchiveStaleLeads',
  input: Type.Object({ batchSize: Type.Optional(Int(1, 10_000, { description: 'Leads per transaction (default 500)' })) }, { additionalProperties: false }),
  output: Type.Object(
    { orgsScanned: Type.Integer(), orgsEnabled: Type.Integer(), leadsArchived: Type.Integer(), orgsFailed: Type.Integer() },
    { additionalProperties: false },
  ),
});

/**
 * The `leads-auto-archive` job: in every org whose settings say `leadAutoArchiveDays`, archives
 * leads still `new` or `contacted` and untouched for that many days. Cross-org: one system audit
 * row for the run, then one tenant transaction per org batch, each archive audited in its org.
 * Safe to re-run: archived leads are no longer stale. One org failing does not stop the others;
 * the run then ends with the first failure so the job host records it and retries.
 * @throws validation.failed — batchSize outside 1..10000.
 */
export class ArchiveStaleLeads {
  static readonly contract = contract;

  constructor(private readonly deps: ArchiveStaleLeadsDeps) {}

  async execute(sys: SystemContext, options: ContractInput<typeof contract> = {}): Promise<ArchiveStaleLeadsResult> {
    const batchSize = checkInput(contract, options).batchSize ?? 500;
    let orgsEnabled = 0;
    let leadsArchived = 0;
    const { orgsScanned, orgsFailed } = await forEachOrg(this.deps, sys, { action: 'system.leads_auto_archive' }, async (ctx) => {
      const outcome = await this.archiveInOrg(ctx, batchSize);
      if (outcome.enabled) orgsEnabled += 1;
      leadsArchived += outcome.archived;
    });
    return { orgsScanned, orgsEnabled, leadsArchived, orgsFailed };
  }

  /** Archives one org's stale leads in batches, one tenant transaction per batch. */
  private async archiveInOrg(ctx: RequestContext, batchSize: number): Promise<{ enabled: boolean; archived: number }> {
    let archived = 0;
    for (;;) {
      const batch = await this.deps.uow.run(ctx, async (repos) => {
        const settings = await repos.orgSettings.get();
        if (settings?.leadAutoArchiveDays == null) return null;
        const cutoff = new Date(ctx.now.getTime() - settings.leadAutoArchiveDays * 86_400_000);
        const stale = await repos.leads.listStale({ updatedBefore: cutoff, statuses: STALE_STATUSES, limit: batchSize });
        for (const lead of stale) {
          const after: Lead = { ...lead, archivedAt: ctx.now, updatedAt: ctx.now };
          await repos.leads.update(after);
          await repos.audit.append(
            auditEntry(ctx, this.deps.ids, {
              action: 'lead.archive',
              resourceType: 'lead',
              resourceId: lead.id,
              before: snapshot(lead),
              after: snapshot(after),
              metadata: { reason: 'auto_archive', days: settings.leadAutoArchiveDays },
            }),
          );
        }
        return stale.length;
      });
      if (batch === null) return { enabled: false, archived };
      archived += batch;
      if (batch < batchSize) return { enabled: true, archived };
    }
  }
}
