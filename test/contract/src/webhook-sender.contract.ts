/**
 * WebhookSender behaviour every implementation must share, against a local receiver: one JSON
 * POST `{ id, type, data }` with `Idempotency-Key: <event id>` and an `X-CWS-Signature` the
 * receiver can verify with its org's key (checked here with node:crypto, independently of the
 * sender); data arrives exactly as given (emoji, NUL, unpaired surrogates: JSON escapes them);
 * redirects are not followed; 410 and other 4xx are `delivery.rejected`; 408, 429, 5xx,
 * timeouts and network failures are `delivery.unavailable`; URLs that are not https or point at
 * private addresses are refused before anything is sent; no error text carries the URL's
 * secrets or the signing secret.
 */
import { expect } from 'chai';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { AppError, WebhookSender } from '@cws/core';
import { closedAfterEach, deliveryFailure as failure } from './delivery-harness.js';

export interface WebhookPeerRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly rawBody: string;
}

export type WebhookPeerFault =
  | { readonly kind: 'status'; readonly status: number; readonly headers?: Readonly<Record<string, string>> }
  | { readonly kind: 'hang' }
  | { readonly kind: 'drop' };

export interface WebhookSenderHarness {
  readonly sender: WebhookSender;
  /** The receiver's base URL (`http://127.0.0.1:<port>`). */
  readonly baseUrl: string;
  received(): readonly WebhookPeerRequest[];
  failNext(fault: WebhookPeerFault): void;
  /** Headers the receiver's 200 answers carry. */
  answerHeaders(headers: Readonly<Record<string, string>>): void;
  /** The key receivers of `orgId` verify signatures with. */
  signingKey(orgId: string): string;
  /** Strings no error text may contain (the server's signing secret). */
  readonly secrets: readonly string[];
  close(): Promise<void>;
}

export interface WebhookSenderHarnessOptions {
  readonly timeoutMs?: number;
  /** The sender refuses http and private addresses (production settings); default it allows them, to reach the local receiver. */
  readonly strict?: boolean;
  /** `baseUrl` is a loopback address where nothing listens. */
  readonly unreachable?: boolean;
}

export type WebhookSenderHarnessFactory = (options: WebhookSenderHarnessOptions) => Promise<WebhookSenderHarness>;

const ORG = '00000000-0000-4000-8000-0000000000aa';
const OTHER_ORG = '00000000-0000-4000-8000-0000000000bb';
/** A path and query holding a receiver's token: never to show in an error. */
const SECRET_PATH = '/hooks/T0KEN-path-4f9a';
const SECRET_QUERY = 'token=q-s3cret-77c1';
let counter = 0;
const eventId = () => `00000000-0000-4000-9000-${String(++counter).padStart(12, '0')}`;


function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** The receiver's check: `t=<unix>,v1=<hex>` over `<t>.<raw body>` under the org's key. */
function verifies(signature: string | undefined, rawBody: string, key: string): { ok: boolean; t: number } {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature ?? '');
  if (match === null) return { ok: false, t: 0 };
  const expected = createHmac('sha256', key).update(`${match[1]}.${rawBody}`).digest();
  return { ok: timingSafeEqual(expected, Buffer.from(match[2]!, 'hex')), t: Number(match[1]) };
}

