/**
 * The Mailer port on SendGrid's v3 Mail Send API (`POST /v3/mail/send`), through @sendgrid/mail.
 *
 * Each mailer has a MailService and a Client of its own (never the SDK's shared singleton), so two
 * mailers in one process never share an API key or a base URL. Failures are translated at the
 * port (see message-channels.port.ts): the SDK's errors carry the request's headers, API key
 * included, so none of them is passed on as a cause.
 */
import { Client } from '@sendgrid/client';
import type { ClientRequest } from '@sendgrid/client/src/request.js';
import { MailService } from '@sendgrid/mail';
import {
  AppError,
  MAIL_EVENT_ID_HEADER,
  isPlainMailbox,
  mailBodyText,
  mailHeaderText,
  sanitiseDeliveryError,
  type EmailToSend,
  type Mailer,
  type SendReceipt,
} from '@cws/core';

export interface SendGridMailerOptions {
  /** SENDGRID_API_KEY (`SG.…`), sent as a bearer token and never put in an error. */
  readonly apiKey: string;
  /** EMAIL_FROM, a verified sender of the account; `name` is used when the message has no sender name. */
  readonly from: { readonly email: string; readonly name: string | null };
  /** Tests only: the base URL of a local server playing SendGrid's API. */
  readonly baseUrl?: string;
  /** Longest wait for the API, connecting or between bytes of the answer (default 15 s). */
  readonly timeoutMs?: number;
}

export const DEFAULT_SENDGRID_TIMEOUT_MS = 15_000;
/** Longest Retry-After honoured: past a day the outbox's own backoff is the better guide. */
const MAX_RETRY_AFTER_SECONDS = 86_400;

export class SendGridMailer implements Mailer {
  readonly provider = 'sendgrid';
  private readonly service: MailService;

  constructor(private readonly options: SendGridMailerOptions) {
    if (!isPlainMailbox(options.from.email)) throw new Error('The sender (EMAIL_FROM) must be a plain mailbox address');
    const client = new Client();
    // setApiKey also resets the base URL to SendGrid's, so the test override comes after it.
    client.setApiKey(options.apiKey);
    if (options.baseUrl !== undefined) client.setDefaultRequest('baseUrl', options.baseUrl);
    // The API never redirects; following one would send the message body (and its links) elsewhere.
    client.setDefaultRequest({ maxRedirects: 0 } as unknown as ClientRequest);
    this.service = new MailService();
    this.service.setClient(client);
    this.service.setTimeout(options.timeoutMs ?? DEFAULT_SENDGRID_TIMEOUT_MS);
  }

  async send(email: EmailToSend): Promise<SendReceipt> {
    if (!isPlainMailbox(email.to)) throw new AppError('delivery.rejected', 'The recipient is not a plain mailbox address', { retryable: false, details: { provider: this.provider } });
    const fromName = mailHeaderText(email.fromName ?? this.options.from.name ?? '');
    const toName = mailHeaderText(email.toName ?? '');
    let response;
    try {
      [response] = await this.service.send({
        to: toName === '' ? { email: email.to } : { email: email.to, name: toName },
        from: fromName === '' ? { email: this.options.from.email } : { email: this.options.from.email, name: fromName },
        subject: mailHeaderText(email.subject),
        text: mailBodyText(email.text),
        html: mailBodyText(email.html),
        // Shown on every event webhook of this message, so a bounce or a duplicate maps to its event.
        customArgs: { outbox_event_id: email.idempotencyId, org_id: email.orgId },
        headers: { [MAIL_EVENT_ID_HEADER]: mailHeaderText(email.idempotencyId) },
        categories: [email.template],
        // Click tracking rewrites links through SendGrid's redirector: invitation and reset links
        // carry single-use tokens, which must reach only the reader.
        trackingSettings: { clickTracking: { enable: false, enableText: false } },
      });
    } catch (error) {
      throw this.translate(error);
    }
    const id: unknown = response.headers?.['x-message-id'];
    return { providerMessageId: typeof id === 'string' && id !== '' ? id : null };
  }

