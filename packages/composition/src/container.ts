/**
 * The inversify container: adapters chosen from configuration, the core built from them. Only
 * factories with explicit dependency lists (toResolvedValue), so nothing relies on decorator
 * metadata and the same wiring runs under tsx and compiled code.
 */
import 'reflect-metadata';
import { Container } from 'inversify';
import { createMemoryAdapters } from '@cws/adapter-memory';
import { createRateLimiter, type RateLimiterHandle } from '@cws/adapter-rate-limits';
import { OtplibTotpVerifier } from '@cws/adapter-totp-otplib';
import { ZxcvbnPasswordStrength } from '@cws/adapter-password-zxcvbn';
import { PdfkitInvoiceRenderer } from '@cws/adapter-documents-pdfkit';
import { DEFAULT_SEARCH_TUNING, createPostgresAdapters } from '@cws/adapter-postgres';
import {
  AesGcmSecretSealer,
  DEFAULT_OUTBOX_RETRY_POLICY,
  RandomIdGenerator,
  RandomSecretTokens,
  SystemClock,
  createCore,
  type Clock,
  type Core,
  type CorePorts,
  type IdGenerator,
  type MessageChannels,
  type PasswordHasher,
  type SearchLimits,
  type SecretSealer,
} from '@cws/core';
import type { Config } from './config/index.js';
import { openDatabase, type DatabaseHandle, type OpenDatabaseOptions } from './database-handle.js';
import { TOKENS } from './tokens.js';
import { createLogger } from './logger.js';
import { GuardedChannels } from './delivery/circuit-guarded-channels.js';
import { DeliveryObservers } from './delivery/delivery-observers.js';
import { messageChannelsFromConfig } from './delivery/message-channels-from-config.js';
import { paymentsFromConfig, type PaymentsWiring } from './payments/payment-gateway-from-config.js';

export type StoragePorts = Pick<CorePorts, 'uow' | 'orgs' | 'systemAudit' | 'jobMonitor' | 'userAccounts' | 'sessionLookup' | 'outboxDelivery' | 'smsOptOuts'>;

/** The message channels of this process (each behind its breaker) and who watches deliveries. */
export interface MessagingWiring {
  readonly channels: MessageChannels;
  readonly breakers: GuardedChannels;
  readonly observers: DeliveryObservers;
  close(): Promise<void>;
}
export type { RateLimiterHandle } from '@cws/adapter-rate-limits';

export interface ContainerOptions extends OpenDatabaseOptions {
  /** `memory` skips the database entirely (tests, demos, embedding); default `postgres`. */
  readonly storage?: 'postgres' | 'memory';
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  /** Tests may use a cheaper KDF cost; production keeps the default scrypt parameters. */
  readonly passwordHasher?: PasswordHasher;
  /** Message channels instead of those configuration names (tests: a recording mailer). */
  readonly channels?: Partial<MessageChannels>;
  /** Seals the tokens outbox messages carry (tests: a known key, to open them from the outbox). */
  readonly messageSealer?: SecretSealer;
}

/**
 * Searches may hold at most half the pool at once (and one org half of that), so lists and
 * writes always find a connection while searches run (issue 8, item 6; ADR 15).
 */
export function searchLimits(cfg: Config): SearchLimits {
  const maxConcurrent = Math.max(1, Math.floor(cfg.database.poolMax / 2));
  return { maxConcurrent, maxConcurrentPerOrg: Math.max(1, Math.ceil(maxConcurrent / 2)) };
}

/** A search's statement budget: the adapter's default, or the pool's own statement timeout when that is shorter. */
function searchTuning(cfg: Config): { timeoutMs: number } {
  const pool = cfg.database.statementTimeoutMs;
  return { timeoutMs: pool > 0 ? Math.min(DEFAULT_SEARCH_TUNING.timeoutMs, pool) : DEFAULT_SEARCH_TUNING.timeoutMs };
}

