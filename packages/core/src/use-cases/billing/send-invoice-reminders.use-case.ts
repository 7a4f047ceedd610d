import { Type } from '@sinclair/typebox';
import type { RequestContext, SystemContext } from '../../context.js';
import { Int } from '../../contracts/schema-vocabulary.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { outstandingCents, type Invoice } from '../../domain/billing/invoice.js';
import type { ClientContact } from '../../ports/client-repository.port.js';
import { notificationEnabled } from '../../domain/orgs/org.js';
import { toZoned, type LocalDate, type LocalTime } from '../../domain/scheduling/zoned-time.js';
import type { SecretTokens } from '../../ports/credentials.port.js';
import type { TenantRepositories, UnitOfWork } from '../../ports/unit-of-work.port.js';
import { enqueueMessage } from '../outbox/enqueue-message.js';
import type { Messaging } from '../outbox/messaging.js';
import { forEachOrg, type ForEachOrgDeps } from '../shared/for-each-org.js';
import { orgToday } from './billing-support.js';
import { daysOverdue } from './get-invoice-queue.use-case.js';
import { createInvoiceLink } from './invoice-links.js';

export interface SendInvoiceRemindersDeps extends ForEachOrgDeps {
  readonly uow: UnitOfWork;
  readonly messaging: Messaging;
  /** Public link tokens and their hashes. */
  readonly tokens: SecretTokens;
}

const DEFAULT_BATCH = 200;

/**
 * Reminders are enqueued only from this local time of the org's day, due at once: the hourly job
 * reaches each zone's 09:00 within the hour, and nothing waits in the queue for hours (a reminder
 * waiting there could still go out after the invoice was paid).
 */
export const INVOICE_REMINDER_LOCAL_TIME: LocalTime = '09:00';

/** The dedupe key of an invoice's reminder for step `day` of the schedule. */
export const overdueReminderKey = (invoiceId: string, day: number) => `invoice:${invoiceId}:dunning:overdue:${day}`;

/**
 * The step of `schedule` an invoice `days` past due has reached most recently (the largest day
 * not after `days`), or null before the first. Only that one is sent: an invoice first seen long
 * past due gets one reminder, not every step it missed.
 */
export function dunningStep(schedule: readonly number[], days: number): number | null {
  let step: number | null = null;
  for (const d of schedule) if (d <= days && (step === null || d > step)) step = d;
  return step;
}

const Count = (description: string) => Type.Integer({ minimum: 0, description });

const contract = defineContract({
  name: 'SendInvoiceReminders',
  input: Type.Object({ batchSize: Type.Optional(Int(1, 1000, { description: `Invoices per transaction (default ${DEFAULT_BATCH})` })) }, { additionalProperties: false }),
  output: Type.Object(
    {
      orgsScanned: Count('Organisations visited'),
      invoicesScanned: Count('Unpaid invoices past due (in each org’s zone) looked at'),
      remindersQueued: Count('Reminder messages newly enqueued (steps sent by an earlier run are not counted)'),
      orgsFailed: Count('Organisations whose run failed (the run then fails with the first error)'),
    },
    { additionalProperties: false },
  ),
});

export type SendInvoiceRemindersInput = ContractInput<typeof contract>;

export interface SendInvoiceRemindersResult {
  readonly orgsScanned: number;
  readonly invoicesScanned: number;
  readonly remindersQueued: number;
  readonly orgsFailed: number;
}

/**
 * The `invoice-reminders` job (dunning-lite, guide 000 "Dunning-lite rules"): in every org whose
 * `invoice_reminder` notification is on, once its clock has reached 09:00, each issued invoice
 * with money left to pay whose due date has passed (OVERDUE, PARTIAL, or SENT not yet marked)
 * and has reached a step d of the org's `dunningDays` (today ≥ due + d) gets the
 * `invoice_overdue_reminder` mail for the most recent step reached, once:
 * dedupe key `invoice:{id}:dunning:overdue:{d}`. A fresh public link goes with it as the sealed
 * secret (made as IssueInvoice makes its link). PAID and VOID invoices are not
 * looked at, so payment or voiding stops the reminders; a reminder already enqueued is not
 * withdrawn (it is due at once, so it is normally delivered within seconds of being enqueued).
 * Clients without an email address are skipped. Pages of `batchSize` in one tenant transaction
 * each; an invoice that moves between pages during a run is caught by the next run.
 * @throws validation.failed — batchSize outside 1..1000.
 */