  /** A SendGrid failure as the port's AppError, with a reason fit to store (no key, no address). */
  private translate(error: unknown): AppError {
    const answer = httpAnswer(error);
    if (answer === null) {
      // No HTTP answer: refused or reset connection, DNS failure, timeout (axios ECONNABORTED/ETIMEDOUT).
      const code = typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : 'no answer';
      return new AppError('delivery.unavailable', this.clean(`SendGrid could not be reached (${code})`), {
        retryable: true,
        details: { provider: this.provider, code },
      });
    }
    const { status } = answer;
    const reason = this.clean(`SendGrid answered ${status}${providerReason(answer.body)}`);
    const details = { provider: this.provider, status };
    if (status === 408 || status === 429 || status >= 500) {
      const retryAfterSeconds = retryAfter(answer.headers);
      return new AppError('delivery.unavailable', reason, {
        retryable: true,
        details,
        ...(retryAfterSeconds === null ? {} : { retryAfterSeconds }),
      });
    }
    if (status === 401 || status === 403) {
      // A revoked key, a key without the mail.send scope or an unverified sender: our settings,
      // not this message. Retried, so nothing is lost while an operator fixes SENDGRID_API_KEY or
      // EMAIL_FROM (the circuit breaker stops the hammering meanwhile).
      return new AppError('delivery.unavailable', reason, { retryable: true, details });
    }
    if (status >= 400) return new AppError('delivery.rejected', reason, { retryable: false, details });
    // A 1xx/3xx the SDK does not follow: not a refusal of the message.
    return new AppError('delivery.unavailable', reason, { retryable: true, details });
  }

  private clean(text: string): string {
    const key = this.options.apiKey;
    return sanitiseDeliveryError(key.length >= 4 ? text.split(key).join('[key]') : text);
  }
}

interface HttpAnswer {
  readonly status: number;
  readonly headers: Record<string, unknown>;
  readonly body: unknown;
}

/** The HTTP answer inside an SDK error: a ResponseError (status ≥ 400) or an axios error with a response. */
function httpAnswer(error: unknown): HttpAnswer | null {
  if (typeof error !== 'object' || error === null) return null;
  const e = error as { code?: unknown; response?: { status?: unknown; headers?: unknown; body?: unknown; data?: unknown } };
  if (e.response === undefined || e.response === null) return null;
  const status = typeof e.response.status === 'number' ? e.response.status : typeof e.code === 'number' ? e.code : null;
  if (status === null) return null;
  const headers = typeof e.response.headers === 'object' && e.response.headers !== null ? (e.response.headers as Record<string, unknown>) : {};
  return { status, headers, body: e.response.body ?? e.response.data };
}

/** `: message; message` from the v3 error body `{ errors: [{ message, field }] }`, the first three. */
function providerReason(body: unknown): string {
  let parsed = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      return '';
    }
  }
  const errors = (parsed as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return '';
  const messages = errors
    .slice(0, 3)
    .map((e) => (e as { message?: unknown } | null)?.message)
    .filter((m): m is string => typeof m === 'string' && m !== '')
    .map((m) => (m.length > 160 ? `${m.slice(0, 159)}…` : m));
  return messages.length === 0 ? '' : `: ${messages.join('; ')}`;
}

/** Seconds to wait from Retry-After (seconds or an HTTP date) or SendGrid's X-RateLimit-Reset (epoch seconds). */
function retryAfter(headers: Record<string, unknown>): number | null {
  const now = Date.now();
  const header = (name: string): string | null => {
    const value = headers[name];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' ? String(value) : null;
  };
  let seconds: number | null = null;
  const retry = header('retry-after');
  if (retry !== null) {
    seconds = /^\d+$/.test(retry) ? Number(retry) : Number.isNaN(Date.parse(retry)) ? null : Math.ceil((Date.parse(retry) - now) / 1000);
  } else {
    const reset = header('x-ratelimit-reset');
    if (reset !== null && /^\d+$/.test(reset)) seconds = Number(reset) - Math.floor(now / 1000);
  }
  if (seconds === null || !Number.isFinite(seconds)) return null;
  return Math.min(Math.max(seconds, 1), MAX_RETRY_AFTER_SECONDS);
}
