/**
 * A local HTTP server playing the part of Stripe's v1 API the payments adapter uses, for tests:
 * form-encoded requests (`a[b][0][c]=v`, as the SDK sends them), the bearer key checked, JSON
 * answers in Stripe's object and error shapes.
 *
 *   POST /v1/checkout/sessions     GET /v1/payment_intents/:id (expand[]=latest_charge)
 *   POST /v1/refunds               POST /v1/customers, GET /v1/customers, GET /v1/customers/search
 *
 * `Idempotency-Key` is honoured as Stripe does: the same key and the same parameters replay the
 * first answer (`Idempotent-Replayed: true`, no second object); the same key with other
 * parameters is a 400 `idempotency_error`. Requests are recorded with their decoded parameters.
 * The next requests can be failed with a status in Stripe's error JSON (or hung, or reset).
 * Payment intents can be put in given states, checkout sessions completed, and events about them
 * produced and signed with the SDK's own test header helper, as Stripe would deliver them.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import Stripe from 'stripe';
import { listenOnLoopback } from './local-http-server.js';

/** A decoded form value: strings, nested objects, arrays for consecutive indexes. */
export type StripeFormValue = string | StripeFormValue[] | { [key: string]: StripeFormValue };
export type StripeFormParams = { [key: string]: StripeFormValue };

export interface StripeRecordedRequest {
  readonly method: string;
  /** The path without the query. */
  readonly path: string;
  /** Decoded body (POST) or query (GET). */
  readonly params: StripeFormParams;
  readonly idempotencyKey: string | null;
  readonly stripeVersion: string | null;
  /** True when the answer was a replay of an earlier request with the same key. */
  readonly replayed: boolean;
}

export type StripeFailure =
  /** Answer `status` with `{ error: { type, code, message, decline_code } }`; type/message default by status. */
  | { readonly status: number; readonly type?: string; readonly code?: string; readonly message?: string; readonly declineCode?: string; readonly headers?: Readonly<Record<string, string>> }
  /** Read the request, never answer. */
  | 'hang'
  /** Read the request, then destroy the connection. */
  | 'reset';

export type FakeStripeObject = Record<string, unknown> & { readonly id: string };

export interface PaymentIntentSetup {
  readonly amount: number;
  /** Lower or upper case; stored lower case as Stripe does. */
  readonly currency: string;
  readonly status?: 'succeeded' | 'processing' | 'requires_payment_method' | 'requires_action' | 'canceled';
  readonly metadata?: Readonly<Record<string, string>>;
  /** Sets `last_payment_error` (status requires_payment_method unless given). */
  readonly failureMessage?: string;
  readonly amountRefunded?: number;
}

export interface SignedStripeEvent {
  /** The exact bytes to deliver. */
  readonly payload: string;
  /** The `Stripe-Signature` header. */
  readonly header: string;
  readonly event: FakeStripeObject;
}

export interface SignOptions {
  /** Unix seconds of the signature (default now). */
  readonly timestamp?: number;
  /** Sign with this secret instead of the server's webhook secret. */
  readonly secret?: string;
  /** The event's `created` (unix seconds, default the timestamp). */
  readonly created?: number;
}

export interface FakeStripeServer {
  /** `http://127.0.0.1:<port>`, for the adapter's apiBaseUrl. */
  readonly baseUrl: string;
  readonly secretKey: string;
  readonly webhookSecret: string;
  /** Every request that reached the server, answered or not, oldest first. */
  readonly requests: readonly StripeRecordedRequest[];
  readonly checkoutSessions: readonly FakeStripeObject[];
  readonly customers: readonly FakeStripeObject[];
  readonly refunds: readonly FakeStripeObject[];
  /** Answers the next requests, one failure each, before serving again. */
  failNext(...failures: StripeFailure[]): void;
  /** A customer as if created earlier (by the dashboard or another process). */
  addCustomer(fields: { readonly email?: string | null; readonly name?: string; readonly metadata?: Readonly<Record<string, string>> }): FakeStripeObject;
  /** A payment intent in the given state; a succeeded one has a charge (its `latest_charge`). */
  createPaymentIntent(setup: PaymentIntentSetup): FakeStripeObject;
  paymentIntent(id: string): FakeStripeObject | null;
  /** The decoded parameters a session was created with (line items, payment_intent_data: what Stripe does not echo). */
  checkoutSessionParams(id: string): StripeFormParams | null;
  charge(id: string): FakeStripeObject | null;
  /** The payer paid: the session gets a succeeded intent (with the session's payment_intent_data metadata) and `payment_status: paid`. */
  completeCheckoutSession(id: string): { readonly session: FakeStripeObject; readonly paymentIntent: FakeStripeObject };
  /** An event envelope of `type` about `object` (a snapshot copy), unsigned. */
  event(type: string, object: Record<string, unknown>, created?: number): FakeStripeObject;
  /** An event about `object`, serialised and signed as Stripe delivers it. */
  signedEvent(type: string, object: Record<string, unknown>, options?: SignOptions): SignedStripeEvent;
  /** Signs any payload (tests of tampered or odd bodies). */
  sign(payload: string, options?: SignOptions): string;
  close(): Promise<void>;
}

