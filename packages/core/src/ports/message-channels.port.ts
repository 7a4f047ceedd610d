/**
 * Where outbox events go: one port per channel, each implemented by adapter packages
 * (mail-sendgrid, mail-smtp, sms-twilio, webhook-http) or by the log mode for development.
 *
 * Errors are translated at the port: an adapter throws `AppError('delivery.rejected')` when the
 * provider refused this message for good (a 4xx other than 408/429: bad address, unsubscribed
 * number) — the event is dead at once, with the reason — and `AppError('delivery.unavailable')`
 * (retryable) for 408/429/5xx, timeouts and connection failures — the event is retried later.
 * Anything else thrown counts as retryable too: the outbox never loses a message to a bug.
 *
 * Every send carries `idempotencyId` (the outbox event id) to the provider where it takes one,
 * so a redelivery after a crash is recognisable downstream.
 */

export interface EmailToSend {
  readonly idempotencyId: string;
  readonly orgId: string;
  readonly to: string;
  readonly toName: string | null;
  /** Shown as the sender's name (the org's, or EMAIL_FROM_NAME). The address is the adapter's EMAIL_FROM. */
  readonly fromName: string | null;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** The template, for the provider's categories/tags. */
  readonly template: string;
}

export interface SendReceipt {
  /** The provider's id of the accepted message, when it answers one. */
  readonly providerMessageId: string | null;
}

export interface Mailer {
  /** `sendgrid`, `smtp`, `log`: recorded in email_events and on metrics. */
  readonly provider: string;
  send(email: EmailToSend): Promise<SendReceipt>;
  /** Releases connections (SMTP pool); optional. */
  close?(): Promise<void>;
}

export interface SmsToSend {
  readonly idempotencyId: string;
  readonly orgId: string;
  /** E.164. */
  readonly to: string;
  readonly body: string;
}

export interface SmsSender {
  readonly provider: string;
  send(sms: SmsToSend): Promise<SendReceipt>;
}

export interface WebhookToSend {
  readonly idempotencyId: string;
  readonly orgId: string;
  readonly url: string;
  readonly eventType: string;
  readonly body: Readonly<Record<string, unknown>>;
}

export interface WebhookSender {
  readonly provider: string;
  send(webhook: WebhookToSend): Promise<SendReceipt>;
}

/** The channels a host has; a kind without one is neither claimed nor enqueued by notifications. */
export interface MessageChannels {
  readonly email: Mailer | null;
  readonly sms: SmsSender | null;
  readonly webhook: WebhookSender | null;
}

/**
 * Numbers that answered STOP: nothing is texted to them until they answer START. Kept across orgs
 * (the carrier blocks the sending number for that phone, whichever org texts), by a keyed hash of
 * the number (`SecretTokens.fingerprint`), so the table holds no phone numbers.
 */
export interface SmsOptOutStore {
  isOptedOut(phoneKey: string): Promise<boolean>;
  /** Records an opt-out (idempotent). */
  optOut(phoneKey: string, source: 'keyword' | 'provider', at: Date): Promise<void>;
  /** Clears it (START); false when there was none. */
  optIn(phoneKey: string): Promise<boolean>;
}

/**
 * Checks that an inbound SMS webhook (a reply to our number) was sent by the provider: its
 * signature over the URL it called and the form fields it posted. Implemented by the SMS adapter
 * (Twilio: `X-Twilio-Signature`); hosts take it from the runtime and never import the SDK.
 */
export interface InboundSmsVerifier {
  readonly provider: string;
  /** The request header carrying the signature. */
  readonly signatureHeader: string;
  /** True when `signature` signs `url` (as configured at the provider) and `params`; never throws. */
  verify(url: string, params: Readonly<Record<string, string>>, signature: string | null): boolean;
}
