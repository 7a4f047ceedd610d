/**
 * A local HTTP server speaking the part of Twilio's REST API that sending texts uses:
 * `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`, form-encoded To/From/Body/StatusCallback,
 * Basic auth `AccountSid:AuthToken`; 201 with a message resource, errors in Twilio's JSON shape
 * `{ code, message, more_info, status }`. It keeps its own list of numbers that replied STOP
 * (answered 21610, as Twilio does) and can be told to fail, hang or drop the next requests.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { listenOnLoopback } from './local-http-server.js';

export interface FakeTwilioMessage {
  readonly sid: string;
  readonly accountSid: string;
  readonly to: string;
  /** Empty when a messaging service sends (Twilio picks the number). */
  readonly from: string;
  readonly messagingServiceSid: string | null;
  readonly body: string;
  readonly statusCallback: string | null;
  /** Every form field as posted (the last value of a repeated one). */
  readonly form: Readonly<Record<string, string>>;
}

/** What the next request meets instead of a normal answer. */
export type FakeTwilioFault =
  | { readonly kind: 'error'; readonly status: number; readonly code: number; readonly message: string }
  /** Reads the request and never answers (a timeout for the client). */
  | { readonly kind: 'hang' }
  /** Destroys the connection without an answer. */
  | { readonly kind: 'drop' };

export interface FakeTwilioServer {
  /** `http://127.0.0.1:<port>`: the SDK's hosts are rewritten to this. */
  readonly baseUrl: string;
  readonly accountSid: string;
  readonly authToken: string;
  /** Messages accepted, in order. */
  readonly messages: readonly FakeTwilioMessage[];
  /** Requests received (accepted or not). */
  readonly requestCount: number;
  /** Faults met by the next requests, one each, in order. */
  failNext(...faults: FakeTwilioFault[]): void;
  /** The number replied STOP: sends to it answer 21610 until `optIn`. */
  optOut(phone: string): void;
  optIn(phone: string): void;
  close(): Promise<void>;
}

const E164 = /^\+[1-9]\d{6,14}$/;
const MESSAGES_PATH = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/;
const MAX_BODY_BYTES = 64 * 1024;

/** Twilio's error documents live at https://www.twilio.com/docs/errors/<code>. */
function twilioError(res: ServerResponse, status: number, code: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new Error('body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startFakeTwilioServer(options: { accountSid?: string; authToken?: string } = {}): Promise<FakeTwilioServer> {
  const accountSid = options.accountSid ?? `AC${randomBytes(16).toString('hex')}`;
  const authToken = options.authToken ?? randomBytes(16).toString('hex');
  const messages: FakeTwilioMessage[] = [];
  const faults: FakeTwilioFault[] = [];
  const optedOut = new Set<string>();
  let requestCount = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    requestCount += 1;
    const raw = await readBody(req);
    const fault = faults.shift();
    if (fault?.kind === 'hang') return;
    if (fault?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    const path = MESSAGES_PATH.exec(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (req.method !== 'POST' || path === null) return twilioError(res, 404, 20404, 'The requested resource was not found');
    const expected = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
    if (req.headers.authorization !== expected || path[1] !== accountSid) return twilioError(res, 401, 20003, 'Authenticate');
    if (fault?.kind === 'error') return twilioError(res, fault.status, fault.code, fault.message);
    if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      return twilioError(res, 400, 20001, 'Content-Type must be application/x-www-form-urlencoded');
    }
    const form = Object.fromEntries(new URLSearchParams(raw));
    const to = form['To'] ?? '';
    const from = form['From'] ?? '';
    const service = form['MessagingServiceSid'] ?? null;
    const body = form['Body'] ?? '';
    if (to === '') return twilioError(res, 400, 21604, "A 'To' phone number is required.");
    if (!E164.test(to)) return twilioError(res, 400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    if (from === '' && service === null) return twilioError(res, 400, 21603, "A 'From' phone number is required.");
    if (body === '') return twilioError(res, 400, 21602, 'Message body is required.');
    if (body.length > 1600) return twilioError(res, 400, 21617, 'The concatenated message body exceeds the 1600 character limit.');
    if (optedOut.has(to)) return twilioError(res, 400, 21610, 'Attempt to send to unsubscribed recipient');
    const sid = `SM${randomBytes(16).toString('hex')}`;
    messages.push({ sid, accountSid, to, from, messagingServiceSid: service, body, statusCallback: form['StatusCallback'] ?? null, form });
    const now = new Date().toUTCString();
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        sid,
        account_sid: accountSid,
        api_version: '2010-04-01',
        body,
        date_created: now,
        date_updated: now,
        date_sent: null,
        direction: 'outbound-api',
        error_code: null,
        error_message: null,
        from,
        messaging_service_sid: service,
        num_media: '0',
        num_segments: '1',
        price: null,
        price_unit: 'USD',
        status: 'queued',
        to,
        uri: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`,
        subresource_uris: { media: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}/Media.json` },
      }),
    );
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) twilioError(res, 500, 20500, 'Internal Server Error');
      else res.destroy();
    });
  });
  const peer = await listenOnLoopback(server);

  return {
    baseUrl: peer.baseUrl,
    accountSid,
    authToken,
    messages,
    get requestCount() {
      return requestCount;
    },
    failNext: (...next) => void faults.push(...next),
    optOut: (phone) => void optedOut.add(phone),
    optIn: (phone) => void optedOut.delete(phone),
    close: () => peer.close(),
  };
}

/**
 * The `X-Twilio-Signature` Twilio sends with a webhook, written from Twilio's description (not the
 * SDK): base64 HMAC-SHA1, under the auth token, of the full URL followed by each POST field's
 * name and value, sorted by name.
 */
export function twilioRequestSignature(authToken: string, url: string, params: Readonly<Record<string, string>>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((text, name) => text + name + params[name], url);
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}
