/**
 * Mailer behaviour every adapter must share, against a real peer (a local server playing the
 * provider): a message arrives with its recipient, sender, subject, text and HTML parts and its
 * outbox event id; unicode arrives exactly; hostile text cannot add a header or a recipient, and
 * NUL or lone surrogates cannot break the message; a permanent refusal is `delivery.rejected`
 * (not retried), a temporary one or no answer at all `delivery.unavailable` (retried); no error
 * carries a secret or the recipient's address; two deliveries of one event carry the same id, so
 * the receiving side can drop the duplicate.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import { isAppError, MAIL_EVENT_ID_HEADER, mailHeaderText, type AppError, type EmailToSend, type Mailer } from '@cws/core';

/** One message as the peer received it, in terms every provider shares. */
export interface ReceivedEmail {
  /** Every address it was delivered to (the SMTP envelope; SendGrid's to, cc and bcc). */
  readonly recipients: readonly string[];
  /** The display name on the To address, null when none. */
  readonly toName: string | null;
  readonly fromAddress: string;
  readonly fromName: string | null;
  readonly subject: string;
  /** The text/plain part, line breaks as LF. */
  readonly text: string;
  readonly html: string;
  /** Header fields the peer saw, names in lower case (SendGrid: the `headers` object). */
  readonly headers: Readonly<Record<string, string>>;
  /** The provider's own handle of the event: SendGrid's `outbox_event_id` custom arg, SMTP's Message-ID. */
  readonly eventKey: string | null;
  /** The id the peer answered for the message (SendGrid's X-Message-Id, the SMTP queue id). */
  readonly providerMessageId: string;
}

/**
 * How the peer fails the next send: `permanent` refuses it for good naming the recipient (SendGrid
 * 400, SMTP 550), `transient` refuses it for now (SendGrid 5xx, SMTP 451), `hang` never answers.
 */
export type MailerPeerFailure = 'permanent' | 'transient' | 'hang';

export interface MailerHarness {
  /** Built with a short timeout (a second or two), so `hang` ends quickly. */
  readonly mailer: Mailer;
  /** The configured sender (EMAIL_FROM) and its default display name. */
  readonly fromAddress: string;
  readonly fromName: string;
  /** Strings no error may contain: the API key, the SMTP password. */
  readonly secrets: readonly string[];
  /** What the peer accepted, oldest first. */
  received(): Promise<readonly ReceivedEmail[]>;
  failNext(failure: MailerPeerFailure): void;
  /** Closes the mailer, then the peer. */
  dispose(): Promise<void>;
}

/** A message as the deliverer hands it to a mailer; `overrides` change any field. */
export function anEmail(overrides: Partial<EmailToSend> = {}): EmailToSend {
  const id = randomUUID();
  return {
    idempotencyId: id,
    orgId: randomUUID(),
    to: `client-${id.slice(0, 8)}@example.com`,
    toName: 'Ana Client',
    fromName: 'Sparkle & Shine Cleaning',
    subject: 'Your booking is confirmed',
    text: 'Hello Ana,\n\nYour visit is booked.\n\n— Sparkle & Shine Cleaning',
    html: '<!doctype html><html><body><p>Hello Ana,</p><p>Your visit is booked.</p></body></html>',
    template: 'booking_confirmed',
    ...overrides,
  };
}

/** The AppError `promise` fails with (the test fails if it succeeds or throws anything else). */
export async function deliveryFailure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(isAppError(error), `an AppError, not ${inspect(error)}`).to.equal(true);
    return error as AppError;
  }
  expect.fail('the send succeeded');
}

