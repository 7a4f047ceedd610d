/**
 * Builds every use case from plain port instances, so any Node app can embed the core without a
 * DI container: `const core = createCore({ uow, orgs, ... }); await core.leads.create.execute(ctx, input)`.
 */
import { SystemClock } from './defaults/system-clock.js';
import { RandomIdGenerator } from './defaults/random-id-generator.js';
import type { SystemAuditLog } from './ports/audit-log.port.js';
import type { Clock } from './ports/clock.port.js';
import type { IdGenerator } from './ports/id-generator.port.js';
import type { JobMonitor } from './ports/job-monitor.port.js';
import type { OrgDirectory } from './ports/org-directory.port.js';
import type { UnitOfWork } from './ports/unit-of-work.port.js';
import type { SessionLookup, UserAccounts } from './ports/identity-repositories.port.js';
import type { PasswordHasher, SecretSealer, SecretTokens } from './ports/credentials.port.js';
import type { RateLimiter } from './ports/rate-limiter.port.js';
import type { TotpVerifier } from './ports/totp-verifier.port.js';
import type { PasswordStrength } from './ports/password-strength.port.js';
import { ScryptPasswordHasher } from './defaults/scrypt-password-hasher.js';
import { RandomSecretTokens } from './defaults/random-secret-tokens.js';
import { AppError } from './errors/app-error.js';
import type { CoreServices } from './use-cases/shared/core-services.js';
import { CreateOrg } from './use-cases/orgs/create-org.use-case.js';
import { DEFAULT_WORKER_PORTAL_OPTIONS, type WorkerPortalOptions } from './use-cases/worker-portal/worker-portal-options.js';
import { leadUseCases } from './use-cases/leads/lead-use-cases.js';
import { clientUseCases } from './use-cases/clients/client-use-cases.js';
import { identityUseCases } from './use-cases/identity/identity-use-cases.js';
import { iamUseCases } from './use-cases/iam/iam-use-cases.js';
import { orgUseCases } from './use-cases/orgs/org-use-cases.js';
import { auditUseCases } from './use-cases/audit/audit-use-cases.js';
import { workforceUseCases } from './use-cases/workforce/workforce-use-cases.js';
import { bookingUseCases } from './use-cases/bookings/booking-use-cases.js';
import { seriesUseCases } from './use-cases/booking-series/series-use-cases.js';
import { scheduleUseCases } from './use-cases/schedule/schedule-use-cases.js';
import { workerPortalUseCases } from './use-cases/worker-portal/worker-portal-use-cases.js';
import { opsUseCases } from './use-cases/ops/ops-use-cases.js';
import { BASIC_PASSWORD_STRENGTH, DEFAULT_IDENTITY_OPTIONS, type IdentityOptions } from './use-cases/identity/identity-policy.js';
import { SearchAdmission, type SearchLimits } from './use-cases/shared/search-admission.js';
import type { MessageChannels, SmsOptOutStore } from './ports/message-channels.port.js';
import type { OutboxDeliveryStore, OutboxObserver } from './ports/outbox.port.js';
import { AesGcmSecretSealer } from './defaults/aes-gcm-secret-sealer.js';
import { DEFAULT_OUTBOX_OPTIONS, type Messaging, type OutboxOptions } from './use-cases/outbox/messaging.js';
import { outboxUseCases } from './use-cases/outbox/outbox-use-cases.js';
import { financeUseCases } from './use-cases/billing/finance-use-cases.js';
import { invoiceUseCases } from './use-cases/billing/invoice-use-cases.js';
import type { PaymentGateway } from './ports/payment-gateway.port.js';
import { DEFAULT_BILLING_OPTIONS, type BillingOptions } from './use-cases/billing/billing-support.js';
import { stripeUseCases } from './use-cases/billing/stripe-use-cases.js';
import type { InvoiceDocumentRenderer } from './ports/invoice-document.port.js';
import { documentUseCases } from './use-cases/billing/document-use-cases.js';
import { paymentUseCases } from './use-cases/billing/payment-use-cases.js';
import { DEFAULT_ROSTER_CACHE_OPTIONS, OrgRosterCache, type RosterCacheOptions } from './use-cases/schedule/org-roster-cache.js';

export interface CorePorts {
  readonly uow: UnitOfWork;
  readonly orgs: OrgDirectory;
  readonly systemAudit: SystemAuditLog;
  readonly jobMonitor: JobMonitor;
  readonly userAccounts: UserAccounts;
  /** The per-request session check, when the store answers it faster than a unit of work. */
  readonly sessionLookup?: SessionLookup;
  /** Brute-force limits of sign-in and one-time codes (a shared store across replicas). */
  readonly rateLimiter: RateLimiter;
  /** One-time codes; without it, enrolling or proving TOTP fails as unavailable. */
  readonly totp?: TotpVerifier;
  /** Encrypts TOTP secrets; without it, enrolling or proving TOTP fails as unavailable. */
  readonly secretSealer?: SecretSealer;
  readonly passwordHasher?: PasswordHasher;
  /** Judges passwords people choose; without it, the core's basic rule (length, repeats, common words). */
  readonly passwordStrength?: PasswordStrength;
  /** Without it, a per-process random key (system-audit fingerprints then match only within the process). */
  readonly secretTokens?: SecretTokens;
  readonly ids?: IdGenerator;
  readonly clock?: Clock;
  /** The delivery side of the outbox (the job host's); without it `outbox.deliver` refuses to run. */
  readonly outboxDelivery?: OutboxDeliveryStore;
  /** Where messages go; a channel left out is not delivered, and notifications for it are not enqueued. */
  readonly channels?: Partial<MessageChannels>;
  readonly smsOptOuts?: SmsOptOutStore;
  /**
   * Seals tokens that outbox messages carry. Give every process that enqueues or delivers the
   * same key; without it, a per-process random key (messages then deliver only from this process).
   */
  readonly messageSealer?: SecretSealer;
  /** Told each delivery's outcome (metrics). */
  readonly outboxObserver?: OutboxObserver;
  /** The card processor; without it, checkout and card refunds fail as payment.not_configured. */
  readonly payments?: PaymentGateway;
  /** Renders invoice PDFs; without it, `invoiceDocuments.getPdf` fails as document.unavailable. */
  readonly invoiceDocuments?: InvoiceDocumentRenderer;
}

