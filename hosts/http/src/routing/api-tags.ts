/** The groups of operations in the document and the reference, each with what it is for. */
export const API_TAGS = {
  Authentication: 'Staff sign-in, sessions, passwords, second factors and emailed account tokens.',
  IAM: 'The org’s staff: invitations, roles, deactivation, password and session resets.',
  Identity: 'The signed-in caller: profile and memberships.',
  Incident: 'Break-glass access while the admin API is read-only.',
  Organisation: 'The org’s settings (time zone, currency, slug) and feature flags.',
  Leads: 'People who asked about a service: pipeline, search, conversion into clients.',
  Clients: 'Customers and the addresses where work happens.',
  Workforce: 'Teams, workers, services and blackouts (time nobody can be booked).',
  Bookings: 'Visits: creation with idempotency, assignment, rescheduling, status and history.',
  'Booking series': 'Recurring visits: weekly or monthly rules, edits from a date, skips.',
  Schedule: 'Conflicts, assignee suggestions, the board and the assignment queue.',
  'Worker portal': 'What a worker sees and does: their jobs, starting and completing them.',
  Invoices: 'Invoices: drafts from lines or completed bookings, batch invoicing, issuing with a numbered invoice and a mailed public link, voiding.',
  Public: 'Unauthenticated intake (the quote request form), public invoice links, and the SMS provider’s inbound replies (STOP/START).',
  Payments: 'The payment processor’s signed webhook (Stripe): card payments, failures and refunds.',
  Finance: 'Finance views: invoice reconcile (mismatch report and repair), the invoices queue and the Stripe events the webhook stored; finance roles only.',
  Audit: 'Who did what: the org’s audit log.',
  Operations: 'Scheduled jobs and their state.',
  Outbox: 'The dead-letter queue: messages, webhooks and exports delivery gave up on, and their replay.',
  Health: 'Liveness, readiness and metrics for operators.',
  Docs: 'This document, the reference page and the problem types.',
} as const satisfies Record<string, string>;

export type ApiTag = keyof typeof API_TAGS;
