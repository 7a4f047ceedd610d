import { expect } from 'chai';
import {
  AesGcmSecretSealer,
  AppError,
  RandomSecretTokens,
  createCore,
  enqueueMessage,
  retryDelayMs,
  smsPhoneKey,
  systemActor,
  DEFAULT_OUTBOX_RETRY_POLICY,
  type Core,
  type EmailToSend,
  type Mailer,
  type OutboxKind,
  type SendReceipt,
  type SmsSender,
  type SmsToSend,
  type SystemContext,
} from '@cws/core';
import { MemoryOutboxDeliveryStore, MemorySmsOptOutStore, createMemoryAdapters, type MemoryAdapters } from '@cws/adapter-memory';
import { FixedClock, MINUTE } from '../support/fixed-clock.js';
import { SequentialIds } from '../support/sequential-ids.js';

const T0 = new Date('2026-03-27T22:30:00.000Z');

/** A sink that records what it was given and fails as told (the peer a provider would be). */
class RecordingMailer implements Mailer {
  readonly provider = 'recording';
  readonly sent: EmailToSend[] = [];
  failWith: Error | null = null;
  /** Sends of this org wait for `release` (a slow provider for one org). */
  hold: { orgId: string; release: Promise<void> } | null = null;
  async send(email: EmailToSend): Promise<SendReceipt> {
    if (this.hold !== null && email.orgId === this.hold.orgId) await this.hold.release;
    if (this.failWith !== null) throw this.failWith;
    this.sent.push(email);
    return { providerMessageId: `msg-${this.sent.length}` };
  }
}

class RecordingSms implements SmsSender {
  readonly provider = 'recording-sms';
  readonly sent: SmsToSend[] = [];
  failWith: Error | null = null;
  async send(sms: SmsToSend): Promise<SendReceipt> {
    if (this.failWith !== null) throw this.failWith;
    this.sent.push(sms);
    return { providerMessageId: null };
  }
}

interface Harness {
  core: Core;
  adapters: MemoryAdapters;
  clock: FixedClock;
  mailer: RecordingMailer;
  sms: RecordingSms;
  store: MemoryOutboxDeliveryStore;
  optOuts: MemorySmsOptOutStore;
  tokens: RandomSecretTokens;
  observed: Array<{ kind: OutboxKind; result: string; latency: number | null }>;
  sys(): SystemContext;
  newOrg(slug: string, timeZone: string, locale?: string): Promise<string>;
}

function harness(options: { maxAttempts?: number } = {}): Harness {
  const adapters = createMemoryAdapters();
  const clock = new FixedClock(T0);
  const mailer = new RecordingMailer();
  const sms = new RecordingSms();
  const store = new MemoryOutboxDeliveryStore(adapters.state);
  const optOuts = new MemorySmsOptOutStore(adapters.state);
  const tokens = new RandomSecretTokens({ serverSecret: 'test-secret-test-secret-test-secret' });
  const observed: Harness['observed'] = [];
  const core = createCore(
    {
      ...adapters,
      clock,
      ids: new SequentialIds(),
      secretTokens: tokens,
      outboxDelivery: store,
      smsOptOuts: optOuts,
      channels: { email: mailer, sms },
      messageSealer: new AesGcmSecretSealer('outbox-test-key', 'outbox-message:v1'),
      outboxObserver: { delivered: (kind, result, latency) => observed.push({ kind, result, latency }) },
    },
    { outbox: { retry: { ...DEFAULT_OUTBOX_RETRY_POLICY, maxAttempts: options.maxAttempts ?? DEFAULT_OUTBOX_RETRY_POLICY.maxAttempts }, publicBaseUrl: 'https://api.example.test' } },
  );
  const sys = (): SystemContext => ({ actor: systemActor('job:outbox-delivery'), requestId: 'job-run', now: clock.now(), reason: 'test', job: 'outbox-delivery' });
  return {
    core,
    adapters,
    clock,
    mailer,
    sms,
    store,
    optOuts,
    tokens,
    observed,
    sys,
    async newOrg(slug, timeZone, locale) {
      const { org } = await core.orgs.create.execute(sys(), { name: `Sparkle <${slug}> & Co`, slug, timeZone });
      if (locale !== undefined) {
        const ctx = { orgId: org.id, actor: systemActor('setup'), requestId: 'r', now: clock.now() };
        await adapters.uow.run(ctx, async (repos) => {
          const settings = (await repos.orgSettings.get())!;
          await repos.orgSettings.update({ ...settings, locale });
        });
      }
      return org.id;
    },
  };
}