export const FAKE_STRIPE_API_VERSION = '2026-10-28.endive';

const DEFAULT_ERRORS: Record<number, { type: string; code?: string; message: string }> = {
  400: { type: 'invalid_request_error', message: 'Invalid request.' },
  401: { type: 'invalid_request_error', message: 'Invalid API Key provided.' },
  402: { type: 'card_error', code: 'card_declined', message: 'Your card was declined.' },
  403: { type: 'invalid_request_error', message: 'The provided key does not have the required permissions for this endpoint.' },
  404: { type: 'invalid_request_error', code: 'resource_missing', message: 'No such object.' },
  409: { type: 'invalid_request_error', code: 'lock_timeout', message: 'This object cannot be accessed right now because another API request or Stripe process is currently accessing it.' },
  429: { type: 'invalid_request_error', code: 'rate_limit', message: 'Too many requests hit the API too quickly.' },
  500: { type: 'api_error', message: 'An unknown error occurred.' },
};

const rand = (n = 14) => randomBytes(n).toString('base64url').replace(/[-_]/g, 'x').slice(0, n);
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** `a[b][0][c]=v&expand[]=x` into nested values, as Stripe reads its form encoding. */
export function decodeStripeForm(encoded: string): StripeFormParams {
  const root: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(encoded)) {
    const match = /^([^[\]]+)((?:\[[^\]]*\])*)$/.exec(key);
    if (match === null) continue;
    const path = [match[1]!, ...[...match[2]!.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]!)];
    let node = root;
    path.forEach((segment, i) => {
      const name = segment === '' ? String(Object.keys(node).length) : segment;
      if (i === path.length - 1) node[name] = value;
      else node = (node[name] ??= {}) as Record<string, unknown>;
    });
  }
  return arrays(root) as StripeFormParams;
}

function arrays(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, arrays(v)] as const);
  const keys = entries.map(([k]) => k);
  if (keys.length > 0 && keys.every((k, i) => k === String(i))) return entries.map(([, v]) => v);
  return Object.fromEntries(entries);
}

class StripeHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: { type: string; code?: string; message: string; param?: string; decline_code?: string },
  ) {
    super(body.message);
  }
}

const invalid = (message: string, param?: string, code?: string) =>
  new StripeHttpError(400, { type: 'invalid_request_error', message, ...(param === undefined ? {} : { param }), ...(code === undefined ? {} : { code }) });

function asString(value: StripeFormValue | undefined, param: string, required = true): string | null {
  if (value === undefined) {
    if (required) throw invalid(`Missing required param: ${param}.`, param, 'parameter_missing');
    return null;
  }
  if (typeof value !== 'string') throw invalid(`Invalid string: ${param}`, param);
  return value;
}

function asInteger(value: StripeFormValue | undefined, param: string): number {
  const text = asString(value, param)!;
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) throw invalid(`Invalid integer: ${text}`, param);
  return Number(text);
}

/** Stripe's metadata rules: at most 50 keys, keys up to 40 characters, values up to 500, strings only. */
function asMetadata(value: StripeFormValue | undefined, param: string): Record<string, string> {
  if (value === undefined || value === '') return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid('Invalid object', param);
  const out: Record<string, string> = {};
  const entries = Object.entries(value);
  if (entries.length > 50) throw invalid('You can specify up to 50 keys.', param);
  for (const [k, v] of entries) {
    if (typeof v !== 'string') throw invalid(`Invalid string: ${param}[${k}]`, `${param}[${k}]`);
    if (k.length > 40) throw invalid('Metadata keys can be at most 40 characters.', param);
    if (v.length > 500) throw invalid('Metadata values can have up to 500 characters.', `${param}[${k}]`);
    // An empty value unsets the key, as on the real API.
    if (v !== '') out[k] = v;
  }
  return out;
}

