/**
 * What enqueuing and delivering messages needs, shared by the outbox use cases and every use
 * case that sends a notification: the channels the host has, the sealer of secrets a message
 * carries, the opt-out list, and the delivery settings.
 */
import { DEFAULT_OUTBOX_RETRY_POLICY, type OutboxKind, type OutboxRetryPolicy } from '../../domain/outbox/outbox-event.js';
import type { SecretSealer, SecretTokens } from '../../ports/credentials.port.js';
import type { MessageChannels, SmsOptOutStore } from '../../ports/message-channels.port.js';
import type { OutboxDeliveryStore } from '../../ports/outbox.port.js';

export interface OutboxOptions {
  readonly retry: OutboxRetryPolicy;
  /** Events claimed per org per round (one tenant transaction claims them). */
  readonly batchSize: number;
  /** Events of one batch sent at once. */
  readonly sendConcurrency: number;
  /**
   * How long a claim holds its events: a host killed mid-batch hands them to another this long
   * after its claim. It must outlast a healthy batch: ceil(batch / concurrency) sends, each
   * bounded by the channel's timeout (15 s): 50 / 10 × 15 s = 75 s, so 120 s.
   */
  readonly leaseSeconds: number;
  /** Base URL of the public API for links in messages (PUBLIC_BASE_URL); null prints routes. */
  readonly publicBaseUrl: string | null;
  /** EMAIL_TEMP_PASSWORDS: an admin's password reset mails the temporary password itself. */
  readonly emailTemporaryPasswords: boolean;
  /** Name shown as the sender when an org has none to show (EMAIL_FROM_NAME). */
  readonly fromName: string | null;
}

export const DEFAULT_OUTBOX_OPTIONS: OutboxOptions = {
  retry: DEFAULT_OUTBOX_RETRY_POLICY,
  batchSize: 50,
  sendConcurrency: 10,
  leaseSeconds: 120,
  publicBaseUrl: null,
  emailTemporaryPasswords: false,
  fromName: null,
};

export interface Messaging {
  readonly channels: MessageChannels;
  /** Seals the single-use tokens a message carries; opened only at delivery. */
  readonly sealer: SecretSealer;
  readonly tokens: SecretTokens;
  readonly smsOptOuts: SmsOptOutStore | null;
  /** The delivery side; null where this process only enqueues (it then cannot deliver). */
  readonly delivery: OutboxDeliveryStore | null;
  readonly options: OutboxOptions;
}

/** The kinds this process can deliver (and notifications may be enqueued for). */
export function deliverableKinds(channels: MessageChannels): OutboxKind[] {
  const kinds: OutboxKind[] = [];
  if (channels.email !== null) kinds.push('email');
  if (channels.sms !== null) kinds.push('sms');
  if (channels.webhook !== null) kinds.push('webhook');
  return kinds;
}
