/**
 * The jobs this host runs, by their operator-facing names (`--job NAME --once`). Each one calls
 * a use case with a system context; what it returns is logged as the run's summary.
 */
import type { Runtime } from '@cws/composition';
import type { SystemContext } from '@cws/core';

export interface JobSpec {
  readonly name: string;
  readonly description: string;
  /** 5-field cron in `timeZone`; null for jobs that only run when enqueued or by hand. */
  readonly cron: string | null;
  readonly timeZone: string;
  /** Retries after a retryable failure (database unavailable, ...). */
  readonly maxRetries: number;
  readonly retryDelayMs: number;
  run(runtime: Runtime, sys: SystemContext): Promise<Record<string, unknown>>;
}

/** Heartbeats of runners not seen for this long are deleted (they were replaced or removed). */
export const RUNNER_RETENTION_DAYS = 7;

export const JOB_CATALOGUE: readonly JobSpec[] = [
  {
    name: 'outbox-delivery',
    description:
      'Delivers due outbox messages of every org (mail, texts, webhooks) with backoff; dead after OUTBOX_MAX_ATTEMPTS. Job hosts also deliver continuously; this run is the safety net and the --once command.',
    cron: '* * * * *',
    timeZone: 'UTC',
    maxRetries: 0,
    retryDelayMs: 0,
    async run(runtime, sys) {
      const result = await runtime.core.outbox.deliver.execute(sys);
      return { rounds: result.rounds, claimed: result.claimed, sent: result.sent, retried: result.retried, dead: result.dead, superseded: result.superseded };
    },
  },
  {
    name: 'leads-auto-archive',
    description: 'Archives leads left new/contacted longer than each org’s lead_auto_archive_days (orgs without it are skipped).',
    cron: '15 3 * * *',
    timeZone: 'UTC',
    maxRetries: 3,
    retryDelayMs: 60_000,
    async run(runtime, sys) {
      const result = await runtime.core.leads.archiveStale.execute(sys);
      return { orgs_scanned: result.orgsScanned, orgs_enabled: result.orgsEnabled, leads_archived: result.leadsArchived };
    },
  },
  {
    name: 'booking-series-generate',
    description: 'Makes the occurrences of recurring booking series up to the horizon (56 days) in every org; occurrences whose people are taken are made unassigned.',
    cron: '30 2 * * *',
    timeZone: 'UTC',
    maxRetries: 3,
    retryDelayMs: 60_000,
    async run(runtime, sys) {
      const result = await runtime.core.series.generate.execute(sys);
      return {
        orgs_scanned: result.orgsScanned,
        series_extended: result.seriesExtended,
        occurrences_created: result.occurrencesCreated,
        occurrences_unassigned: result.unassigned,
      };
    },
  },
  {
    name: 'booking-reminders',
    description:
      'Enqueues booking_reminder (email, and SMS when the client has a phone) for bookings pending or confirmed that start tomorrow in each org’s zone, due from 09:00 local. Hourly, so every zone is covered soon after its midnight; each booking is reminded once (again only if it moves).',
    cron: '5 * * * *',
    timeZone: 'UTC',
    maxRetries: 3,
    retryDelayMs: 60_000,
    async run(runtime, sys) {
      const result = await runtime.core.bookings.sendReminders.execute(sys);
      return { orgs_scanned: result.orgsScanned, bookings_scanned: result.bookingsScanned, reminders_queued: result.remindersQueued };
    },
  },
  {
    name: 'invoices-mark-overdue',
    description:
      'Moves SENT invoices whose due date has passed on each org’s calendar to OVERDUE (each locked and settled from its payments, so one whose payments cover it becomes PARTIAL or PAID instead), audited as invoice.settled. Hourly, so each zone’s new day is reached within the hour; a second run finds nothing.',
    cron: '2 * * * *',
    timeZone: 'UTC',
    maxRetries: 3,
    retryDelayMs: 60_000,
    async run(runtime, sys) {
      const result = await runtime.core.finance.markOverdue.execute(sys);
      return {
        orgs_scanned: result.orgsScanned,
        invoices_scanned: result.invoicesScanned,
        invoices_marked_overdue: result.invoicesMarkedOverdue,
        invoices_settled: result.invoicesSettled,
      };
    },
  },
  {
    name: 'invoice-reminders',
    description:
      'Overdue reminders (dunning-lite): once each org’s clock passes 09:00, enqueues invoice_overdue_reminder (email, with a fresh pay link) for unpaid invoices past due that reached a step of the org’s dunning_days (default 3, 7, 14): only the latest step reached, each step once; never for PAID or VOID invoices; off with the invoice_reminder notification. Hourly, so every zone is covered.',
    cron: '10 * * * *',
    timeZone: 'UTC',
    maxRetries: 3,
    retryDelayMs: 60_000,
    async run(runtime, sys) {
      const result = await runtime.core.finance.sendReminders.execute(sys);
      return { orgs_scanned: result.orgsScanned, invoices_scanned: result.invoicesScanned, reminders_queued: result.remindersQueued };
    },
  },
  {
    name: 'idempotency-keys-prune',
    description: 'Deletes expired Idempotency-Key records (kept 48 hours) in every org.',
    cron: '20 4 * * *',
    timeZone: 'UTC',
    maxRetries: 3,
    retryDelayMs: 60_000,
    async run(runtime, sys) {
      const result = await runtime.core.ops.pruneIdempotencyKeys.execute(sys);
      return { orgs_scanned: result.orgsScanned, keys_deleted: result.keysDeleted };
    },
  },
  {
    name: 'job-heartbeats-prune',
    description: `Deletes heartbeat rows of runners not seen for ${RUNNER_RETENTION_DAYS} days, so /v1/admin/jobs/status lists live runners.`,
    cron: '45 3 * * 0',
    timeZone: 'UTC',
    maxRetries: 3,
    retryDelayMs: 60_000,
    async run(runtime, sys) {
      const removed = await runtime.ports.jobMonitor.pruneRunners(new Date(sys.now.getTime() - RUNNER_RETENTION_DAYS * 86_400_000));
      return { runners_removed: removed };
    },
  },
];

export function findJob(name: string): JobSpec | undefined {
  return JOB_CATALOGUE.find((job) => job.name === name);
}
