/**
 * What the Mailer contract cannot say about SMTP: transport security (STARTTLS used, required,
 * implicit TLS, certificates checked), credentials refused, each SMTP reply mapped to rejected or
 * retryable, the Message-ID derived from the event, and the loopback default.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { inspect } from 'node:util';
import type { EmailToSend } from '@cws/core';
import { anEmail as sampleEmail, deliveryFailure } from '@cws/contract-tests';
import { startSmtpTestServer, type SmtpFailure, type SmtpTestServer } from '@cws/test-support';
import { SmtpMailer, isLoopbackHost, outboxMessageId, type SmtpMailerOptions } from '@cws/adapter-mail-smtp';

const FROM = { email: 'bookings@sparkle.example', name: 'Sparkle Bookings' };

/** A plain message of this suite: no sender name of its own, so the configured one shows. */
const anEmail = (): EmailToSend =>
  sampleEmail({ toName: 'Ana', fromName: null, subject: 'Booking confirmed', text: 'See you on Monday.', html: '<p>See you on Monday.</p>' });

describe('SmtpMailer', function () {
  const opened: Array<{ close(): Promise<void> }> = [];
  async function server(options: Parameters<typeof startSmtpTestServer>[0] = {}): Promise<SmtpTestServer> {
    const s = await startSmtpTestServer(options);
    opened.push(s);
    return s;
  }
  function mailer(peer: SmtpTestServer, overrides: Partial<SmtpMailerOptions> = {}): SmtpMailer {
    const m = new SmtpMailer({
      host: peer.host,
      port: peer.port,
      secure: false,
      requireTls: true,
      rejectUnauthorized: false,
      user: peer.user,
      password: peer.password,
      from: FROM,
      timeoutMs: 1500,
      ...overrides,
    });
    // Mailers close before servers (unshift), so no pooled connection outlives its server.
    opened.unshift(m);
    return m;
  }
  afterEach(async function () {
    for (const o of opened.splice(0)) await o.close();
  });

  describe('transport security', function () {
    it('upgrades with STARTTLS and logs in before sending', async function () {
      const peer = await server();
      await mailer(peer).send(anEmail());
      expect(peer.received).to.have.length(1);
      expect(peer.received[0]!.secure).to.equal(true);
      expect(peer.received[0]!.user).to.equal(peer.user);
      expect(peer.plaintextMailCommands).to.equal(0);
    });

    it('with STARTTLS required, refuses a server that does not offer it: no login, no message in clear', async function () {
      const peer = await server({ tls: 'none' });
      const error = await deliveryFailure(mailer(peer).send(anEmail()));
      expect(error.code).to.equal('delivery.unavailable');
      expect(error.retryable).to.equal(true);
      expect(error.details).to.include({ code: 'ETLS', command: 'STARTTLS' });
      expect(peer.authAttempts).to.equal(0);
      expect(peer.plaintextMailCommands).to.equal(0);
      expect(peer.received).to.have.length(0);
    });

    it('requires STARTTLS by default towards a host that is not loopback', async function () {
      // One of this machine's own non-loopback addresses stands for a relay across a network.
      const address = Object.values(networkInterfaces())
        .flat()
        .find((i) => i !== undefined && !i.internal && i.family === 'IPv4')?.address;
      if (address === undefined) this.skip(); // no network interface but loopback: nothing to stand for a remote relay
      const peer = await server({ tls: 'none', listen: address });
      const error = await deliveryFailure(mailer(peer, { requireTls: undefined }).send(anEmail()));
      expect(error.code).to.equal('delivery.unavailable');
      expect(error.details).to.include({ code: 'ETLS', command: 'STARTTLS' });
      expect(peer.authAttempts).to.equal(0);
      expect(peer.plaintextMailCommands).to.equal(0);
      expect(peer.received).to.have.length(0);
    });

    it('sends in clear to a loopback relay without STARTTLS by default (Mailpit, a local Postfix)', async function () {
      const peer = await server({ tls: 'none' });
      await mailer(peer, { requireTls: undefined }).send(anEmail());
      expect(peer.received).to.have.length(1);
      expect(peer.received[0]!.secure).to.equal(false);
    });

    it('still uses STARTTLS towards a loopback relay that offers it', async function () {
      const peer = await server();
      await mailer(peer, { requireTls: undefined }).send(anEmail());
      expect(peer.received[0]!.secure).to.equal(true);
    });

    it('speaks implicit TLS with `secure` (port 465 style)', async function () {
      const peer = await server({ tls: 'implicit' });
      await mailer(peer, { secure: true }).send(anEmail());
      expect(peer.received).to.have.length(1);
      expect(peer.received[0]!.secure).to.equal(true);
    });

    it('checks the certificate unless told otherwise: a self-signed one is refused, retryably, before any login', async function () {
      const peer = await server();
      const error = await deliveryFailure(mailer(peer, { rejectUnauthorized: undefined }).send(anEmail()));
      expect(error.code).to.equal('delivery.unavailable');
      expect(error.message).to.match(/certificate/);
      expect(error.retryable).to.equal(true);
      expect(peer.authAttempts).to.equal(0);
      expect(peer.received).to.have.length(0);
    });
  });

  describe('credentials', function () {
    it('a refused login is delivery.unavailable (our settings, not the message) and never shows the password', async function () {
      const peer = await server();
      const wrong = `wrong-${randomUUID()}`;
      const email = anEmail();
      const error = await deliveryFailure(mailer(peer, { password: wrong }).send(email));
      expect(error.code).to.equal('delivery.unavailable');
      expect(error.retryable).to.equal(true);
      expect(error.details).to.include({ code: 'EAUTH', responseCode: 535 });
      const everything = `${error.message} ${JSON.stringify(error.details)} ${inspect(error, { depth: 8, showHidden: true })}`;
      expect(everything).not.to.include(wrong);
      expect(everything).not.to.include(peer.password);
      expect(everything).not.to.include(email.to);
      expect(peer.authFailures).to.equal(1);
      expect(peer.received).to.have.length(0);
    });

    it('a relay requiring a login, given none, is delivery.unavailable', async function () {
      const peer = await server();
      const error = await deliveryFailure(mailer(peer, { user: null, password: null }).send(anEmail()));
      expect(error.code).to.equal('delivery.unavailable');
      expect(peer.received).to.have.length(0);
    });

    it('refuses a user without a password (or the reverse) at construction', function () {
      expect(() => new SmtpMailer({ host: 'smtp.example.com', port: 587, secure: false, user: 'u', password: null, from: FROM })).to.throw(/both or neither/);
      expect(() => new SmtpMailer({ host: 'smtp.example.com', port: 587, secure: false, user: null, password: 'p', from: FROM })).to.throw(/both or neither/);
    });
  });

  describe('replies: rejected for good or retried', function () {
    const cases: ReadonlyArray<[string, SmtpFailure, 'delivery.rejected' | 'delivery.unavailable']> = [
      ['RCPT 550 (no such mailbox)', { at: 'RCPT TO', code: 550, message: '5.1.1 <{rcpt}>: User unknown' }, 'delivery.rejected'],
      ['RCPT 553 (mailbox name not allowed)', { at: 'RCPT TO', code: 553, message: '5.1.3 Bad recipient address syntax' }, 'delivery.rejected'],
      ['DATA 554 (content refused)', { at: 'DATA', code: 554, message: '5.7.1 Message rejected as spam' }, 'delivery.rejected'],
      ['MAIL FROM 552 (too big)', { at: 'MAIL FROM', code: 552, message: '5.3.4 Message size exceeds fixed limit' }, 'delivery.rejected'],
      ['RCPT 450 (mailbox busy)', { at: 'RCPT TO', code: 450, message: '4.2.1 Mailbox busy' }, 'delivery.unavailable'],
      ['RCPT 451 (local error)', { at: 'RCPT TO', code: 451, message: '4.3.0 Try again later' }, 'delivery.unavailable'],
      ['RCPT 452 (storage)', { at: 'RCPT TO', code: 452, message: '4.3.1 Insufficient system storage' }, 'delivery.unavailable'],
      ['RCPT 421 (closing)', { at: 'RCPT TO', code: 421, message: '4.7.0 Too many connections' }, 'delivery.unavailable'],
      ['DATA 451 (greylisted)', { at: 'DATA', code: 451, message: '4.7.1 Greylisted, retry later' }, 'delivery.unavailable'],
      ['MAIL FROM 553 (sender not ours: a setting)', { at: 'MAIL FROM', code: 553, message: '5.7.1 Sender address rejected: not owned by user' }, 'delivery.unavailable'],
      ['MAIL FROM 530 (login required: a setting)', { at: 'MAIL FROM', code: 530, message: '5.7.0 Authentication required' }, 'delivery.unavailable'],
    ];
    for (const [label, reply, code] of cases) {
      it(`${label} → ${code}`, async function () {
        const peer = await server();
        const m = mailer(peer);
        const email = anEmail();
        peer.failNext(reply);
        const error = await deliveryFailure(m.send(email));
        expect(error.code).to.equal(code);
        expect(error.retryable).to.equal(code === 'delivery.unavailable');
        expect(error.details).to.include({ responseCode: typeof reply === 'string' ? null : reply.code });
        // The reply and enhanced codes survive the sanitiser; the address does not.
        expect(error.message).to.include(`${typeof reply === 'string' ? '' : reply.code}, `);
        expect(error.message).not.to.include(email.to);
        // The pool carries on with the next message.
        await m.send(anEmail());
        expect(peer.received).to.have.length(1);
      });
    }

    it('a closed port is delivery.unavailable', async function () {
      const probe = createServer();
      await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
      const { port } = probe.address() as AddressInfo;
      await new Promise<void>((resolve) => probe.close(() => resolve()));
      const m = new SmtpMailer({ host: '127.0.0.1', port, secure: false, user: null, password: null, from: FROM, timeoutMs: 1500 });
      opened.push(m);
      const error = await deliveryFailure(m.send(anEmail()));
      expect(error.code).to.equal('delivery.unavailable');
      expect(error.retryable).to.equal(true);
    });
  });

  describe('ids', function () {
    it('sets Message-ID <event-id@sender-domain> and answers the relay’s queue id', async function () {
      const peer = await server();
      const email = anEmail();
      const receipt = await mailer(peer).send(email);
      expect(peer.received[0]!.parsed.messageId).to.equal(`<${email.idempotencyId}@sparkle.example>`);
      expect(receipt.providerMessageId).to.equal(peer.received[0]!.queueId);
    });

    it('outboxMessageId: a hostile id is hashed, an odd sender domain replaced, the result stable', function () {
      expect(outboxMessageId('0b7e-AB_c.1', 'x@Sparkle.Example')).to.equal('<0b7e-AB_c.1@sparkle.example>');
      const hostile = outboxMessageId('id>\r\nBcc: evil@x', 'x@sparkle.example');
      expect(hostile).to.match(/^<[0-9a-f]{64}@sparkle\.example>$/);
      expect(outboxMessageId('id>\r\nBcc: evil@x', 'x@sparkle.example')).to.equal(hostile);
      expect(outboxMessageId('id', 'x@spa rkle>.example')).to.equal('<id@outbox.invalid>');
    });
  });

  it('isLoopbackHost: localhost, 127/8 and ::1 only', function () {
    for (const host of ['localhost', 'LOCALHOST', 'mail.localhost', '127.0.0.1', '127.8.9.10', '::1', '[::1]']) expect(isLoopbackHost(host), host).to.equal(true);
    for (const host of ['localhost.', 'smtp.example.com', '10.0.0.1', '128.0.0.1', '::2', 'localhost.example.com', '127.0.0.1.nip.io']) expect(isLoopbackHost(host), host).to.equal(false);
  });
});
