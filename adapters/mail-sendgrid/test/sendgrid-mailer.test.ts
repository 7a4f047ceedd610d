/**
 * What the Mailer contract cannot say about SendGrid: the v3 request as sent (custom args,
 * header, category, click tracking off), mailers that never share a key, and each HTTP status
 * mapped to rejected or retryable with SendGrid's reason kept and its secrets dropped.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import sendgridSingleton from '@sendgrid/mail';
import type { EmailToSend } from '@cws/core';
import { anEmail as sampleEmail, deliveryFailure } from '@cws/contract-tests';
import { startFakeSendGridServer, type FakeSendGridServer, type SendGridFailure } from '@cws/test-support';
import { SendGridMailer } from '@cws/adapter-mail-sendgrid';

const FROM = { email: 'bookings@sparkle.example', name: 'Sparkle Bookings' };

/** A plain message of this suite: no sender name of its own, so the configured one shows. */
const anEmail = (): EmailToSend =>
  sampleEmail({ toName: 'Ana', fromName: null, subject: 'Booking confirmed', text: 'See you on Monday.', html: '<p>See you on Monday.</p>' });

describe('SendGridMailer', function () {
  const peers: FakeSendGridServer[] = [];
  async function peer(): Promise<FakeSendGridServer> {
    const p = await startFakeSendGridServer();
    peers.push(p);
    return p;
  }
  const mailerFor = (p: FakeSendGridServer, apiKey = p.apiKey) => new SendGridMailer({ apiKey, from: FROM, baseUrl: p.baseUrl, timeoutMs: 1500 });
  afterEach(async function () {
    for (const p of peers.splice(0)) await p.close();
  });

  it('sends the v3 request: custom args, event header, category, click tracking off, text before HTML', async function () {
    const p = await peer();
    const email = anEmail();
    await mailerFor(p).send(email);
    const { body } = p.received[0]!;
    expect(body.personalizations).to.deep.equal([{ to: [{ email: email.to, name: 'Ana' }] }]);
    expect(body.from).to.deep.equal(FROM);
    expect(body.custom_args).to.deep.equal({ outbox_event_id: email.idempotencyId, org_id: email.orgId });
    expect(body.headers).to.deep.equal({ 'X-Outbox-Event-Id': email.idempotencyId });
    expect(body.categories).to.deep.equal(['booking_confirmed']);
    expect(body.tracking_settings).to.deep.equal({ click_tracking: { enable: false, enable_text: false } });
    expect(body.content.map((c) => c.type)).to.deep.equal(['text/plain', 'text/html']);
  });

  it('two mailers keep their own key and server, and leave the SDK’s shared instance alone', async function () {
    const [a, b] = [await peer(), await peer()];
    const [mailerA, mailerB] = [mailerFor(a), mailerFor(b)];
    await mailerB.send(anEmail());
    await mailerA.send(anEmail());
    await mailerB.send(anEmail());
    expect([a.received.length, b.received.length]).to.deep.equal([1, 2]);
    // The fake refuses any other key, so each request carried its own mailer's.
    const client = (sendgridSingleton as unknown as { client: { auth: string; defaultRequest: { baseUrl: string } } }).client;
    expect(client.auth).to.equal('');
    expect(client.defaultRequest.baseUrl).to.equal('https://api.sendgrid.com/');
  });

  describe('statuses', function () {
    const cases: ReadonlyArray<[SendGridFailure & object, 'delivery.rejected' | 'delivery.unavailable']> = [
      [{ status: 400, errors: [{ message: 'Does not contain a valid address.', field: 'personalizations.0.to.0.email' }] }, 'delivery.rejected'],
      [{ status: 404 }, 'delivery.rejected'],
      [{ status: 413, errors: [{ message: 'Payload Too Large', field: null }] }, 'delivery.rejected'],
      // Our key or sender, not the message: retried while an operator fixes the settings.
      [{ status: 401, errors: [{ message: 'The provided authorization grant is invalid, expired, or revoked', field: null }] }, 'delivery.unavailable'],
      [{ status: 403, errors: [{ message: 'The from address does not match a verified Sender Identity.', field: 'from' }] }, 'delivery.unavailable'],
      [{ status: 408 }, 'delivery.unavailable'],
      [{ status: 429, errors: [{ message: 'too many requests', field: null }] }, 'delivery.unavailable'],
      [{ status: 500, errors: [{ message: 'Internal Server Error', field: null }] }, 'delivery.unavailable'],
      [{ status: 502 }, 'delivery.unavailable'],
      [{ status: 503 }, 'delivery.unavailable'],
    ];
    for (const [answer, code] of cases) {
      it(`${answer.status} → ${code}, with SendGrid's reason`, async function () {
        const p = await peer();
        p.failNext(answer);
        const error = await deliveryFailure(mailerFor(p).send(anEmail()));
        expect(error.code).to.equal(code);
        expect(error.retryable).to.equal(code === 'delivery.unavailable');
        expect(error.details).to.deep.equal({ provider: 'sendgrid', status: answer.status });
        expect(error.message).to.include(`SendGrid answered ${answer.status}`);
        for (const e of answer.errors ?? []) expect(error.message).to.include(e.message);
      });
    }

    it('429 honours Retry-After (seconds), and X-RateLimit-Reset when there is none', async function () {
      const p = await peer();
      const m = mailerFor(p);
      p.failNext({ status: 429, headers: { 'retry-after': '42' } });
      expect((await deliveryFailure(m.send(anEmail()))).retryAfterSeconds).to.equal(42);
      p.failNext({ status: 429, headers: { 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 120) } });
      expect((await deliveryFailure(m.send(anEmail()))).retryAfterSeconds).to.be.within(115, 121);
      p.failNext({ status: 503, headers: { 'retry-after': 'soon' } });
      expect((await deliveryFailure(m.send(anEmail()))).retryAfterSeconds).to.equal(null);
    });

    it('a wrong key is delivery.unavailable and neither key shows anywhere in the error', async function () {
      const p = await peer();
      const wrong = `SG.${randomUUID()}.${randomUUID()}`;
      const error = await deliveryFailure(mailerFor(p, wrong).send(anEmail()));
      expect(error.code).to.equal('delivery.unavailable');
      expect(error.details).to.deep.equal({ provider: 'sendgrid', status: 401 });
      const everything = `${error.message} ${inspect(error, { depth: 8, showHidden: true })}`;
      expect(everything).not.to.include(wrong);
      expect(everything).not.to.include(p.apiKey);
      expect(everything).not.to.include('Bearer');
    });

    it('a hostile reason is cut short, stripped of control characters, addresses and keys', async function () {
      const p = await peer();
      const email = anEmail();
      p.failNext({ status: 400, errors: [{ message: `Bad {to}\r\nX-Evil: 1\u0000 key SG.abcdefgh.ijklmnop ${'z'.repeat(5000)}`, field: null }, { message: 'second', field: null }, { message: 'third', field: null }, { message: 'fourth', field: null }] });
      const error = await deliveryFailure(mailerFor(p).send(email));
      expect(error.code).to.equal('delivery.rejected');
      expect(error.message).not.to.include(email.to);
      expect(error.message).not.to.include('SG.abcdefgh');
      // eslint-disable-next-line no-control-regex
      expect(error.message).not.to.match(/[\u0000-\u001f]/);
      expect(error.message.length).to.be.at.most(500);
    });
  });

  describe('connections', function () {
    it('a reset connection is delivery.unavailable', async function () {
      const p = await peer();
      p.failNext('reset');
      const error = await deliveryFailure(mailerFor(p).send(anEmail()));
      expect(error.code).to.equal('delivery.unavailable');
      expect(error.retryable).to.equal(true);
    });

    it('a closed port is delivery.unavailable, naming the system error', async function () {
      const probe = createServer();
      await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
      const { port } = probe.address() as AddressInfo;
      await new Promise<void>((resolve) => probe.close(() => resolve()));
      const m = new SendGridMailer({ apiKey: 'SG.closed-port-key.abcdefgh', from: FROM, baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 1500 });
      const error = await deliveryFailure(m.send(anEmail()));
      expect(error.code).to.equal('delivery.unavailable');
      expect(error.details).to.deep.equal({ provider: 'sendgrid', code: 'ECONNREFUSED' });
      expect(inspect(error, { depth: 8, showHidden: true })).not.to.include('closed-port-key');
    });

    it('gives up on a server that never answers after `timeoutMs`', async function () {
      const p = await peer();
      p.failNext('hang');
      const started = Date.now();
      const error = await deliveryFailure(new SendGridMailer({ apiKey: p.apiKey, from: FROM, baseUrl: p.baseUrl, timeoutMs: 300 }).send(anEmail()));
      expect(error.code).to.equal('delivery.unavailable');
      expect(Date.now() - started).to.be.at.least(250);
      expect(p.requestCount).to.equal(1);
    });
  });

  it('answers X-Message-Id as the provider id', async function () {
    const p = await peer();
    const receipt = await mailerFor(p).send(anEmail());
    expect(receipt.providerMessageId).to.equal(p.received[0]!.messageId).and.match(/^[A-Za-z0-9_-]{22}$/);
  });
});