export class SendInvoiceReminders {
  static readonly contract = contract;

  constructor(private readonly deps: SendInvoiceRemindersDeps) {}

  async execute(sys: SystemContext, input: SendInvoiceRemindersInput = {}): Promise<SendInvoiceRemindersResult> {
    const batchSize = checkInput(contract, input).batchSize ?? DEFAULT_BATCH;
    let invoicesScanned = 0;
    let remindersQueued = 0;
    const { orgsScanned, orgsFailed } = await forEachOrg(this.deps, sys, { action: 'system.invoice_reminders' }, async (ctx) => {
      if (this.deps.messaging.channels.email === null) return;
      let offset = 0;
      for (;;) {
        const page = await this.deps.uow.run(ctx, async (repos) => {
          const { today, settings } = await orgToday(repos, ctx);
          if (!notificationEnabled(settings, 'invoice_reminder')) return null;
          if (toZoned(ctx.now, settings.timeZone).time < INVOICE_REMINDER_LOCAL_TIME) return null;
          const { rows } = await repos.invoices.queue({ filter: 'overdue', today, limit: batchSize, offset });
          const clients = new Map((await repos.clients.findContacts([...new Set(rows.map((i) => i.clientId))])).map((c) => [c.id, c]));
          let queued = 0;
          for (const invoice of rows) {
            if (await this.remind(repos, ctx, invoice, clients.get(invoice.clientId) ?? null, settings.dunningDays, today)) queued += 1;
          }
          return { scanned: rows.length, queued };
        });
        if (page === null) return;
        invoicesScanned += page.scanned;
        remindersQueued += page.queued;
        if (page.scanned < batchSize) return;
        offset += batchSize;
      }
    });
    return { orgsScanned, invoicesScanned, remindersQueued, orgsFailed };
  }

  /** Enqueues the invoice's reminder for the step it has reached, unless sent before; whether one was new. */
  private async remind(repos: TenantRepositories, ctx: RequestContext, invoice: Invoice, client: ClientContact | null, schedule: readonly number[], today: LocalDate): Promise<boolean> {
    if (invoice.status !== 'OVERDUE' && invoice.status !== 'PARTIAL' && invoice.status !== 'SENT') return false;
    const days = daysOverdue(invoice, today);
    const step = dunningStep(schedule, days);
    if (step === null || client === null || client.email === null || invoice.number === null) return false;
    const key = overdueReminderKey(invoice.id, step);
    // Checked first so a step already sent makes no link; the enqueue's dedupe still decides under races.
    const sent = await repos.outbox.listByDedupePrefix(`invoice:${invoice.id}:dunning:overdue:`, 100);
    if (sent.some((e) => e.dedupeKey === key)) return false;
    // IssueInvoice's helper: the link is stored now. Should a concurrent run enqueue this step
    // first (the dedupe below then drops ours), the link stays unsent: its token is in no message.
    const { token } = await createInvoiceLink(ctx, this.deps, repos, invoice.id);
    const outcome = await enqueueMessage(this.deps, repos, ctx, {
      channel: 'email',
      dedupeKey: key,
      template: 'invoice_overdue_reminder',
      notification: 'invoice_reminder',
      to: client.email,
      toName: client.name,
      secret: token,
      data: {
        invoiceId: invoice.id,
        invoiceNumber: invoice.number,
        recipientName: client.name,
        totalCents: invoice.totalCents,
        outstandingCents: outstandingCents(invoice),
        currency: invoice.currency,
        dueDate: invoice.dueDate,
        daysOverdue: days,
      },
    });
    return outcome.queued && outcome.created;
  }
}
