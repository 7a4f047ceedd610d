/**
 * The WebhookSender port: one JSON POST per event to the org's URL.
 *
 * Body `{ id, type, data }` (id = the outbox event id), headers `Idempotency-Key: <event id>` (a
 * redelivery after a crash carries the same key: receivers dedupe by it) and
 * `X-CWS-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, so a receiver
 * can check that we sent it and when (refusing old timestamps stops replays). Each org signs
 * with its own key, derived from the server's secret (`webhookSigningKey`): one org's key
 * cannot sign for another's endpoint.
 *
 * Answers: 2xx delivered; 3xx (redirects are not followed: a redirect could lead past the
 * address guard), 410 and other 4xx rejected for good; 408, 429, 5xx, timeouts and network
 * failures retried. Error texts never carry the URL (its path or query may hold a token).
 */
import { createHmac } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { AppError, sanitiseDeliveryError, type SendReceipt, type WebhookSender, type WebhookToSend } from '@cws/core';
import { FORBIDDEN_ADDRESS_CODE, guardedLookup, webhookUrlFault } from './webhook-address-guard.js';

export interface HttpWebhookSenderOptions {
  /** The server's webhook secret (WEBHOOK_SIGNING_SECRET): each org's signing key derives from it. */
  readonly signingSecret: string;
  /** Whole-request bound (connect, send, answer). */
  readonly timeoutMs?: number;
  /** Allows http and loopback/private addresses: tests and development only. */
  readonly allowInsecureLocalhost?: boolean;
  /** The clock of signature timestamps (tests). */
  readonly now?: () => Date;
}

export const WEBHOOK_USER_AGENT = 'CleanWithSnapshot-Webhooks/1';
export const WEBHOOK_SIGNATURE_HEADER = 'X-CWS-Signature';
/** Answer bytes read (then dropped): a receiver cannot make us buffer a huge answer. */
const MAX_ANSWER_BYTES = 64 * 1024;
const MAX_REQUEST_ID_LENGTH = 200;

/** The key an org's webhooks are signed with (hex), shown to that org's admins to verify with. */
export function webhookSigningKey(signingSecret: string, orgId: string): string {
  return createHmac('sha256', signingSecret).update(`cws-webhook-signing:${orgId}`).digest('hex');
}

/** The `X-CWS-Signature` value of `rawBody` sent at `unixSeconds`. */
export function webhookSignature(signingKey: string, unixSeconds: number, rawBody: string): string {
  return `t=${unixSeconds},v1=${createHmac('sha256', signingKey).update(`${unixSeconds}.${rawBody}`).digest('hex')}`;
}

interface Answer {
  readonly status: number;
  readonly headers: IncomingMessage['headers'];
}

/** `{ retryAfterSeconds }` from a Retry-After of seconds; nothing for a date or junk. */
function retryAfter(value: string | string[] | undefined): { retryAfterSeconds?: number } {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || !/^\d{1,6}$/.test(text.trim())) return {};
  return { retryAfterSeconds: Number(text.trim()) };
}

export class HttpWebhookSender implements WebhookSender {
  readonly provider = 'http';
  private readonly timeoutMs: number;
  private readonly insecure: boolean;
  private readonly now: () => Date;

  constructor(private readonly options: HttpWebhookSenderOptions) {
    if (options.signingSecret.length < 16) throw new Error('The webhook signing secret must have at least 16 characters');
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.insecure = options.allowInsecureLocalhost ?? false;
    this.now = options.now ?? (() => new Date());
  }

  async send(webhook: WebhookToSend): Promise<SendReceipt> {
    let url: URL;
    try {
      url = new URL(webhook.url);
    } catch {
      throw new AppError('delivery.rejected', 'The webhook URL is not a URL', { details: { reason: 'invalid_url' } });
    }
    const fault = webhookUrlFault(url, this.insecure);
    if (fault !== null) throw new AppError('delivery.rejected', `Refused: ${fault}`, { details: { reason: 'forbidden_url' } });

    // JSON escapes NUL and unpaired surrogates (\u0000, \ud800): the data arrives as it was.
    const rawBody = JSON.stringify({ id: webhook.idempotencyId, type: webhook.eventType, data: webhook.body });
    const t = Math.floor(this.now().getTime() / 1000);
    const headers = {
      'content-type': 'application/json',
      'user-agent': WEBHOOK_USER_AGENT,
      'idempotency-key': webhook.idempotencyId,
      [WEBHOOK_SIGNATURE_HEADER.toLowerCase()]: webhookSignature(webhookSigningKey(this.options.signingSecret, webhook.orgId), t, rawBody),
      'content-length': String(Buffer.byteLength(rawBody)),
    };

    let answer: Answer;
    try {
      answer = await this.post(url, headers, rawBody);
    } catch (error) {
      throw this.translate(error);
    }
    const { status } = answer;
    if (status >= 200 && status < 300) {
      const id = answer.headers['x-request-id'];
      const text = Array.isArray(id) ? id[0] : id;
      return { providerMessageId: text === undefined || text === '' ? null : sanitiseDeliveryError(text).slice(0, MAX_REQUEST_ID_LENGTH) };
    }
    if (status === 408 || status === 429 || status >= 500) {
      throw new AppError('delivery.unavailable', `The webhook endpoint answered ${status}`, { details: { status }, ...retryAfter(answer.headers['retry-after']) });
    }
    const reason = status >= 300 && status < 400 ? 'redirect' : status === 410 ? 'gone' : 'refused';
    throw new AppError('delivery.rejected', `The webhook endpoint answered ${status}${reason === 'redirect' ? ' (redirects are not followed)' : ''}`, { details: { status, reason } });
  }

  private post(url: URL, headers: Record<string, string>, rawBody: string): Promise<Answer> {
    const signal = AbortSignal.timeout(this.timeoutMs);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<Answer>((resolve, reject) => {
      const req = send(url, {
        method: 'POST',
        headers,
        signal,
        // Under allowInsecureLocalhost private addresses are fine; otherwise the lookup refuses them.
        ...(this.insecure ? {} : { lookup: guardedLookup }),
        agent: false,
      });
      req.on('error', reject);
      req.on('response', (res) => {
        let read = 0;
        res.on('data', (chunk: Buffer) => {
          read += chunk.length;
          // Enough is known from the status; a huge answer is cut off rather than read.
          if (read > MAX_ANSWER_BYTES) res.destroy();
        });
        res.on('error', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
        res.on('close', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      });
      req.end(rawBody);
    });
  }

  private translate(error: unknown): AppError {
    const code = error !== null && typeof error === 'object' ? (error as { code?: unknown }).code : undefined;
    const name = error instanceof Error ? error.name : '';
    if (code === FORBIDDEN_ADDRESS_CODE) {
      return new AppError('delivery.rejected', 'Refused: the webhook host resolves to a private or reserved address', { details: { reason: 'forbidden_url' } });
    }
    if (name === 'AbortError' || name === 'TimeoutError' || code === 'ABORT_ERR') {
      return new AppError('delivery.unavailable', `The webhook endpoint did not answer within ${this.timeoutMs} ms`, { details: { reason: 'timeout' } });
    }
    const what = typeof code === 'string' ? sanitiseDeliveryError(code) : 'network error';
    return new AppError('delivery.unavailable', `The webhook endpoint could not be reached (${what})`, { details: { reason: 'network', network_code: typeof code === 'string' ? what : null } });
  }
}
