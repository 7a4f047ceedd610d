/**
 * SmsSender behaviour every implementation must share, run against a local peer speaking the
 * provider's wire protocol: the text arrives as written (to, from, body; NUL removed and unpaired
 * surrogates replaced, deliberately), the provider's id comes back, the event id travels as the
 * idempotency key, refusals of the message are `delivery.rejected` (not retryable) — an opted-out
 * number says so in `details.reason` — and everything that may pass is `delivery.unavailable`
 * (retryable). No error text carries a credential or the recipient's number.
 */
import { expect } from 'chai';
import type { AppError, SmsSender } from '@cws/core';
import { closedAfterEach, deliveryFailure as failure } from './delivery-harness.js';

export interface SmsPeerMessage {
  readonly to: string;
  readonly from: string;
  readonly body: string;
  /** The event id as the peer saw it (Twilio: `outbox_event_id` of the status callback); null when none came. */
  readonly idempotencyKey: string | null;
}

/** What the peer does to the next request instead of accepting it. */
export type SmsPeerFault = 'server_error' | 'rate_limited' | 'hang' | 'drop';

export interface SmsSenderHarness {
  readonly sender: SmsSender;
  /** The sending number the sender was configured with. */
  readonly from: string;
  /** Messages the peer accepted, in order. */
  received(): readonly SmsPeerMessage[];
  /** Requests that reached the peer (accepted or not). */
  requestCount(): number;
  failNext(fault: SmsPeerFault): void;
  /** The number replied STOP to our sender (the provider refuses to text it). */
  optOut(phone: string): void;
  /** Strings no error text may contain (credentials). */
  readonly secrets: readonly string[];
  close(): Promise<void>;
}

export interface SmsSenderHarnessOptions {
  /** The sender's request timeout (small for the hang case). */
  readonly timeoutMs?: number;
  /** The sender points at an address where nothing listens. */
  readonly unreachable?: boolean;
  /** The sender holds credentials the peer refuses. */
  readonly wrongCredentials?: boolean;
}

export type SmsSenderHarnessFactory = (options: SmsSenderHarnessOptions) => Promise<SmsSenderHarness>;

const ORG = '00000000-0000-4000-8000-0000000000aa';
const TO = '+15557654321';
let counter = 0;
const eventId = () => `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;


function expectClean(error: AppError, secrets: readonly string[], phone: string): void {
  const text = `${error.message} ${JSON.stringify(error.details)}`;
  for (const secret of secrets) expect(text).not.to.include(secret);
  expect(text).not.to.include(phone);
  expect(text).not.to.include(phone.slice(1));
}

export function smsSenderContract(name: string, factory: SmsSenderHarnessFactory): void {
  describe(`SmsSender contract: ${name}`, function () {
    let h: SmsSenderHarness;
    const made = closedAfterEach(factory);
    const harness = (options: SmsSenderHarnessOptions = {}) => made(options);
    beforeEach(async () => {
      h = await harness();
    });

    it('delivers the text to the number, from our number, and answers the provider id', async () => {
      const id = eventId();
      const receipt = await h.sender.send({ idempotencyId: id, orgId: ORG, to: TO, body: 'Your cleaning is tomorrow at 9:00.' });
      expect(h.received()).to.deep.equal([{ to: TO, from: h.from, body: 'Your cleaning is tomorrow at 9:00.', idempotencyKey: id }]);
      expect(receipt.providerMessageId).to.be.a('string').and.not.equal('');
    });

    it('the same event sent twice carries the same idempotency key both times (the peer can dedupe)', async () => {
      const id = eventId();
      const first = await h.sender.send({ idempotencyId: id, orgId: ORG, to: TO, body: 'Once' });
      const second = await h.sender.send({ idempotencyId: id, orgId: ORG, to: TO, body: 'Once' });
      expect(h.received().map((m) => m.idempotencyKey)).to.deep.equal([id, id]);
      expect(first.providerMessageId).not.to.equal(second.providerMessageId);
    });

    it('emoji, accents and other scripts arrive intact', async () => {
      const body = 'Ça marche 👍🏽 — 清洁 ✨ «ok» \'"<>&';
      await h.sender.send({ idempotencyId: eventId(), orgId: ORG, to: TO, body });
      expect(h.received()[0]!.body).to.equal(body);
    });

    it('NUL is removed and an unpaired surrogate replaced, deliberately; the rest arrives', async () => {
      await h.sender.send({ idempotencyId: eventId(), orgId: ORG, to: TO, body: 'a\u0000b \uD800 c \uDC00 😀' });
      expect(h.received()[0]!.body).to.equal('ab \uFFFD c \uFFFD 😀');
    });

    it('an invalid number is rejected for good (not retryable), and the error does not repeat it', async () => {
      const bad = '+12';
      const error = await failure(h.sender.send({ idempotencyId: eventId(), orgId: ORG, to: bad, body: 'Hi' }));
      expect(error.code).to.equal('delivery.rejected');
      expect(error.retryable).to.equal(false);
      expect(`${error.message}`).not.to.match(/\+12\b/);
      expect(h.received()).to.deep.equal([]);
    });

    it('a number that replied STOP is rejected with details.reason opted_out', async () => {
      h.optOut(TO);
      const error = await failure(h.sender.send({ idempotencyId: eventId(), orgId: ORG, to: TO, body: 'Hi' }));
      expect(error.code).to.equal('delivery.rejected');
      expect(error.retryable).to.equal(false);
      expect(error.details['reason']).to.equal('opted_out');
      expectClean(error, h.secrets, TO);
    });

    for (const fault of ['server_error', 'rate_limited', 'drop'] as const) {
      it(`${fault} is delivery.unavailable (retryable), with no credential or number in the error`, async () => {
        h.failNext(fault);
        const error = await failure(h.sender.send({ idempotencyId: eventId(), orgId: ORG, to: TO, body: 'Hi' }));
        expect(error.code).to.equal('delivery.unavailable');
        expect(error.retryable).to.equal(true);
        expectClean(error, h.secrets, TO);
        // The next send goes through: nothing stuck.
        await h.sender.send({ idempotencyId: eventId(), orgId: ORG, to: TO, body: 'Again' });
        expect(h.received().map((m) => m.body)).to.deep.equal(['Again']);
      });
    }

    it('a peer that never answers is delivery.unavailable once the timeout passes', async () => {
      const slow = await harness({ timeoutMs: 300 });
      slow.failNext('hang');
      const error = await failure(slow.sender.send({ idempotencyId: eventId(), orgId: ORG, to: TO, body: 'Hi' }));
      expect(error.code).to.equal('delivery.unavailable');
      expect(error.retryable).to.equal(true);
      expect(slow.requestCount()).to.equal(1);
    });

    it('connection refused is delivery.unavailable', async () => {
      const gone = await harness({ unreachable: true });
      const error = await failure(gone.sender.send({ idempotencyId: eventId(), orgId: ORG, to: TO, body: 'Hi' }));
      expect(error.code).to.equal('delivery.unavailable');
      expect(error.retryable).to.equal(true);
      expectClean(error, gone.secrets, TO);
    });

    it('our credentials refused is delivery.unavailable (kept until an operator fixes them), secret not shown', async () => {
      const wrong = await harness({ wrongCredentials: true });
      const error = await failure(wrong.sender.send({ idempotencyId: eventId(), orgId: ORG, to: TO, body: 'Hi' }));
      expect(error.code).to.equal('delivery.unavailable');
      expect(error.retryable).to.equal(true);
      expectClean(error, wrong.secrets, TO);
      expect(wrong.received()).to.deep.equal([]);
    });
  });
}
