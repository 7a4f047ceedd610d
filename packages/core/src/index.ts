export * from './context.js';
export * from './errors/app-error.js';
export * from './errors/error-codes.js';
export * from './access/roles.js';
export * from './access/permissions.js';
export * from './access/personal-data.js';
export * from './domain/shared/pagination.js';
export * from './domain/shared/address.js';
export * from './domain/shared/search.js';
export * from './domain/orgs/org.js';
export * from './domain/leads/lead.js';
export * from './domain/clients/client.js';
export * from './domain/audit/audit-entry.js';
export * from './domain/jobs/job-status.js';
export * from './domain/identity/identity.js';
export * from './domain/scheduling/zoned-time.js';
export * from './domain/scheduling/recurrence.js';
export * from './domain/scheduling/workforce.js';
export * from './domain/scheduling/booking.js';
export * from './domain/scheduling/booking-series.js';
export * from './domain/shared/idempotency.js';
export * from './domain/outbox/outbox-event.js';
export * from './domain/outbox/message-templates.js';
export * from './domain/outbox/mail-text.js';
export type * from './ports/clock.port.js';
export type * from './ports/id-generator.port.js';
export type * from './ports/lead-repository.port.js';
export type * from './ports/client-repository.port.js';
export type * from './ports/audit-log.port.js';
export type * from './ports/org-settings-repository.port.js';
export type * from './ports/unit-of-work.port.js';
export type * from './ports/org-directory.port.js';
export type * from './ports/job-monitor.port.js';
export type * from './ports/job-queue.port.js';
export type * from './ports/rate-limiter.port.js';
export type * from './ports/totp-verifier.port.js';
export type * from './ports/identity-repositories.port.js';
export type * from './ports/credentials.port.js';
export type * from './ports/password-strength.port.js';
export type * from './ports/scheduling-repositories.port.js';
export type * from './ports/availability-repository.port.js';
export * from './ports/payment-gateway.port.js';
export type * from './ports/billing-repositories.port.js';
export * from './domain/billing/currency.js';
export * from './domain/billing/invoice-totals.js';
export * from './domain/billing/invoice.js';
export * from './domain/billing/invoice-document.js';
export type * from './ports/invoice-document.port.js';
export type * from './ports/outbox.port.js';
export type * from './ports/message-channels.port.js';
export * from './defaults/system-clock.js';
export * from './defaults/random-id-generator.js';
export * from './defaults/scrypt-password-hasher.js';
export * from './defaults/aes-gcm-secret-sealer.js';
export * from './defaults/random-secret-tokens.js';
export * from './create-core.js';
export * from './use-cases/leads/index.js';
export * from './use-cases/clients/index.js';
export * from './use-cases/orgs/index.js';
export * from './use-cases/audit/index.js';
export * from './use-cases/ops/index.js';
export * from './use-cases/identity/index.js';
export * from './use-cases/iam/index.js';
export * from './use-cases/workforce/index.js';
export * from './use-cases/worker-portal/index.js';
export * from './use-cases/bookings/index.js';
export * from './use-cases/booking-series/index.js';
export * from './use-cases/schedule/index.js';
export * from './use-cases/outbox/index.js';
export * from './use-cases/billing/get-invoice-reconcile-report.use-case.js';
export * from './use-cases/billing/reconcile-invoice.use-case.js';
export * from './use-cases/billing/get-invoice-queue.use-case.js';
export * from './use-cases/billing/mark-invoices-overdue.use-case.js';
export * from './use-cases/billing/send-invoice-reminders.use-case.js';
export * from './use-cases/billing/finance-support.js';
export { booksOf, loadInvoice, orgToday, settleInvoice, type BooksSnapshot, type Settlement } from './use-cases/billing/billing-support.js';
export * from './domain/clients/client-schemas.js';
export * from './domain/shared/list-input.js';
export { DEFAULT_SEARCH_LIMITS, SearchAdmission, type SearchLimits } from './use-cases/shared/search-admission.js';
export type { CreateClientInput } from './use-cases/clients/create-client.use-case.js';
export type { ListClientsInput } from './use-cases/clients/list-clients.use-case.js';
export type { UpdateClientInput } from './use-cases/clients/update-client.use-case.js';
export type { CreateOrgInput } from './use-cases/orgs/create-org.use-case.js';
export type { ListAuditLogsInput } from './use-cases/audit/list-audit-logs.use-case.js';
export type { JobsStatus, RunnerStatus } from './use-cases/ops/get-jobs-status.use-case.js';
export type { SignInResult } from './use-cases/identity/sign-in.use-case.js';
export type { BootstrapResult } from './use-cases/identity/bootstrap-owner.use-case.js';
export {
  BASIC_PASSWORD_STRENGTH,
  DEFAULT_IDENTITY_OPTIONS,
  newPasswordRefusal,
  assertHardToGuess,
  passwordContext,
  LOGIN_FAILURES_BY_ACCOUNT,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  LOGIN_FAILURES_BY_IP,
  MFA_ROLES,
  TOTP_FAILURES_BY_ACCOUNT,
  type IdentityOptions,
} from './use-cases/identity/identity-policy.js';
export type { VisitDetails } from './use-cases/scheduling/scheduling-support.js';
export * from './contracts/schema-vocabulary.js';
export * from './contracts/use-case-contract.js';
export * from './domain/shared/input-limits.js';
export * from './use-cases/billing/invoice-index.js';
export * from './use-cases/billing/handle-payment-webhook.use-case.js';
export * from './use-cases/billing/get-stripe-events.use-case.js';
export * from './use-cases/billing/get-invoice-pdf.use-case.js';
export * from './domain/billing/payment-schemas.js';
export * from './domain/billing/deposit.js';
export * from './use-cases/billing/record-manual-payment.use-case.js';
export * from './use-cases/billing/refund-payment.use-case.js';
export * from './use-cases/billing/list-invoice-payments.use-case.js';
export * from './use-cases/billing/get-client-credit.use-case.js';
export * from './use-cases/billing/create-invoice-checkout.use-case.js';
export * from './use-cases/billing/create-public-invoice-checkout.use-case.js';
export * from './use-cases/billing/create-deposit-checkout.use-case.js';
export * from './use-cases/billing/record-manual-deposit.use-case.js';
export type { CheckoutStarted } from './use-cases/billing/payment-checkout.js';
export { balanceView } from './use-cases/billing/payment-support.js';
export { findLiveInvoiceLink, createInvoiceLink } from './use-cases/billing/invoice-links.js';
export { paymentUseCases } from './use-cases/billing/payment-use-cases.js';