export function buildContainer(config: Config, options: ContainerOptions = {}): Container {
  const container = new Container({ defaultScope: 'Singleton' });
  container.bind<Config>(TOKENS.Config).toConstantValue(config);
  container.bind<Clock>(TOKENS.Clock).toConstantValue(options.clock ?? new SystemClock());
  container.bind<IdGenerator>(TOKENS.Ids).toConstantValue(options.ids ?? new RandomIdGenerator());
  if (options.storage === 'memory') {
    container.bind<DatabaseHandle | null>(TOKENS.Database).toConstantValue(null);
    container.bind<StoragePorts>(TOKENS.StoragePorts).toConstantValue(createMemoryAdapters());
  } else {
    container.bind<DatabaseHandle | null>(TOKENS.Database).toResolvedValue((cfg: Config) => openDatabase(cfg, options), [TOKENS.Config]);
    container
      .bind<StoragePorts>(TOKENS.StoragePorts)
      .toResolvedValue(
        (db: DatabaseHandle | null, cfg: Config) =>
          // The server notifies new outbox events (LISTEN); the embedded database is one session and is polled.
          createPostgresAdapters(db!.knex, { search: searchTuning(cfg), outboxNotifications: db!.kind === 'server' ? 'listen' : 'poll' }),
        [TOKENS.Database, TOKENS.Config],
      );
  }
  container.bind<MessagingWiring>(TOKENS.Messaging).toResolvedValue((cfg: Config) => {
    const configured = messageChannelsFromConfig(cfg, createLogger(cfg));
    const chosen: MessageChannels = { ...configured, ...options.channels };
    const breakers = new GuardedChannels();
    return {
      channels: breakers.guard(chosen),
      breakers,
      observers: new DeliveryObservers(),
      close: async () => {
        await chosen.email?.close?.();
      },
    };
  }, [TOKENS.Config]);
  // Stripe when STRIPE_SECRET_KEY is set, behind its retry and circuit breaker.
  container.bind<PaymentsWiring>(TOKENS.Payments).toResolvedValue((cfg: Config) => paymentsFromConfig(cfg), [TOKENS.Config]);
  // Redis when REDIS_URL is set (limits shared by every replica), else in this process.
  container.bind<RateLimiterHandle>(TOKENS.RateLimiter).toResolvedValue((cfg: Config) => createRateLimiter({ redisUrl: cfg.rateLimit.redisUrl }), [TOKENS.Config]);
  container
    .bind<Core>(TOKENS.Core)
    .toResolvedValue(
      (ports: StoragePorts, clock: Clock, ids: IdGenerator, cfg: Config, limits: RateLimiterHandle, messaging: MessagingWiring, payments: PaymentsWiring) =>
        createCore(
          {
            ...ports,
            clock,
            ids,
            rateLimiter: limits.limiter,
            totp: new OtplibTotpVerifier(),
            secretSealer: new AesGcmSecretSealer(cfg.auth.mfaSecretKey),
            // Fingerprints of emails in the system audit are keyed by the server's secret.
            secretTokens: new RandomSecretTokens({ serverSecret: cfg.auth.secretKey }),
            passwordStrength: new ZxcvbnPasswordStrength(),
            channels: messaging.channels,
            outboxObserver: messaging.observers,
            ...(payments.gateway === null ? {} : { payments: payments.gateway }),
            // Tokens in outbox messages: a key of their own, derived from AUTH_SECRET_KEY, shared by API and job hosts.
            messageSealer: options.messageSealer ?? new AesGcmSecretSealer(cfg.auth.secretKey, 'outbox-message:v1'),
            // Invoice PDFs: PDFKit needs no service or font file, so it is always on.
            invoiceDocuments: new PdfkitInvoiceRenderer(),
            ...(options.passwordHasher ? { passwordHasher: options.passwordHasher } : {}),
          },
          {
            jobHeartbeatTtlSeconds: cfg.jobs.heartbeatTtlSeconds,
            search: searchLimits(cfg),
            identity: {
              accessTokenTtlMinutes: cfg.auth.accessTokenTtlMinutes,
              sessionTtlMinutes: cfg.auth.sessionTtlMinutes,
              refreshTokenTtlMinutes: cfg.auth.refreshTokenTtlMinutes,
              adminMfaRequired: cfg.auth.adminMfaRequired,
              breakGlassMaxTtlMinutes: cfg.auth.breakGlassMaxTtlMinutes,
            },
            workerPortal: { jobStartWindowMinutes: cfg.scheduling.workerJobStartWindowMinutes },
            outbox: {
              emailTemporaryPasswords: cfg.auth.emailTempPasswords,
              retry: { ...DEFAULT_OUTBOX_RETRY_POLICY, baseBackoffSeconds: cfg.outbox.baseBackoffSeconds, maxAttempts: cfg.outbox.maxAttempts },
              batchSize: cfg.outbox.batchSize,
              leaseSeconds: cfg.outbox.leaseSeconds,
              publicBaseUrl: cfg.http.publicBaseUrl,
              fromName: cfg.email.fromName,
            },
            billing: {
              depositsEnabled: cfg.featureFlags.depositsEnabled,
              checkoutSuccessUrl: cfg.stripe.successUrl,
              checkoutCancelUrl: cfg.stripe.cancelUrl,
              publicBaseUrl: cfg.http.publicBaseUrl,
            },
          },
        ),
      [TOKENS.StoragePorts, TOKENS.Clock, TOKENS.Ids, TOKENS.Config, TOKENS.RateLimiter, TOKENS.Messaging, TOKENS.Payments],
    );
  return container;
}