export function mailerContract(name: string, factory: () => Promise<MailerHarness>): void {
  describe(`${name}: Mailer`, function () {
    let h: MailerHarness;

    beforeEach(async function () {
      h = await factory();
    });
    afterEach(async function () {
      if (h) await h.dispose();
    });

    async function only(): Promise<ReceivedEmail> {
      const received = await h.received();
      expect(received).to.have.length(1);
      return received[0]!;
    }

    /** Nothing in the error, its details or its cause (inspected deeply) names a secret or the recipient. */
    function expectNothingLeaks(error: AppError, email: EmailToSend): void {
      const everything = `${error.message}\n${JSON.stringify(error.details)}\n${inspect(error, { depth: 8, showHidden: true })}`;
      for (const secret of h.secrets) expect(everything, 'a secret in the error').not.to.include(secret);
      expect(everything.toLowerCase(), 'the recipient in the error').not.to.include(email.to.toLowerCase());
      expect(error.message.length).to.be.greaterThan(0).and.at.most(500);
    }

    describe('delivery', function () {
      it('delivers recipient, sender, subject, text and HTML, and answers the provider’s id', async function () {
        const email = anEmail();
        const receipt = await h.mailer.send(email);
        const got = await only();
        expect(got.recipients).to.deep.equal([email.to]);
        expect(got.toName).to.equal('Ana Client');
        expect(got.fromAddress).to.equal(h.fromAddress);
        expect(got.fromName).to.equal('Sparkle & Shine Cleaning');
        expect(got.subject).to.equal(email.subject);
        expect(got.text).to.equal(email.text);
        expect(got.html).to.equal(email.html);
        expect(receipt.providerMessageId).to.be.a('string').and.equal(got.providerMessageId);
        expect(h.mailer.provider).to.be.a('string').and.match(/^[a-z]+$/);
      });

      it('carries the outbox event id in a header and in the provider’s own handle', async function () {
        const email = anEmail();
        await h.mailer.send(email);
        const got = await only();
        expect(got.headers[MAIL_EVENT_ID_HEADER.toLowerCase()]).to.equal(email.idempotencyId);
        expect(got.eventKey).to.be.a('string').and.include(email.idempotencyId);
      });

      it('uses the configured sender name when the message has none, and no To name when there is none', async function () {
        await h.mailer.send(anEmail({ fromName: null, toName: null }));
        const got = await only();
        expect(got.fromName).to.equal(h.fromName);
        expect(got.fromAddress).to.equal(h.fromAddress);
        expect(got.toName).to.equal(null);
      });

      it('two deliveries of one event carry the same id (the receiver drops the second); another event another id', async function () {
        const email = anEmail();
        await h.mailer.send(email);
        await h.mailer.send(email);
        await h.mailer.send(anEmail({ to: email.to }));
        const [first, second, other] = await h.received();
        expect(second!.eventKey).to.equal(first!.eventKey);
        expect(second!.headers[MAIL_EVENT_ID_HEADER.toLowerCase()]).to.equal(first!.headers[MAIL_EVENT_ID_HEADER.toLowerCase()]);
        expect(other!.eventKey).not.to.equal(first!.eventKey);
      });

      it('sends messages in parallel, each whole and to its own recipient', async function () {
        const emails = Array.from({ length: 6 }, (_, i) => anEmail({ subject: `Message ${i}`, text: `Body ${i}` }));
        await Promise.all(emails.map((e) => h.mailer.send(e)));
        const received = await h.received();
        expect(received).to.have.length(6);
        for (const email of emails) {
          const got = received.find((r) => r.subject === email.subject);
          expect(got, email.subject).not.to.equal(undefined);
          expect(got!.recipients).to.deep.equal([email.to]);
          expect(got!.text).to.equal(email.text);
          expect(got!.headers[MAIL_EVENT_ID_HEADER.toLowerCase()]).to.equal(email.idempotencyId);
        }
      });
    });

    describe('unicode and hostile text', function () {
      it('delivers emoji, right-to-left text, accents and astral characters exactly', async function () {
        const email = anEmail({
          toName: 'Zoë Ångström-Núñez',
          fromName: 'شركة التنظيف ✨',
          subject: 'Ménage ✨ 清洁 — مرحبا 𝒮parkle 👩🏽‍🔧',
          text: 'Bonjour Zoë 👋\nمرحبا بكم\n清洁服务 𝔘𝔫𝔦𝔠𝔬𝔡𝔢\nZa\u0301logo\u0301',
          html: '<p dir="rtl">مرحبا بكم</p><p>Zoë 👋 — 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 &amp; café</p>',
        });
        await h.mailer.send(email);
        const got = await only();
        expect(got.toName).to.equal(email.toName);
        expect(got.fromName).to.equal(email.fromName);
        expect(got.subject).to.equal(email.subject);
        expect(got.text).to.equal(email.text);
        expect(got.html).to.equal(email.html);
      });

      it('a CR/LF in the subject or a name adds no header and no recipient: the text arrives on one line', async function () {
        const email = anEmail({
          subject: 'Hello\r\nBcc: intruder@evil.example\r\n\r\nInjected body',
          toName: 'Eve\r\nBcc: intruder2@evil.example',
          fromName: 'Org"\r\nX-Injected: yes',
        });
        await h.mailer.send(email);
        const got = await only();
        expect(got.recipients).to.deep.equal([email.to]);
        expect(got.headers).not.to.have.property('bcc');
        expect(got.headers).not.to.have.property('x-injected');
        expect(got.subject).to.equal(mailHeaderText(email.subject)).and.equal('Hello Bcc: intruder@evil.example Injected body');
        expect(got.toName).to.equal('Eve Bcc: intruder2@evil.example');
        expect(got.fromName).to.equal('Org" X-Injected: yes');
        expect(got.text).to.equal(email.text);
      });

      for (const [label, to] of [
        ['a CR/LF and a header', 'ana@example.com\r\nBcc: intruder@evil.example'],
        ['a second recipient after a comma', 'ana@example.com, intruder@evil.example'],
        ['a display-name form', 'Ana <intruder@evil.example>'],
        ['a NUL', 'ana@example.com\u0000intruder@evil.example'],
      ] as const) {
        it(`refuses a recipient address with ${label} for good, sending nothing`, async function () {
          const email = anEmail({ to });
          const error = await deliveryFailure(h.mailer.send(email));
          expect(error.code).to.equal('delivery.rejected');
          expect(error.retryable).to.equal(false);
          expect(error.message).not.to.include('intruder');
          expect(await h.received()).to.have.length(0);
        });
      }

      it('drops NUL from the body and replaces lone surrogates, delivering the rest', async function () {
        const email = anEmail({
          subject: 'Lone \uD800 surrogate',
          text: 'before\u0000after \uDC00 end',
          html: '<p>a\u0000b \uD83D c</p>',
        });
        await h.mailer.send(email);
        const got = await only();
        expect(got.subject).to.equal('Lone \uFFFD surrogate');
        expect(got.text).to.equal('beforeafter \uFFFD end');
        expect(got.html).to.equal('<p>ab \uFFFD c</p>');
      });

      it('delivers a 5,000-character line and a 200-kB body intact (SMTP lines stop at 998)', async function () {
        const line = 'x'.repeat(5000);
        const big = Array.from({ length: 2000 }, (_, i) => `Line ${i}: ${'é'.repeat(40)}`).join('\n');
        const email = anEmail({ text: `${line}\n${big}`, html: `<p>${line}</p>` });
        await h.mailer.send(email);
        const got = await only();
        expect(got.text).to.equal(email.text);
        expect(got.html).to.equal(email.html);
      });
    });

    describe('failures', function () {
      it('a permanent refusal is delivery.rejected, not retryable, and names neither the recipient nor a secret', async function () {
        const email = anEmail();
        h.failNext('permanent');
        const error = await deliveryFailure(h.mailer.send(email));
        expect(error.code).to.equal('delivery.rejected');
        expect(error.retryable).to.equal(false);
        expectNothingLeaks(error, email);
        expect(await h.received()).to.have.length(0);
      });

      it('a temporary refusal is delivery.unavailable and retryable; the next send goes through', async function () {
        const email = anEmail();
        h.failNext('transient');
        const error = await deliveryFailure(h.mailer.send(email));
        expect(error.code).to.equal('delivery.unavailable');
        expect(error.retryable).to.equal(true);
        expectNothingLeaks(error, email);
        await h.mailer.send(email);
        expect((await only()).headers[MAIL_EVENT_ID_HEADER.toLowerCase()]).to.equal(email.idempotencyId);
      });

      it('no answer ends in delivery.unavailable (retryable) after the timeout; the mailer recovers', async function () {
        this.timeout(30_000);
        const email = anEmail();
        h.failNext('hang');
        const error = await deliveryFailure(h.mailer.send(email));
        expect(error.code).to.equal('delivery.unavailable');
        expect(error.retryable).to.equal(true);
        expectNothingLeaks(error, email);
        await h.mailer.send(email);
        expect((await only()).recipients).to.deep.equal([email.to]);
      });
    });
  });
}
