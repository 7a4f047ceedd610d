/**
 * The SmsSender port on Twilio's Messages API, through the official SDK.
 *
 * Idempotency: Twilio's Messages API takes no Idempotency-Key, so a send retried after a crash
 * between Twilio's answer and our commit can text twice. The event id rides in the status
 * callback URL (`?outbox_event_id=<id>`, when a callback URL is configured): whatever consumes
 * those callbacks dedupes by that key, and a second SID under the same key shows a double send.
 *
 * Errors are translated here (see the port): Twilio's refusals of this message (invalid number,
 * unsubscribed recipient) are `delivery.rejected`; everything that may pass (our credentials,
 * rate limits, Twilio's 5xx, timeouts, network) is `delivery.unavailable`. Texts never carry the
 * auth token, the account SID or a phone number (`sanitiseDeliveryError`).
 */
import { AppError, sanitiseDeliveryError, type SendReceipt, type SmsSender, type SmsToSend } from '@cws/core';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';

export interface TwilioSmsSenderOptions {
  readonly accountSid: string;
  readonly authToken: string;
  /** The sending number (E.164), or a messaging service SID (`MG…`: Twilio picks the number from its pool). */
  readonly from: string;
  /** Where the Twilio API is (tests point it at a local server); default Twilio's own hosts. */
  readonly baseUrl?: string;
  /** Whole-request bound on one send. */
  readonly timeoutMs?: number;
  /** Twilio posts delivery status here, with `outbox_event_id` added; null sends none. */
  readonly statusCallbackUrl?: string | null;
}

const MESSAGING_SERVICE_SID = /^MG[0-9a-fA-F]{32}$/;

/** Twilio's error code for a recipient that replied STOP to this sender. */
export const TWILIO_UNSUBSCRIBED_RECIPIENT = 21610;
/** Codes that say the number itself is wrong (invalid, not mobile, not SMS-capable). */
const INVALID_NUMBER_CODES = new Set([21211, 21214, 21217, 21401, 21407, 21408, 21612, 21614]);

/** A RequestClient that sends every call to `baseUrl` instead of Twilio's hosts (tests only). */
class RebasedRequestClient extends twilio.RequestClient {
  constructor(
    private readonly base: URL,
    options: { timeout: number },
  ) {
    super({ timeout: options.timeout, autoRetry: false });
  }

  override request<T>(opts: RequestClient.RequestOptions<T>) {
    const target = new URL(opts.uri);
    const rebased = new URL(`${target.pathname}${target.search}`, this.base);
    return super.request<T>({ ...opts, uri: rebased.href });
  }
}

/** Codes and fields an SDK network failure carries (axios underneath); never its config (credentials). */
function networkCode(error: unknown): string | null {
  if (error === null || typeof error !== 'object') return null;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : null;
}

/**
 * What an SMS body may hold: NUL and unpaired surrogates are removed deliberately (a carrier
 * cannot show them and the form encoding would choke on a lone surrogate); everything else,
 * emoji included, goes as written.
 */
export function smsSafeBody(body: string): string {
  // eslint-disable-next-line no-control-regex
  return body.replace(/\u0000/g, '').replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

export class TwilioSmsSender implements SmsSender {
  readonly provider = 'twilio';
  private readonly client: twilio.Twilio;
  private readonly from: string;
  private readonly statusCallbackUrl: string | null;
  private readonly secrets: readonly string[];

  constructor(options: TwilioSmsSenderOptions) {
    const timeout = options.timeoutMs ?? 15_000;
    const httpClient = options.baseUrl === undefined ? new twilio.RequestClient({ timeout, autoRetry: false }) : new RebasedRequestClient(new URL(options.baseUrl), { timeout });
    // autoRetry off: the outbox owns retries (with backoff and a dead-letter end), not the SDK.
    this.client = twilio(options.accountSid, options.authToken, { httpClient, timeout, autoRetry: false });
    this.from = options.from;
    this.statusCallbackUrl = options.statusCallbackUrl ?? null;
    this.secrets = [options.authToken, options.accountSid].filter((s) => s.length > 0);
  }

  async send(sms: SmsToSend): Promise<SendReceipt> {
    const statusCallback = this.statusCallbackUrl === null ? undefined : withEventId(this.statusCallbackUrl, sms.idempotencyId);
    try {
      const message = await this.client.messages.create({
        to: sms.to,
        ...(MESSAGING_SERVICE_SID.test(this.from) ? { messagingServiceSid: this.from } : { from: this.from }),
        body: smsSafeBody(sms.body),
        ...(statusCallback === undefined ? {} : { statusCallback }),
      });
      return { providerMessageId: message.sid };
    } catch (error) {
      throw this.translate(error, sms.to);
    }
  }

  /** `text` without our credentials, the recipient's number (Twilio repeats it) or anything else sanitising removes. */
  private clean(text: string, to: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join('[secret]');
    if (to !== '') out = out.split(to).join('[number]');
    return sanitiseDeliveryError(out);
  }

  private translate(error: unknown, to: string): AppError {
    if (error instanceof twilio.RestException) {
      const status = error.status;
      const code = typeof error.code === 'number' ? error.code : null;
      const what = this.clean(`Twilio answered ${status}${code === null ? '' : ` (code ${code})`}: ${error.message ?? ''}`, to);
      if (status === 401 || status === 403) {
        // Our credentials were refused: nothing is wrong with this message, so it waits (retryable)
        // while an operator fixes TWILIO_* instead of every queued text dying at once.
        return new AppError('delivery.unavailable', what, { details: { provider: 'twilio', status, twilio_code: code } });
      }
      if (status === 408 || status === 429 || status >= 500) {
        return new AppError('delivery.unavailable', what, { details: { provider: 'twilio', status, twilio_code: code } });
      }
      const reason = code === TWILIO_UNSUBSCRIBED_RECIPIENT ? 'opted_out' : code !== null && INVALID_NUMBER_CODES.has(code) ? 'invalid_number' : 'refused';
      return new AppError('delivery.rejected', what, { details: { provider: 'twilio', status, twilio_code: code, reason } });
    }
    const code = networkCode(error);
    // An SDK or network failure: retryable. The original error is not attached as the cause: an
    // axios error holds the request config, Authorization header included.
    return new AppError('delivery.unavailable', this.clean(`Twilio could not be reached${code === null ? '' : ` (${code})`}`, to), {
      details: { provider: 'twilio', network_code: code },
    });
  }
}

/** The status callback URL with the event id as `outbox_event_id` (the downstream dedupe key). */
function withEventId(callbackUrl: string, eventId: string): string {
  const url = new URL(callbackUrl);
  url.searchParams.set('outbox_event_id', eventId);
  return url.href;
}