function asCurrency(value: StripeFormValue | undefined, param: string): string {
  const currency = asString(value, param)!;
  if (!/^[a-z]{3}$/.test(currency)) throw invalid(`Invalid currency: ${currency}. Stripe currently supports these currencies: ...`, param);
  return currency;
}

/** `metadata['client_id']:'c1' AND metadata['org_id']:'o1'` (the only clauses the adapter uses). */
function searchClauses(query: string): Array<{ key: string; value: string }> {
  const clauses = query.split(/\s+AND\s+/);
  return clauses.map((clause) => {
    const m = /^metadata\['((?:[^'\\]|\\.)*)'\]:'((?:[^'\\]|\\.)*)'$/.exec(clause.trim());
    if (m === null) throw invalid(`Unsupported search query clause: ${clause}`, 'query');
    const unescape = (s: string) => s.replace(/\\(.)/g, '$1');
    return { key: unescape(m[1]!), value: unescape(m[2]!) };
  });
}

export interface FakeStripeOptions {
  readonly secretKey?: string;
  readonly webhookSecret?: string;
}

export async function startFakeStripeServer(options: FakeStripeOptions = {}): Promise<FakeStripeServer> {
  const secretKey = options.secretKey ?? `sk_test_fake${rand(24)}`;
  const webhookSecret = options.webhookSecret ?? `whsec_fake${rand(32)}`;
  const requests: StripeRecordedRequest[] = [];
  const failures: StripeFailure[] = [];
  const sessions = new Map<string, FakeStripeObject>();
  /** A session's payment_intent_data, kept off the session object as Stripe does. */
  const sessionIntentData = new Map<string, Record<string, string>>();
  const sessionParams = new Map<string, StripeFormParams>();
  const intents = new Map<string, FakeStripeObject>();
  const charges = new Map<string, FakeStripeObject>();
  const customers = new Map<string, FakeStripeObject>();
  const refunds = new Map<string, FakeStripeObject>();
  const idempotent = new Map<string, { fingerprint: string; status: number; body: string }>();

  const send = (res: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}) => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${rand(14)}`, 'stripe-version': FAKE_STRIPE_API_VERSION, ...headers });
    res.end(text);
  };
  const errorBody = (err: StripeHttpError) => ({ error: { ...err.body, request_log_url: null } });

  const createIntent = (setup: PaymentIntentSetup): FakeStripeObject => {
    const id = `pi_${rand(24)}`;
    const currency = setup.currency.toLowerCase();
    const failed = setup.failureMessage !== undefined;
    const status = setup.status ?? (failed ? 'requires_payment_method' : 'succeeded');
    let latestCharge: string | null = null;
    if (status === 'succeeded' || failed) {
      const charge: FakeStripeObject = {
        id: `ch_${rand(24)}`,
        object: 'charge',
        amount: setup.amount,
        amount_captured: status === 'succeeded' ? setup.amount : 0,
        amount_refunded: setup.amountRefunded ?? 0,
        refunded: (setup.amountRefunded ?? 0) >= setup.amount,
        currency,
        payment_intent: id,
        metadata: { ...(setup.metadata ?? {}) },
        status: status === 'succeeded' ? 'succeeded' : 'failed',
        failure_message: failed ? setup.failureMessage : null,
        created: nowSeconds(),
        livemode: false,
      };
      charges.set(charge.id, charge);
      latestCharge = charge.id;
    }
    const intent: FakeStripeObject = {
      id,
      object: 'payment_intent',
      amount: setup.amount,
      amount_received: status === 'succeeded' ? setup.amount : 0,
      currency,
      status,
      metadata: { ...(setup.metadata ?? {}) },
      last_payment_error: failed ? { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', message: setup.failureMessage } : null,
      latest_charge: latestCharge,
      created: nowSeconds(),
      livemode: false,
    };
    intents.set(id, intent);
    return intent;
  };

  const routes: Array<{ method: string; pattern: RegExp; run: (params: StripeFormParams, match: RegExpExecArray) => { status?: number; body: unknown } }> = [
    {
      method: 'POST',
      pattern: /^\/v1\/checkout\/sessions$/,
      run: (p) => {
        const mode = asString(p['mode'], 'mode');
        if (mode !== 'payment') throw invalid(`This fake serves mode=payment only, not ${mode}`, 'mode');
        const items = p['line_items'];
        if (!Array.isArray(items) || items.length === 0) throw invalid('line_items is required in payment mode.', 'line_items');
        let total = 0;
        let currency: string | null = null;
        items.forEach((item, i) => {
          if (typeof item !== 'object' || Array.isArray(item)) throw invalid('Invalid object', `line_items[${i}]`);
          const priceData = item['price_data'];
          if (typeof priceData !== 'object' || Array.isArray(priceData)) throw invalid('You must specify either price or price_data.', `line_items[${i}]`);
          const c = asCurrency(priceData['currency'], `line_items[${i}][price_data][currency]`);
          if (currency !== null && c !== currency) throw invalid('All line items must use the same currency.', 'line_items');
          currency = c;
          const unit = asInteger(priceData['unit_amount'], `line_items[${i}][price_data][unit_amount]`);
          const product = priceData['product_data'];
          if (typeof product !== 'object' || Array.isArray(product) || typeof product['name'] !== 'string' || product['name'] === '') {
            throw invalid('Missing required param: line_items[0][price_data][product_data][name].', `line_items[${i}][price_data][product_data][name]`, 'parameter_missing');
          }
          total += unit * asInteger(item['quantity'] ?? '1', `line_items[${i}][quantity]`);
        });
        const successUrl = asString(p['success_url'], 'success_url');
        const cancelUrl = asString(p['cancel_url'], 'cancel_url', false);
        const customer = asString(p['customer'], 'customer', false);
        const customerEmail = asString(p['customer_email'], 'customer_email', false);
        if (customer !== null && customerEmail !== null) throw invalid('You may only specify one of these parameters: customer, customer_email.', 'customer_email');
        if (customer !== null && !customers.has(customer)) throw new StripeHttpError(400, { type: 'invalid_request_error', code: 'resource_missing', message: `No such customer: '${customer}'`, param: 'customer' });
        const intentData = p['payment_intent_data'];
        const intentMetadata = intentData !== undefined && typeof intentData === 'object' && !Array.isArray(intentData) ? asMetadata(intentData['metadata'], 'payment_intent_data[metadata]') : {};
        const id = `cs_test_${rand(40)}`;
        const session: FakeStripeObject = {
          id,
          object: 'checkout.session',
          mode,
          url: `https://checkout.stripe.com/c/pay/${id}`,
          expires_at: nowSeconds() + 24 * 3600,
          amount_total: total,
          amount_subtotal: total,
          currency,
          metadata: asMetadata(p['metadata'], 'metadata'),
          client_reference_id: asString(p['client_reference_id'], 'client_reference_id', false),
          customer,
          customer_email: customerEmail,
          success_url: successUrl,
          cancel_url: cancelUrl,
          payment_intent: null,
          payment_status: 'unpaid',
          status: 'open',
          created: nowSeconds(),
          livemode: false,
        };
        sessions.set(id, session);
        sessionIntentData.set(id, intentMetadata);
        sessionParams.set(id, p);
        return { body: session };
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/refunds$/,
      run: (p) => {
        const intentId = asString(p['payment_intent'], 'payment_intent', false);
        if (intentId === null) throw invalid('One of the following params should be provided for this request: payment_intent or charge.', 'payment_intent');
        const intent = intents.get(intentId);
        if (intent === undefined) throw new StripeHttpError(404, { type: 'invalid_request_error', code: 'resource_missing', message: `No such payment_intent: '${intentId}'`, param: 'payment_intent' });
        const charge = typeof intent['latest_charge'] === 'string' ? charges.get(intent['latest_charge']) : undefined;
        if (intent['status'] !== 'succeeded' || charge === undefined) {
          throw invalid(`This PaymentIntent (${intentId}) does not have a successful charge to refund.`, 'payment_intent', 'charge_not_refundable');
        }
        const remaining = (charge['amount'] as number) - (charge['amount_refunded'] as number);
        const amount = p['amount'] === undefined ? remaining : asInteger(p['amount'], 'amount');
        if (remaining === 0) throw invalid(`Charge ${charge.id} has already been refunded.`, undefined, 'charge_already_refunded');
        if (amount < 1 || amount > remaining) throw invalid(`Refund amount (${amount}) is greater than unrefunded amount on charge (${remaining})`, 'amount', 'amount_too_large');
        Object.assign(charge, { amount_refunded: (charge['amount_refunded'] as number) + amount, refunded: amount === remaining });
        const refund: FakeStripeObject = {
          id: `re_${rand(24)}`,
          object: 'refund',
          amount,
          currency: charge['currency'],
          charge: charge.id,
          payment_intent: intentId,
          metadata: asMetadata(p['metadata'], 'metadata'),
          status: 'succeeded',
          created: nowSeconds(),
        };
        refunds.set(refund.id, refund);
        return { body: refund };
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/customers$/,
      run: (p) => ({ body: addCustomer({ email: asString(p['email'], 'email', false), name: asString(p['name'], 'name', false) ?? undefined, metadata: asMetadata(p['metadata'], 'metadata') }) }),
    },
    {
      method: 'GET',
      pattern: /^\/v1\/customers\/search$/,
      run: (p) => {
        const clauses = searchClauses(asString(p['query'], 'query')!);
        const data = [...customers.values()].filter((c) => clauses.every(({ key, value }) => (c['metadata'] as Record<string, string>)[key] === value));
        return { body: { object: 'search_result', data, has_more: false, next_page: null, url: '/v1/customers/search' } };
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/customers$/,
      run: (p) => {
        const email = asString(p['email'], 'email', false);
        const limit = p['limit'] === undefined ? 10 : asInteger(p['limit'], 'limit');
        if (limit < 1 || limit > 100) throw invalid('Invalid limit: must be between 1 and 100.', 'limit');
        const all = [...customers.values()].reverse().filter((c) => email === null || c['email'] === email);
        return { body: { object: 'list', data: all.slice(0, limit), has_more: all.length > limit, url: '/v1/customers' } };
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/payment_intents\/([^/]+)$/,
      run: (p, match) => {
        const id = decodeURIComponent(match[1]!);
        const intent = intents.get(id);
        if (intent === undefined) throw new StripeHttpError(404, { type: 'invalid_request_error', code: 'resource_missing', message: `No such payment_intent: '${id}'`, param: 'intent' });
        const expand = Array.isArray(p['expand']) ? p['expand'] : [];
        const body: Record<string, unknown> = structuredClone(intent);
        if (expand.includes('latest_charge') && typeof intent['latest_charge'] === 'string') body['latest_charge'] = structuredClone(charges.get(intent['latest_charge']) ?? null);
        return { body };
      },
    },
  ];

  function addCustomer(fields: { readonly email?: string | null; readonly name?: string; readonly metadata?: Readonly<Record<string, string>> }): FakeStripeObject {
    const customer: FakeStripeObject = {
      id: `cus_${rand(14)}`,
      object: 'customer',
      email: fields.email ?? null,
      name: fields.name ?? null,
      metadata: { ...(fields.metadata ?? {}) },
      created: nowSeconds(),
      livemode: false,
    };
    customers.set(customer.id, customer);
    return customer;
  }

  const handle = (req: IncomingMessage, res: ServerResponse, raw: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const encoded = method === 'GET' ? url.search.slice(1) : raw.toString('utf8');
    const params = decodeStripeForm(encoded);
    const key = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : null;
    const record = { method, path: url.pathname, params, idempotencyKey: key, stripeVersion: (req.headers['stripe-version'] as string | undefined) ?? null };

    const failure = failures.shift();
    if (failure !== undefined) {
      requests.push({ ...record, replayed: false });
      if (failure === 'hang') return;
      if (failure === 'reset') {
        req.socket.destroy();
        return;
      }
      const defaults = DEFAULT_ERRORS[failure.status] ?? DEFAULT_ERRORS[failure.status >= 500 ? 500 : 400]!;
      const body = {
        type: failure.type ?? defaults.type,
        message: failure.message ?? defaults.message,
        ...((failure.code ?? defaults.code) === undefined ? {} : { code: failure.code ?? defaults.code }),
        ...(failure.declineCode === undefined ? {} : { decline_code: failure.declineCode }),
      };
      send(res, failure.status, { error: body }, failure.headers);
      return;
    }
    if (req.headers.authorization !== `Bearer ${secretKey}`) {
      requests.push({ ...record, replayed: false });
      const presented = /^Bearer (.*)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
      send(res, 401, { error: { type: 'invalid_request_error', message: `Invalid API Key provided: ${presented.slice(0, 8)}****${presented.slice(-4)}` } });
      return;
    }
    // Stripe keys idempotency on POSTs only; a key on a GET is ignored.
    const fingerprint = createHash('sha256').update(`${method} ${url.pathname}\n${encoded}`).digest('hex');
    if (method === 'POST' && key !== null) {
      const earlier = idempotent.get(key);
      if (earlier !== undefined) {
        requests.push({ ...record, replayed: earlier.fingerprint === fingerprint });
        if (earlier.fingerprint !== fingerprint) {
          send(res, 400, {
            error: {
              type: 'idempotency_error',
              message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
            },
          });
          return;
        }
        send(res, earlier.status, earlier.body, { 'idempotent-replayed': 'true', 'idempotency-key': key });
        return;
      }
    }
    requests.push({ ...record, replayed: false });
    const route = routes.find((r) => r.method === method && r.pattern.test(url.pathname));
    let status: number;
    let body: unknown;
    if (route === undefined) {
      status = 404;
      body = { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${url.pathname}).` } };
    } else {
      try {
        const answer = route.run(params, route.pattern.exec(url.pathname)!);
        status = answer.status ?? 200;
        body = answer.body;
      } catch (err) {
        if (!(err instanceof StripeHttpError)) throw err;
        status = err.status;
        body = errorBody(err);
      }
    }
    const text = JSON.stringify(body);
    // Stripe stores the outcome of a request that got as far as executing, 4xx included (not 5xx).
    if (method === 'POST' && key !== null && status < 500) idempotent.set(key, { fingerprint, status, body: text });
    send(res, status, text, key === null ? {} : { 'idempotency-key': key });
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(req, res, Buffer.concat(chunks)));
  });
  const peer = await listenOnLoopback(server);

  const sign = (payload: string, signOptions: SignOptions = {}) =>
    Stripe.webhooks.generateTestHeaderString({ payload, secret: signOptions.secret ?? webhookSecret, timestamp: signOptions.timestamp ?? nowSeconds() });
  const event = (type: string, object: Record<string, unknown>, created = nowSeconds()): FakeStripeObject => ({
    id: `evt_${rand(24)}`,
    object: 'event',
    api_version: FAKE_STRIPE_API_VERSION,
    created,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object: structuredClone(object) },
  });

  return {
    baseUrl: peer.baseUrl,
    secretKey,
    webhookSecret,
    requests,
    get checkoutSessions() {
      return [...sessions.values()];
    },
    get customers() {
      return [...customers.values()];
    },
    get refunds() {
      return [...refunds.values()];
    },
    failNext: (...next) => {
      failures.push(...next);
    },
    addCustomer,
    createPaymentIntent: createIntent,
    paymentIntent: (id) => intents.get(id) ?? null,
    checkoutSessionParams: (id) => sessionParams.get(id) ?? null,
    charge: (id) => charges.get(id) ?? null,
    completeCheckoutSession: (id) => {
      const session = sessions.get(id);
      if (session === undefined) throw new Error(`No checkout session ${id}`);
      const paymentIntent = createIntent({ amount: session['amount_total'] as number, currency: session['currency'] as string, status: 'succeeded', metadata: sessionIntentData.get(id) ?? {} });
      Object.assign(session, { payment_intent: paymentIntent.id, payment_status: 'paid', status: 'complete' });
      return { session, paymentIntent };
    },
    event,
    signedEvent: (type, object, signOptions = {}) => {
      const timestamp = signOptions.timestamp ?? nowSeconds();
      const evt = event(type, object, signOptions.created ?? timestamp);
      const payload = JSON.stringify(evt, null, 2);
      return { payload, header: sign(payload, { ...signOptions, timestamp }), event: evt };
    },
    sign,
    close: () => peer.close(),
  };
}
