export type { JobQueueCaps, JobQueueHarness, StorageHarness, StorageHarnessFactory } from './harness.js';
export * from './fixtures.js';
export { auditLogContract } from './audit-log.contract.js';
export { clientRepositoryContract } from './client-repository.contract.js';
export { jobMonitorContract } from './job-monitor.contract.js';
export { jobQueueContract } from './job-queue.contract.js';
export { leadRepositoryContract } from './lead-repository.contract.js';
export { orgDirectoryContract } from './org-directory.contract.js';
export { outboxContract, type OutboxCaps } from './outbox.contract.js';
export { tenantIsolationContract } from './tenant-isolation.contract.js';
export { unitOfWorkContract } from './unit-of-work.contract.js';
export { schedulingUseCasesContract } from './scheduling-use-cases.contract.js';
export { identityRepositoriesContract, aMember, aMembership, aUser } from './identity-repositories.contract.js';
export { schedulingRepositoriesContract } from './scheduling-repositories.contract.js';
export { billingRepositoriesContract, aPayment, aStripeEvent, anInvoice, anInvoiceLine, anInvoiceLink } from './billing-repositories.contract.js';
export { rateLimiterContract, type RateLimiterCaps, type RateLimiterHarness } from './rate-limiter.contract.js';
export { totpCode, totpStep, totpVerifierContract } from './totp-verifier.contract.js';
export { anEmail, deliveryFailure, mailerContract, type MailerHarness, type MailerPeerFailure, type ReceivedEmail } from './mailer.contract.js';

import type { StorageHarnessFactory } from './harness.js';
import { auditLogContract } from './audit-log.contract.js';
import { clientRepositoryContract } from './client-repository.contract.js';
import { jobMonitorContract } from './job-monitor.contract.js';
import { leadRepositoryContract } from './lead-repository.contract.js';
import { orgDirectoryContract } from './org-directory.contract.js';
import { tenantIsolationContract } from './tenant-isolation.contract.js';
import { unitOfWorkContract } from './unit-of-work.contract.js';
import { identityRepositoriesContract } from './identity-repositories.contract.js';
import { schedulingRepositoriesContract } from './scheduling-repositories.contract.js';
import { schedulingUseCasesContract } from './scheduling-use-cases.contract.js';
import { billingRepositoriesContract } from './billing-repositories.contract.js';

/** Every storage suite, for adapters that implement all storage ports. */
export function storageContract(name: string, factory: StorageHarnessFactory): void {
  orgDirectoryContract(name, factory);
  unitOfWorkContract(name, factory);
  leadRepositoryContract(name, factory);
  clientRepositoryContract(name, factory);
  auditLogContract(name, factory);
  tenantIsolationContract(name, factory);
  jobMonitorContract(name, factory);
  identityRepositoriesContract(name, factory);
  schedulingRepositoriesContract(name, factory);
  schedulingUseCasesContract(name, factory);
  billingRepositoriesContract(name, factory);
}
export { smsSenderContract, type SmsPeerFault, type SmsPeerMessage, type SmsSenderHarness, type SmsSenderHarnessFactory, type SmsSenderHarnessOptions } from './sms-sender.contract.js';
export {
  webhookSenderContract,
  type WebhookPeerFault,
  type WebhookPeerRequest,
  type WebhookSenderHarness,
  type WebhookSenderHarnessFactory,
  type WebhookSenderHarnessOptions,
} from './webhook-sender.contract.js';
export {
  aCheckoutRequest,
  paymentGatewayContract,
  type PaymentGatewayHarness,
  type PaymentGatewayHarnessFactory,
  type PaymentPeerFailure,
  type PeerCheckoutSession,
  type PeerPaymentSetup,
  type SignedWebhook,
  type WebhookOptions,
} from './payment-gateway.contract.js';