export function webhookSenderContract(name: string, factory: WebhookSenderHarnessFactory): void {
  describe(`WebhookSender contract: ${name}`, function () {
    let h: WebhookSenderHarness;
    const made = closedAfterEach(factory);
    const harness = (options: WebhookSenderHarnessOptions = {}) => made(options);
    const urlOf = (x: WebhookSenderHarness) => `${x.baseUrl}${SECRET_PATH}?${SECRET_QUERY}`;
    const expectClean = (error: AppError, x: WebhookSenderHarness) => {
      const text = `${error.message} ${JSON.stringify(error.details)}`;
      for (const secret of [...x.secrets, 'T0KEN-path-4f9a', 'q-s3cret-77c1']) expect(text).not.to.include(secret);
    };
    beforeEach(async () => {
      h = await harness();
    });

    it('POSTs { id, type, data } as JSON with the event id as Idempotency-Key and a signature the org can verify', async () => {
      const id = eventId();
      const data = { booking_id: 'b-1', starts_at: '2026-12-07T09:00:00Z', nested: { n: 3, list: [1, 'two', null] } };
      const before = Math.floor(Date.now() / 1000);
      await h.sender.send({ idempotencyId: id, orgId: ORG, url: urlOf(h), eventType: 'booking.created', body: data });
      const [request] = h.received();
      expect(request!.method).to.equal('POST');
      expect(request!.path).to.equal(`${SECRET_PATH}?${SECRET_QUERY}`);
      expect(header(request!.headers, 'content-type')).to.match(/^application\/json\b/);
      expect(header(request!.headers, 'idempotency-key')).to.equal(id);
      expect(header(request!.headers, 'user-agent')).to.equal('CleanWithSnapshot-Webhooks/1');
      expect(JSON.parse(request!.rawBody)).to.deep.equal({ id, type: 'booking.created', data });
      const check = verifies(header(request!.headers, 'x-cws-signature'), request!.rawBody, h.signingKey(ORG));
      expect(check.ok).to.equal(true);
      expect(check.t).to.be.within(before - 1, Math.floor(Date.now() / 1000) + 1);
      // Another org's key does not verify it, and a changed body does not either.
      expect(h.signingKey(OTHER_ORG)).not.to.equal(h.signingKey(ORG));
      expect(verifies(header(request!.headers, 'x-cws-signature'), request!.rawBody, h.signingKey(OTHER_ORG)).ok).to.equal(false);
      expect(verifies(header(request!.headers, 'x-cws-signature'), request!.rawBody.replace('b-1', 'b-2'), h.signingKey(ORG)).ok).to.equal(false);
    });

    it("answers the receiver's x-request-id as the provider id, else null", async () => {
      expect((await h.sender.send({ idempotencyId: eventId(), orgId: ORG, url: urlOf(h), eventType: 't', body: {} })).providerMessageId).to.equal(null);
      h.answerHeaders({ 'x-request-id': 'req-123' });
      expect((await h.sender.send({ idempotencyId: eventId(), orgId: ORG, url: urlOf(h), eventType: 't', body: {} })).providerMessageId).to.equal('req-123');
    });

    it('the same event sent twice carries the same Idempotency-Key and id', async () => {
      const id = eventId();
      for (let i = 0; i < 2; i += 1) await h.sender.send({ idempotencyId: id, orgId: ORG, url: urlOf(h), eventType: 't', body: { a: 1 } });
      expect(h.received().map((r) => [header(r.headers, 'idempotency-key'), JSON.parse(r.rawBody).id])).to.deep.equal([
        [id, id],
        [id, id],
      ]);
    });

    it('hostile data arrives exactly as given: emoji, NUL, unpaired surrogates, markup, odd keys', async () => {
      const data = { text: 'a\u0000b 😀 \uD800 \uDC00 <script>x</script> "q" \\', 'key with\u0000nul': ['é', '\u2028'], deep: { deeper: { deepest: '清洁' } } };
      await h.sender.send({ idempotencyId: eventId(), orgId: ORG, url: urlOf(h), eventType: 't', body: data });
      const raw = h.received()[0]!.rawBody;
      expect(() => JSON.parse(raw)).not.to.throw();
      expect(JSON.parse(raw).data).to.deep.equal(data);
      expect(Buffer.from(raw, 'utf8').toString('utf8')).to.equal(raw); // well-formed UTF-8 on the wire
    });

    for (const status of [400, 401, 404, 410, 422]) {
      it(`${status} is delivery.rejected (not retryable)`, async () => {
        h.failNext({ kind: 'status', status });
        const error = await failure(h.sender.send({ idempotencyId: eventId(), orgId: ORG, url: urlOf(h), eventType: 't', body: {} }));
        expect(error.code).to.equal('delivery.rejected');
        expect(error.retryable).to.equal(false);
        expectClean(error, h);
      });
    }

    it('a redirect is not followed and is delivery.rejected', async () => {
      h.failNext({ kind: 'status', status: 302, headers: { location: `${h.baseUrl}/elsewhere` } });
      const error = await failure(h.sender.send({ idempotencyId: eventId(), orgId: ORG, url: urlOf(h), eventType: 't', body: {} }));
      expect(error.code).to.equal('delivery.rejected');
      expect(h.received()).to.have.length(1);
    });

    for (const status of [408, 429, 500, 502, 503]) {
      it(`${status} is delivery.unavailable (retryable)`, async () => {
        h.failNext({ kind: 'status', status, headers: status === 429 ? { 'retry-after': '120' } : {} });
        const error = await failure(h.sender.send({ idempotencyId: eventId(), orgId: ORG, url: urlOf(h), eventType: 't', body: {} }));
        expect(error.code).to.equal('delivery.unavailable');
        expect(error.retryable).to.equal(true);
        if (status === 429) expect(error.retryAfterSeconds).to.equal(120);
        expectClean(error, h);
      });
    }

    it('a dropped connection is delivery.unavailable', async () => {
      h.failNext({ kind: 'drop' });
      const error = await failure(h.sender.send({ idempotencyId: eventId(), orgId: ORG, url: urlOf(h), eventType: 't', body: {} }));
      expect(error.code).to.equal('delivery.unavailable');
      expectClean(error, h);
    });

    it('a receiver that never answers is delivery.unavailable once the timeout passes', async () => {
      const slow = await harness({ timeoutMs: 300 });
      slow.failNext({ kind: 'hang' });
      const error = await failure(slow.sender.send({ idempotencyId: eventId(), orgId: ORG, url: urlOf(slow), eventType: 't', body: {} }));
      expect(error.code).to.equal('delivery.unavailable');
      expect(error.retryable).to.equal(true);
      expectClean(error, slow);
    });

    it('connection refused is delivery.unavailable', async () => {
      const gone = await harness({ unreachable: true });
      const error = await failure(gone.sender.send({ idempotencyId: eventId(), orgId: ORG, url: urlOf(gone), eventType: 't', body: {} }));
      expect(error.code).to.equal('delivery.unavailable');
      expect(error.retryable).to.equal(true);
      expectClean(error, gone);
    });

    describe('with production settings, refuses before sending', function () {
      const refused = [
        ['plain http', (base: string) => `${base}/hook`],
        ['https to loopback by address', () => 'https://127.0.0.1:9/hook'],
        ['https to a name resolving to loopback', () => 'https://localhost:9/hook'],
        ['the cloud metadata address', () => 'https://169.254.169.254/latest/meta-data/'],
        ['a private network address', () => 'https://10.1.2.3/hook'],
        ['IPv6 loopback', () => 'https://[::1]:9/hook'],
        ['IPv4-mapped IPv6 loopback', () => 'https://[::ffff:127.0.0.1]:9/hook'],
        ['an IPv4 address written as one number', () => 'https://2130706433/hook'],
        ['credentials in the URL', () => 'https://user:pass@example.com/hook'],
        ['not a URL', () => 'not a url'],
        ['another scheme', () => 'file:///etc/passwd'],
      ] as const;
      for (const [what, url] of refused) {
        it(`${what}: delivery.rejected, nothing sent`, async () => {
          const strict = await harness({ strict: true });
          const error = await failure(strict.sender.send({ idempotencyId: eventId(), orgId: ORG, url: url(strict.baseUrl), eventType: 't', body: {} }));
          expect(error.code).to.equal('delivery.rejected');
          expect(error.retryable).to.equal(false);
          expect(error.message).not.to.include('pass');
          expect(strict.received()).to.deep.equal([]);
        });
      }
    });
  });
}