/** Enqueues one message the way a use case does (inside a unit of work). */
async function enqueue(h: Harness, orgId: string, dedupeKey: string, channel: 'email' | 'sms' = 'email', secret: string | null = null) {
  const ctx = { orgId, actor: systemActor('test'), requestId: 'r', now: h.clock.now() };
  return h.adapters.uow.run(ctx, (repos) =>
    enqueueMessage(
      {
        messaging: {
          channels: { email: h.mailer, sms: h.sms, webhook: null },
          sealer: new AesGcmSecretSealer('outbox-test-key', 'outbox-message:v1'),
          tokens: h.tokens,
          smsOptOuts: h.optOuts,
          delivery: h.store,
          options: { retry: DEFAULT_OUTBOX_RETRY_POLICY, batchSize: 50, sendConcurrency: 10, leaseSeconds: 120, publicBaseUrl: null, emailTemporaryPasswords: false, fromName: null },
        },
        ids: { next: () => crypto.randomUUID() },
      },
      repos,
      ctx,
      secret === null
        ? {
            channel,
            dedupeKey,
            template: 'booking_confirmed',
            to: channel === 'email' ? 'client@example.test' : '+447700900123',
            toName: 'Client <b>',
            data: {
              bookingId: 'b1',
              recipientName: 'Ann <script>',
              serviceName: 'Deep clean',
              startsAt: '2026-03-29T08:00:00.000Z',
              endsAt: '2026-03-29T10:00:00.000Z',
              timeZone: null,
              address: '1 High St',
            },
          }
        : { channel, dedupeKey, template: 'password_reset', to: 'holder@example.test', toName: null, data: { expiresAt: '2026-03-28T00:00:00.000Z' }, secret },
    ),
  );
}

const eventsOf = (h: Harness) => [...h.adapters.state.tables.outbox.values()];
const attemptsOf = (h: Harness, orgId: string, eventId: string) =>
  h.adapters.uow.run({ orgId, actor: systemActor('t'), requestId: 'r', now: h.clock.now() }, (repos) => repos.outbox.listAttempts(eventId));

