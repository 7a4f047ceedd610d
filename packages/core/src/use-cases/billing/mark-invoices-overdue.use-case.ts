import { Type } from '@sinclair/typebox';
import type { SystemContext } from '../../context.js';
import { Int } from '../../contracts/schema-vocabulary.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import { forEachOrg, type ForEachOrgDeps } from '../shared/for-each-org.js';
import { loadInvoice, orgToday, settleInvoice } from './billing-support.js';

export interface MarkInvoicesOverdueDeps extends ForEachOrgDeps {
  readonly uow: UnitOfWork;
}

const DEFAULT_BATCH = 100;

const Count = (description: string) => Type.Integer({ minimum: 0, description });

const contract = defineContract({
  name: 'MarkInvoicesOverdue',
  input: Type.Object({ batchSize: Type.Optional(Int(1, 1000, { description: `Invoices per transaction (default ${DEFAULT_BATCH})` })) }, { additionalProperties: false }),
  output: Type.Object(
    {
      orgsScanned: Count('Organisations visited'),
      invoicesScanned: Count('SENT invoices past their due date looked at'),
      invoicesMarkedOverdue: Count('Invoices moved to OVERDUE'),
      invoicesSettled: Count('Invoices whose payments gave another status (PARTIAL, PAID) once recomputed'),
      orgsFailed: Count('Organisations whose run failed (the run then fails with the first error)'),
    },
    { additionalProperties: false },
  ),
});

export type MarkInvoicesOverdueInput = ContractInput<typeof contract>;

export interface MarkInvoicesOverdueResult {
  readonly orgsScanned: number;
  readonly invoicesScanned: number;
  readonly invoicesMarkedOverdue: number;
  readonly invoicesSettled: number;
  readonly orgsFailed: number;
}

/**
 * The `invoices-mark-overdue` job: in every org, SENT invoices whose due date is before today on
 * the org's calendar are settled — the row locked, paid and status recomputed from the payments
 * by `settleInvoice`, exactly as a payment or a reconcile would — which moves an unpaid one to
 * OVERDUE (and one whose payments were not yet counted to PARTIAL or PAID). Each change is
 * audited (`invoice.settled`, cause `invoices-mark-overdue`). Idempotent: a second run finds no
 * SENT invoice past due. Pages of `batchSize` invoices, each in its own tenant transaction,
 * locked in (due date, id) order.
 * @throws validation.failed — batchSize outside 1..1000.
 */
export class MarkInvoicesOverdue {
  static readonly contract = contract;

  constructor(private readonly deps: MarkInvoicesOverdueDeps) {}

  async execute(sys: SystemContext, input: MarkInvoicesOverdueInput = {}): Promise<MarkInvoicesOverdueResult> {
    const batchSize = checkInput(contract, input).batchSize ?? DEFAULT_BATCH;
    let invoicesScanned = 0;
    let invoicesMarkedOverdue = 0;
    let invoicesSettled = 0;
    const { orgsScanned, orgsFailed } = await forEachOrg(this.deps, sys, { action: 'system.invoices_mark_overdue' }, async (ctx) => {
      for (;;) {
        const page = await this.deps.uow.run(ctx, async (repos) => {
          const { today } = await orgToday(repos, ctx);
          const due = await repos.invoices.listPastDue(today, batchSize);
          let overdue = 0;
          let settled = 0;
          for (const candidate of due) {
            // Read again under the lock: a payment may have settled it since the list was read.
            const invoice = await loadInvoice(repos, candidate.id, { forUpdate: true });
            const result = await settleInvoice(ctx, this.deps, repos, invoice, today, { reason: 'invoices-mark-overdue' });
            if (!result.changed) continue;
            if (result.after.status === 'OVERDUE') overdue += 1;
            else settled += 1;
          }
          return { scanned: due.length, changed: overdue + settled, overdue, settled };
        });
        invoicesScanned += page.scanned;
        invoicesMarkedOverdue += page.overdue;
        invoicesSettled += page.settled;
        // A page that changed nothing would be listed again: stop rather than loop.
        if (page.scanned < batchSize || page.changed === 0) return;
      }
    });
    return { orgsScanned, invoicesScanned, invoicesMarkedOverdue, invoicesSettled, orgsFailed };
  }
}