const unavailable = (what: string) => () => {
  throw new AppError('storage.unavailable', `No ${what} is configured`, { retryable: false });
};
const NO_TOTP: TotpVerifier = { generateSecret: unavailable('TOTP verifier'), keyUri: unavailable('TOTP verifier'), verify: unavailable('TOTP verifier') };
const NO_SEALER: SecretSealer = { seal: unavailable('secret sealer'), open: unavailable('secret sealer') };

export interface CoreOptions {
  /** Age after which a job runner's heartbeat counts as stale (guide default 180 s). */
  readonly jobHeartbeatTtlSeconds?: number;
  readonly identity?: Partial<IdentityOptions>;
  readonly workerPortal?: Partial<WorkerPortalOptions>;
  /** Text searches running at once (per process, per org); keep the total below the database pool size. */
  readonly search?: Partial<SearchLimits>;
  readonly outbox?: Partial<OutboxOptions>;
  readonly billing?: Partial<BillingOptions>;
  /** How long suggestions may use an org's roster read earlier in this process (default 5 s; 0: never), for how many orgs. */
  readonly rosterCache?: Partial<RosterCacheOptions>;
}

export function createCore(ports: CorePorts, options_: CoreOptions = {}) {
  const ids = ports.ids ?? new RandomIdGenerator();
  const clock = ports.clock ?? new SystemClock();
  const { orgs, systemAudit } = ports;
  const rosters = new OrgRosterCache(clock, { ...DEFAULT_ROSTER_CACHE_OPTIONS, ...options_.rosterCache });
  // Every use case's unit of work: one that writes a worker, team or the org's settings drops the org's roster.
  const uow = rosters.watch(ports.uow);
  const options: IdentityOptions = { ...DEFAULT_IDENTITY_OPTIONS, ...options_.identity };
  const tokens = ports.secretTokens ?? new RandomSecretTokens();
  const messaging: Messaging = {
    channels: { email: ports.channels?.email ?? null, sms: ports.channels?.sms ?? null, webhook: ports.channels?.webhook ?? null },
    sealer: ports.messageSealer ?? new AesGcmSecretSealer(tokens.random(32), 'outbox-message:v1'),
    tokens,
    smsOptOuts: ports.smsOptOuts ?? null,
    delivery: ports.outboxDelivery ?? null,
    options: { ...DEFAULT_OUTBOX_OPTIONS, ...options_.outbox },
  };
  const credentials = {
    users: ports.userAccounts,
    uow,
    hasher: ports.passwordHasher ?? new ScryptPasswordHasher(),
    totp: ports.totp ?? NO_TOTP,
    sealer: ports.secretSealer ?? NO_SEALER,
    tokens,
    limiter: ports.rateLimiter,
    sessionLookup: ports.sessionLookup ?? null,
    ids,
    systemAudit,
    options,
    strength: ports.passwordStrength ?? BASIC_PASSWORD_STRENGTH,
    // Invitations and emailed resets are enqueued in the unit of work that issues their token.
    messaging,
    orgs,
  };
  const createOrg = new CreateOrg({ orgs, ids });
  const services: CoreServices = {
    uow,
    ids,
    clock,
    orgs,
    systemAudit,
    jobs: ports.jobMonitor,
    limiter: ports.rateLimiter,
    credentials,
    workerCredentials: { uow, ids, hasher: credentials.hasher, limiter: ports.rateLimiter, orgs, strength: credentials.strength },
    options,
    portalOptions: { ...DEFAULT_WORKER_PORTAL_OPTIONS, ...options_.workerPortal },
    // One admission for lead and client searches: they share the same database connections.
    searches: new SearchAdmission(options_.search),
    createOrg,
    heartbeatTtlSeconds: options_.jobHeartbeatTtlSeconds ?? 180,
    messaging,
    outboxObserver: ports.outboxObserver ?? null,
    billing: { uow, ids, messaging, payments: ports.payments ?? null, tokens, options: { ...DEFAULT_BILLING_OPTIONS, ...options_.billing } },
    invoiceDocuments: ports.invoiceDocuments ?? null,
    rosters,
  };
  return {
    clock,
    ids,
    leads: leadUseCases(services),
    clients: clientUseCases(services),
    identity: identityUseCases(services),
    iam: iamUseCases(services),
    orgs: orgUseCases(services),
    audit: auditUseCases(services),
    workforce: workforceUseCases(services),
    bookings: bookingUseCases(services),
    series: seriesUseCases(services),
    schedule: scheduleUseCases(services),
    workerPortal: workerPortalUseCases(services),
    ops: opsUseCases(services),
    outbox: outboxUseCases(services),
    finance: financeUseCases(services),
    invoices: invoiceUseCases(services),
    stripe: stripeUseCases(services),
    invoiceDocuments: documentUseCases(services),
    payments: paymentUseCases(services),
  };
}

export type Core = ReturnType<typeof createCore>;