describe('DeliverOutbox (outbox-delivery job)', () => {
  it('delivers due events with the event id as idempotency id, in the org’s zone and locale, every value escaped', async () => {
    const h = harness();
    const org = await h.newOrg('london', 'Europe/London', 'en-GB');
    await enqueue(h, org, 'booking:b1:confirmed');
    const summary = await h.core.outbox.deliver.execute(h.sys());
    expect(summary).to.include({ claimed: 1, sent: 1, retried: 0, dead: 0, superseded: 0 });
    const [event] = eventsOf(h);
    expect(event!.status).to.equal('sent');
    expect(event!.sentAt?.toISOString()).to.equal(T0.toISOString());
    const [mail] = h.mailer.sent;
    expect(mail!.idempotencyId).to.equal(event!.id);
    expect(mail!.fromName).to.equal(`Sparkle <london> & Co`);
    // 29 March 2026 is the day the UK moves to BST: 08:00Z is 09:00 local.
    expect(mail!.text).to.include('Sunday, 29 March 2026 at 09:00');
    expect(mail!.html).to.include('Ann &lt;script&gt;').and.not.include('<script>');
    expect(mail!.text).to.include('Ann <script>');
    expect(await attemptsOf(h, org, event!.id)).to.have.length(1).and.to.have.nested.property('[0].providerMessageId', 'msg-1');
    expect(h.observed).to.deep.equal([{ kind: 'email', result: 'sent', latency: 0 }]);
  });

  it('backs off exponentially with jitter on a retryable failure, then delivers once the provider recovers', async () => {
    const h = harness();
    const org = await h.newOrg('retry', 'UTC');
    await enqueue(h, org, 'booking:b1:confirmed');
    h.mailer.failWith = new AppError('delivery.unavailable', 'SendGrid answered 503');
    const first = await h.core.outbox.deliver.execute(h.sys());
    expect(first).to.include({ claimed: 1, retried: 1, sent: 0 });
    let [event] = eventsOf(h);
    expect(event).to.include({ status: 'pending', attempts: 1, claimToken: null });
    expect(event!.lastError).to.equal('delivery.unavailable: SendGrid answered 503');
    const delay = event!.nextAttemptAt.getTime() - T0.getTime();
    expect(delay).to.be.within(retryDelayMs(DEFAULT_OUTBOX_RETRY_POLICY, 1, 0), retryDelayMs(DEFAULT_OUTBOX_RETRY_POLICY, 1, 1));
    // Not due yet: nothing is claimed.
    h.clock.advance(delay - 1);
    expect(await h.core.outbox.deliver.execute(h.sys())).to.include({ claimed: 0 });
    h.clock.advance(1);
    h.mailer.failWith = null;
    expect(await h.core.outbox.deliver.execute(h.sys())).to.include({ claimed: 1, sent: 1 });
    [event] = eventsOf(h);
    expect(event).to.include({ status: 'sent', attempts: 2 });
    const attempts = await attemptsOf(h, org, event!.id);
    expect(attempts.map((a) => a.status)).to.deep.equal(['failed', 'sent']);
  });

  it('is dead after OUTBOX_MAX_ATTEMPTS retryable failures, and a replay delivers it', async () => {
    const h = harness({ maxAttempts: 3 });
    const org = await h.newOrg('dead', 'UTC');
    await enqueue(h, org, 'booking:b1:confirmed');
    h.mailer.failWith = new Error('socket hang up');
    for (let i = 0; i < 3; i++) {
      await h.core.outbox.deliver.execute(h.sys());
      h.clock.advance(7 * 24 * 60 * MINUTE);
    }
    let [event] = eventsOf(h);
    expect(event).to.include({ status: 'dead', attempts: 3 });
    expect(event!.lastError).to.equal('gave up after 3 attempts: Error: socket hang up');
    expect(await h.core.outbox.deliver.execute(h.sys())).to.include({ claimed: 0 });
    h.mailer.failWith = null;
    await h.adapters.uow.run({ orgId: org, actor: systemActor('t'), requestId: 'r', now: h.clock.now() }, (repos) => repos.outbox.replay(event!.id, h.clock.now()));
    expect(await h.core.outbox.deliver.execute(h.sys())).to.include({ sent: 1 });
    [event] = eventsOf(h);
    expect(event).to.include({ status: 'sent', attempts: 1 });
  });

  it('is dead at once when the provider refuses the message for good, with the sanitised reason', async () => {
    const h = harness();
    const org = await h.newOrg('refused', 'UTC');
    await enqueue(h, org, 'booking:b1:confirmed');
    h.mailer.failWith = new AppError('delivery.rejected', 'invalid address client@example.test (key SG.abcdefghijkl)');
    expect(await h.core.outbox.deliver.execute(h.sys())).to.include({ dead: 1, retried: 0 });
    const [event] = eventsOf(h);
    expect(event).to.include({ status: 'dead', attempts: 1 });
    expect(event!.lastError).to.equal('delivery.rejected: invalid address [address] (key [key])');
  });

  it('never texts a number that answered STOP, and records a provider opt-out for later messages', async () => {
    const h = harness();
    const org = await h.newOrg('sms', 'UTC');
    await enqueue(h, org, 'booking:b1:sms', 'sms');
    h.sms.failWith = new AppError('delivery.rejected', 'Attempt to send to unsubscribed recipient', { details: { reason: 'opted_out' } });
    expect(await h.core.outbox.deliver.execute(h.sys())).to.include({ dead: 1 });
    expect(await h.optOuts.isOptedOut(smsPhoneKey(h.tokens, '+447700900123'))).to.equal(true);
    // Later messages to it are not even enqueued...
    expect(await enqueue(h, org, 'booking:b2:sms', 'sms')).to.deep.equal({ queued: false, reason: 'opted_out' });
    h.sms.failWith = null;
    expect(h.sms.sent).to.have.length(0);
  });

  it('opens a sealed token only to send it, and keeps no secret once sent', async () => {
    const h = harness();
    const org = await h.newOrg('secret', 'UTC');
    await enqueue(h, org, 'account:u1:reset:abc', 'email', 'user-1.s3cr3t-token');
    const stored = JSON.stringify(eventsOf(h)[0]!.payload);
    expect(stored).to.not.include('s3cr3t-token');
    await h.core.outbox.deliver.execute(h.sys());
    expect(h.mailer.sent[0]!.text).to.include('user-1.s3cr3t-token');
    expect(h.mailer.sent[0]!.text).to.include('https://api.example.test/v1/auth/password-reset/confirm');
    const payload = eventsOf(h)[0]!.payload;
    expect(payload.kind === 'email' && payload.message.sealedSecret).to.equal(null);
  });

  it('marks an event dead when its sealed token cannot be opened (the sealing key changed)', async () => {
    const h = harness();
    const org = await h.newOrg('rotated', 'UTC');
    const ctx = { orgId: org, actor: systemActor('t'), requestId: 'r', now: h.clock.now() };
    await h.adapters.uow.run(ctx, (repos) =>
      repos.outbox.enqueue({
        id: crypto.randomUUID(),
        orgId: org,
        dedupeKey: 'account:u1:reset:x',
        createdAt: h.clock.now(),
        payload: {
          kind: 'email',
          message: { template: 'password_reset', to: 'a@example.test', toName: null, data: { expiresAt: T0.toISOString() }, sealedSecret: new AesGcmSecretSealer('another-key').seal('t') },
        },
      }),
    );
    expect(await h.core.outbox.deliver.execute(h.sys())).to.include({ dead: 1 });
    expect(eventsOf(h)[0]!.lastError).to.match(/cannot be opened/);
    expect(h.mailer.sent).to.have.length(0);
  });

  it('redelivers the events of a claim whose lease ran out (a killed host), with the same event id', async () => {
    const h = harness();
    const org = await h.newOrg('lease', 'UTC');
    await enqueue(h, org, 'booking:b1:confirmed');
    // A host claims and dies before recording anything.
    const dead = await h.store.claim({ orgId: org, now: h.clock.now(), kinds: ['email'], limit: 10, leaseUntil: new Date(T0.getTime() + 120_000), claimToken: crypto.randomUUID() });
    expect(dead).to.have.length(1);
    expect(await h.core.outbox.deliver.execute(h.sys())).to.include({ claimed: 0 });
    h.clock.advance(120_000);
    expect(await h.core.outbox.deliver.execute(h.sys())).to.include({ claimed: 1, sent: 1 });
    expect(h.mailer.sent[0]!.idempotencyId).to.equal(dead[0]!.id);
    expect(eventsOf(h)[0]).to.include({ status: 'sent', attempts: 2 });
  });

  it('delivers many orgs’ events, each exactly once, the next batch of an org claimed with the last one’s outcomes', async () => {
    const h = harness();
    const orgs = [await h.newOrg('o1', 'UTC'), await h.newOrg('o2', 'Asia/Tokyo'), await h.newOrg('o3', 'America/New_York')];
    for (const org of orgs) for (let i = 0; i < 120; i++) await enqueue(h, org, `booking:b${i}:confirmed`);
    const summary = await h.core.outbox.deliver.execute(h.sys());
    // 120 per org is 3 batches of at most 50: one round drains them all.
    expect(summary).to.include({ claimed: 360, sent: 360, superseded: 0, rounds: 1 });
    expect(new Set(h.mailer.sent.map((m) => m.idempotencyId)).size).to.equal(360);
    expect(eventsOf(h).every((e) => e.status === 'sent')).to.equal(true);
  });

  it('takes at most 4 batches of one org per round, so a busy org leaves room for the others', async () => {
    const h = harness();
    const busy = await h.newOrg('busy', 'UTC');
    for (let i = 0; i < 450; i++) await enqueue(h, busy, `booking:b${i}:confirmed`);
    const first = await h.core.outbox.deliver.execute(h.sys(), { maxRounds: 1 });
    expect(first).to.include({ rounds: 1, claimed: 200, sent: 200 });
    const rest = await h.core.outbox.deliver.execute(h.sys());
    expect(rest).to.include({ rounds: 2, claimed: 250, sent: 250 });
    expect(new Set(h.mailer.sent.map((m) => m.idempotencyId)).size).to.equal(450);
  });

  it('goes on with the next round while an org of the last one is still sending (no round waits for its slowest org)', async () => {
    const h = harness();
    const slow = await h.newOrg('slow', 'UTC');
    const busy = await h.newOrg('busy', 'UTC');
    await enqueue(h, slow, 'booking:s:confirmed');
    for (let i = 0; i < 250; i++) await enqueue(h, busy, `booking:b${i}:confirmed`);
    let release: () => void = () => {};
    h.mailer.hold = { orgId: slow, release: new Promise<void>((r) => (release = r)) };
    const run = h.core.outbox.deliver.execute(h.sys());
    // Round 1 takes 4 batches of the busy org; its fifth comes from round 2, while slow still waits.
    for (let tries = 0; h.mailer.sent.length < 250 && tries < 1_000; tries++) await new Promise((r) => setImmediate(r));
    expect(h.mailer.sent.filter((m) => m.orgId === busy)).to.have.length(250);
    expect(h.mailer.sent.filter((m) => m.orgId === slow)).to.have.length(0);
    release();
    expect(await run).to.include({ rounds: 2, claimed: 251, sent: 251 });
  });

  it('ends the run when the due orgs have nothing to claim (another host holds their rows), and tries such an org again after progress', async () => {
    const h = harness();
    const [held, other] = [await h.newOrg('held', 'UTC'), await h.newOrg('other', 'UTC')];
    await enqueue(h, held, 'booking:h:confirmed');
    const claim = h.store.claim.bind(h.store);
    const claims: string[] = [];
    // The held org's row stays due for the scan, but SKIP LOCKED passes over it (another host's lock).
    h.store.claim = async (r) => (claims.push(r.orgId), r.orgId === held ? [] : claim(r));
    expect(await h.core.outbox.deliver.execute(h.sys())).to.include({ claimed: 0 });
    expect(claims).to.deep.equal([held]);
    // Progress by another org makes the held one worth another try in the same run.
    claims.length = 0;
    for (let i = 0; i < 60; i++) await enqueue(h, other, `booking:o${i}:confirmed`);
    expect(await h.core.outbox.deliver.execute(h.sys())).to.include({ claimed: 60 });
    expect(claims.filter((o) => o === held).length).to.equal(2);
  });

  it('stops starting orgs once one fails, lets the others finish, then fails the run', async () => {
    const h = harness();
    const orgs = [await h.newOrg('f1', 'UTC'), await h.newOrg('f2', 'UTC')];
    for (const org of orgs) await enqueue(h, org, 'booking:x:confirmed');
    const failing = orgs[0]!;
    const claim = h.store.claim.bind(h.store);
    h.store.claim = async (r) => {
      if (r.orgId === failing) throw new Error('database gone');
      return claim(r);
    };
    const err = await h.core.outbox.deliver.execute(h.sys()).then(() => null, (e: unknown) => e);
    expect(err).to.be.instanceOf(Error).with.property('message', 'database gone');
    // The other org, already started, was delivered and recorded.
    expect(h.mailer.sent.map((m) => m.orgId)).to.deep.equal([orgs[1]]);
    expect(eventsOf(h).filter((e) => e.orgId === orgs[1]).every((e) => e.status === 'sent')).to.equal(true);
  });

  it('does nothing without a delivery store or a channel', async () => {
    const adapters = createMemoryAdapters();
    const bare = createCore({ ...adapters });
    const sys = { actor: systemActor('job'), requestId: 'r', now: T0, reason: 'test' };
    expect(await bare.outbox.deliver.execute(sys)).to.deep.equal({ rounds: 0, claimed: 0, sent: 0, retried: 0, dead: 0, superseded: 0 });
    const noChannels = createCore({ ...adapters, outboxDelivery: new MemoryOutboxDeliveryStore(adapters.state) });
    expect(await noChannels.outbox.deliver.execute(sys)).to.include({ claimed: 0 });
  });

  it('refuses a maxRounds outside 1..100000', async () => {
    const h = harness();
    for (const maxRounds of [0, 100_001, 1.5]) {
      const err = await h.core.outbox.deliver.execute(h.sys(), { maxRounds }).then(() => null, (e: unknown) => e);
      expect(err).to.be.instanceOf(AppError).and.have.property('code', 'validation.failed');
    }
  });
});
