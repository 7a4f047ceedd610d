/**
 * The outbox, both halves (ports/outbox.port.ts): the tenant repository use cases enqueue into,
 * and the delivery store the job claims and completes through. Stores are shared by the suite's
 * tests (a real database holds other orgs' rows too), so each test works in orgs of its own, and
 * the cross-org scan (`dueOrgs`, `backlog`) is checked by membership and by difference.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { sanitiseDeliveryError, type DeliveryAttemptRecord, type DeliveryOutcome, type NewOutboxEvent, type OutboxEvent, type OutboxKind, type OutboxPayload, type RequestContext } from '@cws/core';
import { caught, createOrg } from './fixtures.js';
import type { StorageHarness, StorageHarnessFactory } from './harness.js';

export interface OutboxCaps {
  /** Units of work run at once on their own connections (a server); memory and PGlite take turns. */
  readonly concurrentUnits: boolean;
  /** `waitForEvents` wakes when another connection commits an event; otherwise it waits out its timeout. */
  readonly notifies: boolean;
}

const SECOND = 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const later = (d: Date, ms: number) => new Date(d.getTime() + ms);

/** Whole seconds, in a year of its own per call: a test's instants never meet another test's rows. */
function ancientInstant(): Date {
  const base = Date.UTC(1990, 0, 1) + Math.floor(Math.random() * 20 * 365) * 86_400_000;
  return new Date(Math.floor(base / SECOND) * SECOND);
}

function emailPayload(overrides: { sealedSecret?: string | null; to?: string } = {}): OutboxPayload {
  return {
    kind: 'email',
    message: {
      template: 'booking_confirmed',
      to: overrides.to ?? 'ada@example.com',
      toName: 'Ada',
      data: {
        bookingId: randomUUID(),
        recipientName: 'Ada',
        serviceName: 'Deep clean',
        startsAt: '2026-05-04T09:00:00.000Z',
        endsAt: '2026-05-04T12:00:00.000Z',
        timeZone: 'Europe/London',
        address: '12 Analytical St',
      },
      sealedSecret: overrides.sealedSecret === undefined ? 'sealed:v1:abc' : overrides.sealedSecret,
    },
  };
}

function payloadOf(kind: OutboxKind): OutboxPayload {
  switch (kind) {
    case 'email':
      return emailPayload();
    case 'sms':
      return { kind: 'sms', message: { template: 'booking_reminder', to: '+447700900123', toName: null, data: emailPayloadData(), sealedSecret: null } };
    case 'webhook':
      return { kind: 'webhook', webhook: { url: 'https://hooks.example.com/cws', eventType: 'booking.confirmed', body: { id: randomUUID(), nested: { n: 1 } } } };
    case 'export':
      return { kind: 'export', export: { exportId: randomUUID(), destination: 's3://bucket/key' } };
  }
}

function emailPayloadData() {
  const p = emailPayload();
  return (p as Extract<OutboxPayload, { kind: 'email' }>).message.data as never;
}

function anEvent(orgId: string, overrides: Partial<NewOutboxEvent> & { kind?: OutboxKind } = {}): NewOutboxEvent {
  const { kind = 'email', ...rest } = overrides;
  return { id: randomUUID(), orgId, dedupeKey: `booking:${randomUUID()}:confirmed`, payload: payloadOf(kind), createdAt: new Date(Math.floor(Date.now() / SECOND) * SECOND), ...rest };
}

function anAttempt(overrides: Partial<DeliveryAttemptRecord> = {}): DeliveryAttemptRecord {
  return { id: randomUUID(), channel: 'email', provider: 'smtp', recipient: 'ada@example.com', template: 'booking_confirmed', status: 'sent', providerMessageId: 'msg-1', error: null, ...overrides };
}

export function outboxContract(name: string, factory: StorageHarnessFactory, caps: OutboxCaps): void {
  describe(`${name}: outbox`, function () {
    let h: StorageHarness;
    before(async () => {
      h = await factory();
    });
    after(async () => h.dispose());

    const enqueue = (ctx: RequestContext, event: NewOutboxEvent) => h.uow.run(ctx, (r) => r.outbox.enqueue(event));
    const find = (ctx: RequestContext, id: string) => h.uow.run(ctx, (r) => r.outbox.findById(id));
    const claim = (orgId: string, now: Date, overrides: { kinds?: readonly OutboxKind[]; limit?: number; leaseMs?: number; token?: string } = {}) =>
      h.outboxDelivery.claim({
        orgId,
        now,
        kinds: overrides.kinds ?? ['email', 'sms', 'webhook', 'export'],
        limit: overrides.limit ?? 100,
        leaseUntil: later(now, overrides.leaseMs ?? 60 * SECOND),
        claimToken: overrides.token ?? randomUUID(),
      });
    const sent = (e: OutboxEvent, at: Date, attempt: DeliveryAttemptRecord | null = null): DeliveryOutcome => ({ eventId: e.id, claimToken: e.claimToken!, result: 'sent', at, attempt });
    /** An event of `ctx`'s org made dead: claimed and completed dead at `at`. */
    async function deadEvent(ctx: RequestContext, event: NewOutboxEvent, at: Date): Promise<OutboxEvent> {
      await enqueue(ctx, { ...event, createdAt: event.createdAt, notBefore: at });
      const [claimed] = (await claim(ctx.orgId, at)).filter((e) => e.id === event.id);
      expect(claimed, 'claimed to be made dead').to.not.equal(undefined);
      expect(await h.outboxDelivery.complete(ctx.orgId, [{ eventId: event.id, claimToken: claimed!.claimToken!, result: 'dead', at, error: 'provider said no', attempt: null }])).to.equal(1);
      return (await find(ctx, event.id))!;
    }

    describe('enqueue', () => {
      it('stores a new event pending, due at its notBefore (or creation), and finds it by id', async () => {
        const { ctx } = await createOrg(h);
        const event = anEvent(ctx.orgId, { notBefore: later(new Date(), 5 * SECOND) });
        const result = await enqueue(ctx, event);
        expect(result.created).to.equal(true);
        const expected: OutboxEvent = {
          id: event.id,
          orgId: ctx.orgId,
          kind: 'email',
          dedupeKey: event.dedupeKey,
          payload: event.payload,
          status: 'pending',
          attempts: 0,
          nextAttemptAt: event.notBefore!,
          claimToken: null,
          lastError: null,
          createdAt: event.createdAt,
          updatedAt: event.createdAt,
          sentAt: null,
        };
        expect(result.event).to.deep.equal(expected);
        expect(await find(ctx, event.id)).to.deep.equal(expected);
        const plain = anEvent(ctx.orgId);
        expect((await enqueue(ctx, plain)).event.nextAttemptAt).to.deep.equal(plain.createdAt);
      });

      it('returns the first event for a second enqueue with the same dedupe key, and adds nothing', async () => {
        const { ctx } = await createOrg(h);
        const first = anEvent(ctx.orgId);
        await enqueue(ctx, first);
        const again = await enqueue(ctx, { ...anEvent(ctx.orgId, { kind: 'sms' }), dedupeKey: first.dedupeKey });
        expect(again.created).to.equal(false);
        expect(again.event.id).to.equal(first.id);
        expect(again.event.payload).to.deep.equal(first.payload);
        expect(await h.uow.run(ctx, (r) => r.outbox.listByDedupePrefix(first.dedupeKey, 10))).to.have.length(1);
      });

      it('dedupes two units racing with one key: the second waits for the first and gets its event', async () => {
        const { ctx } = await createOrg(h);
        const key = `invoice:${randomUUID()}:sent`;
        let entered!: () => void;
        const firstIn = new Promise<void>((resolve) => (entered = resolve));
        const a = h.uow.run(ctx, async (r) => {
          const result = await r.outbox.enqueue(anEvent(ctx.orgId, { dedupeKey: key }));
          entered();
          // Held open while the other unit tries the same key (on a server it blocks on ours).
          await sleep(150);
          return result;
        });
        await firstIn;
        const b = enqueue(ctx, anEvent(ctx.orgId, { dedupeKey: key }));
        const [ra, rb] = await Promise.all([a, b]);
        expect([ra.created, rb.created]).to.deep.equal([true, false]);
        expect(rb.event.id).to.equal(ra.event.id);
        expect(await h.uow.run(ctx, (r) => r.outbox.listByDedupePrefix(key, 10))).to.have.length(1);
      });

      it('keeps dedupe keys per org: the same key in two orgs makes two events', async () => {
        const a = (await createOrg(h)).ctx;
        const b = (await createOrg(h)).ctx;
        const key = `booking:${randomUUID()}:confirmed`;
        const ea = await enqueue(a, anEvent(a.orgId, { dedupeKey: key }));
        const eb = await enqueue(b, anEvent(b.orgId, { dedupeKey: key }));
        expect([ea.created, eb.created]).to.deep.equal([true, true]);
        expect(ea.event.id).to.not.equal(eb.event.id);
        expect((await find(b, eb.event.id))?.orgId).to.equal(b.orgId);
      });

      it('leaves no row when its unit throws after the enqueue, and the key stays free', async () => {
        const { ctx } = await createOrg(h);
        const event = anEvent(ctx.orgId);
        const err = await caught(() =>
          h.uow.run(ctx, async (r) => {
            await r.outbox.enqueue(event);
            throw new Error('the business change failed');
          }),
        );
        expect(err.message).to.equal('the business change failed');
        expect(await find(ctx, event.id)).to.equal(null);
        expect((await enqueue(ctx, { ...anEvent(ctx.orgId), dedupeKey: event.dedupeKey })).created).to.equal(true);
      });

      it('refuses a key with NUL, a lone surrogate, none or over 200 characters as a stored-value error, and takes 200 astral ones', async () => {
        const { ctx } = await createOrg(h);
        for (const dedupeKey of ['booking:\u0000:x', 'booking:\uD800:x', '', 'k'.repeat(201)]) {
          const err = await caught(() => enqueue(ctx, anEvent(ctx.orgId, { dedupeKey })));
          expect([err.code, err.kind], JSON.stringify(dedupeKey)).to.deep.equal(['storage.value_refused', 'validation']);
        }
        const astral = '😀'.repeat(200);
        const ok = await enqueue(ctx, anEvent(ctx.orgId, { dedupeKey: astral }));
        expect((await find(ctx, ok.event.id))?.dedupeKey).to.equal(astral);
      });

      it('refuses a payload holding NUL text as a stored-value error, not a crash', async () => {
        const { ctx } = await createOrg(h);
        const event = anEvent(ctx.orgId, { payload: { kind: 'webhook', webhook: { url: 'https://x.example', eventType: 'e', body: { note: 'a\u0000b' } } } });
        const err = await caught(() => enqueue(ctx, event));
        expect([err.code, err.kind]).to.deep.equal(['storage.value_refused', 'validation']);
        expect(await find(ctx, event.id)).to.equal(null);
      });
    });

    describe('isolation', () => {
      it("shows another org none of an org's events: find, lists, replay, attempts, claim and complete", async () => {
        const a = (await createOrg(h)).ctx;
        const b = (await createOrg(h)).ctx;
        const at = ancientInstant();
        const dead = await deadEvent(a, anEvent(a.orgId, { dedupeKey: `booking:${randomUUID()}:x` }), at);
        const pending = await enqueue(a, anEvent(a.orgId, { notBefore: at }));
        const claimed = (await claim(a.orgId, at, { leaseMs: 1 }))[0]!;
        expect(claimed.id).to.equal(pending.event.id);
        const seenByB = await h.uow.run(b, async (r) => ({
          dead: await r.outbox.findById(dead.id),
          pending: await r.outbox.findById(pending.event.id),
          listDead: await r.outbox.listDead({ kind: null, limit: 50, offset: 0 }),
          prefix: await r.outbox.listByDedupePrefix('booking:', 50),
          replay: await r.outbox.replay(dead.id, later(at, SECOND)),
          attempts: await r.outbox.listAttempts(dead.id),
        }));
        expect(seenByB).to.deep.equal({ dead: null, pending: null, listDead: { items: [], total: 0 }, prefix: [], replay: null, attempts: [] });
        expect(await claim(b.orgId, later(at, 10 * SECOND))).to.deep.equal([]);
        expect(await h.outboxDelivery.complete(b.orgId, [sent(claimed, later(at, SECOND), anAttempt())])).to.equal(0);
        expect(await find(a, dead.id)).to.deep.equal(dead);
        expect((await find(a, claimed.id))?.status).to.equal('sending');
        // Not vacuous: A itself sees both, and its dead list has the one.
        expect((await h.uow.run(a, (r) => r.outbox.listDead({ kind: null, limit: 50, offset: 0 }))).total).to.equal(1);
      });

      it("refuses an enqueue into another org's id", async () => {
        const a = (await createOrg(h)).ctx;
        const b = (await createOrg(h)).ctx;
        const err = await caught(() => enqueue(b, anEvent(a.orgId)));
        expect(err.code).to.equal('tenant.cross_org_write');
      });
    });

    describe('dueOrgs', () => {
      it('lists orgs with due pending or lease-expired sending events of the asked kinds, most overdue first; not future, sent or dead ones', async () => {
        const now = ancientInstant();
        const org = async () => (await createOrg(h)).ctx;
        const [pendingDue, leaseOver, future, sentOnly, deadOnly, smsOnly, leaseLive] = await Promise.all([org(), org(), org(), org(), org(), org(), org()]);
        await enqueue(pendingDue, anEvent(pendingDue.orgId, { notBefore: later(now, -10 * SECOND) }));
        await enqueue(leaseOver, anEvent(leaseOver.orgId, { notBefore: later(now, -60 * SECOND) }));
        await claim(leaseOver.orgId, later(now, -60 * SECOND), { leaseMs: 55 * SECOND }); // lease ends at now - 5 s
        await enqueue(leaseLive, anEvent(leaseLive.orgId, { notBefore: later(now, -60 * SECOND) }));
        await claim(leaseLive.orgId, later(now, -60 * SECOND), { leaseMs: 120 * SECOND });
        await enqueue(future, anEvent(future.orgId, { notBefore: later(now, SECOND) }));
        const s = await enqueue(sentOnly, anEvent(sentOnly.orgId, { notBefore: later(now, -30 * SECOND) }));
        const [claimedSent] = await claim(sentOnly.orgId, later(now, -30 * SECOND));
        expect(claimedSent?.id).to.equal(s.event.id);
        await h.outboxDelivery.complete(sentOnly.orgId, [sent(claimedSent!, later(now, -29 * SECOND))]);
        await deadEvent(deadOnly, anEvent(deadOnly.orgId), later(now, -30 * SECOND));
        await enqueue(smsOnly, anEvent(smsOnly.orgId, { kind: 'sms', notBefore: later(now, -20 * SECOND) }));

        const emailDue = await h.outboxDelivery.dueOrgs(now, ['email'], 100_000);
        const mine = emailDue.filter((o) => [pendingDue, leaseOver, future, sentOnly, deadOnly, smsOnly, leaseLive].some((c) => c.orgId === o));
        // leaseOver's event is due since now - 5 s, pendingDue's since now - 10 s.
        expect(mine).to.deep.equal([pendingDue.orgId, leaseOver.orgId]);
        expect(await h.outboxDelivery.dueOrgs(now, ['email', 'sms'], 100_000)).to.include(smsOnly.orgId);
        expect(await h.outboxDelivery.dueOrgs(now, [], 100)).to.deep.equal([]);
        // A future event is due at its instant.
        expect(await h.outboxDelivery.dueOrgs(later(now, SECOND), ['email'], 100_000)).to.include(future.orgId);
      });

      it('returns at most `limit` orgs', async () => {
        const now = ancientInstant();
        for (let i = 0; i < 3; i++) {
          const { ctx } = await createOrg(h);
          await enqueue(ctx, anEvent(ctx.orgId, { notBefore: later(now, -i * SECOND) }));
        }
        expect(await h.outboxDelivery.dueOrgs(now, ['email'], 2)).to.have.length(2);
      });
    });

    describe('claim', () => {
      it('marks due events sending under the claim token and lease, attempts + 1, oldest due first, up to the limit and of the asked kinds', async () => {
        const { ctx } = await createOrg(h);
        const now = ancientInstant();
        const oldest = await enqueue(ctx, anEvent(ctx.orgId, { notBefore: later(now, -30 * SECOND) }));
        const middle = await enqueue(ctx, anEvent(ctx.orgId, { notBefore: later(now, -20 * SECOND) }));
        await enqueue(ctx, anEvent(ctx.orgId, { notBefore: later(now, -10 * SECOND) }));
        const sms = await enqueue(ctx, anEvent(ctx.orgId, { kind: 'sms', notBefore: later(now, -40 * SECOND) }));
        const notYet = await enqueue(ctx, anEvent(ctx.orgId, { notBefore: later(now, SECOND) }));
        const token = randomUUID();
        const claimed = await claim(ctx.orgId, now, { kinds: ['email'], limit: 2, token, leaseMs: 90 * SECOND });
        expect(claimed.map((e) => e.id)).to.deep.equal([oldest.event.id, middle.event.id]);
        for (const e of claimed) {
          expect(e).to.include({ status: 'sending', attempts: 1, claimToken: token });
          expect(e.nextAttemptAt).to.deep.equal(later(now, 90 * SECOND));
          expect(e.updatedAt).to.deep.equal(now);
          expect(await find(ctx, e.id)).to.deep.equal(e);
        }
        expect((await find(ctx, sms.event.id))?.status).to.equal('pending');
        expect((await find(ctx, notYet.event.id))?.status).to.equal('pending');
        expect(await claim(ctx.orgId, now, { kinds: ['email'], limit: 0 })).to.deep.equal([]);
      });

      it('never hands one event to two claims: a second claim skips it while its lease runs', async () => {
        const { ctx } = await createOrg(h);
        const now = ancientInstant();
        await enqueue(ctx, anEvent(ctx.orgId, { notBefore: now }));
        expect(await claim(ctx.orgId, now)).to.have.length(1);
        expect(await claim(ctx.orgId, later(now, SECOND))).to.deep.equal([]);
      });

      it('hands each of 500 events to exactly one of 4 concurrent claimers', async function () {
        this.timeout(120_000);
        const { ctx } = await createOrg(h);
        const now = ancientInstant();
        const ids = new Set<string>();
        await h.uow.run(ctx, async (r) => {
          for (let i = 0; i < 500; i++) {
            const e = anEvent(ctx.orgId, { notBefore: later(now, -i) });
            ids.add(e.id);
            await r.outbox.enqueue(e);
          }
        });
        const claimer = async () => {
          const got: string[] = [];
          for (;;) {
            const batch = await claim(ctx.orgId, now, { limit: 25 });
            if (batch.length === 0) return got;
            got.push(...batch.map((e) => e.id));
          }
        };
        const batches = await Promise.all([claimer(), claimer(), claimer(), claimer()]);
        const all = batches.flat();
        expect(all).to.have.length(500);
        expect(new Set(all)).to.deep.equal(ids);
      });

      it('makes an event claimable again with a new token once its lease ends; the old claim can then record nothing', async () => {
        const { ctx } = await createOrg(h);
        const now = ancientInstant();
        await enqueue(ctx, anEvent(ctx.orgId, { notBefore: now }));
        const [first] = await claim(ctx.orgId, now, { leaseMs: 30 * SECOND });
        expect(await claim(ctx.orgId, later(now, 29 * SECOND))).to.deep.equal([]);
        const [second] = await claim(ctx.orgId, later(now, 30 * SECOND), { leaseMs: 30 * SECOND });
        expect(second?.id).to.equal(first!.id);
        expect(second?.attempts).to.equal(2);
        expect(second?.claimToken).to.not.equal(first!.claimToken);
        // The first claimer finishes late: its outcome and attempt record are dropped.
        expect(await h.outboxDelivery.complete(ctx.orgId, [sent(first!, later(now, 31 * SECOND), anAttempt())])).to.equal(0);
        expect(await find(ctx, first!.id)).to.deep.equal(second);
        expect(await h.uow.run(ctx, (r) => r.outbox.listAttempts(first!.id))).to.deep.equal([]);
        expect(await h.outboxDelivery.complete(ctx.orgId, [sent(second!, later(now, 32 * SECOND))])).to.equal(1);
      });

      const f6 = 'finds events committed in another order than they were written (nothing skipped by a claim after both commits)';
      if (!caps.concurrentUnits) {
        it(`${f6}: skipped, units take turns on this store (the second cannot commit while the first is open)`, function () {
          this.skip();
        });
      } else it(f6, async () => {
        const { ctx } = await createOrg(h);
        const now = ancientInstant();
        const first = anEvent(ctx.orgId, { notBefore: later(now, -2 * SECOND) });
        const second = anEvent(ctx.orgId, { notBefore: later(now, -SECOND) });
        let firstWritten!: () => void;
        let secondCommitted!: () => void;
        const written = new Promise<void>((resolve) => (firstWritten = resolve));
        const committed = new Promise<void>((resolve) => (secondCommitted = resolve));
        const t1 = h.uow.run(ctx, async (r) => {
          await r.outbox.enqueue(first);
          firstWritten();
          await committed;
        });
        await written;
        await enqueue(ctx, second);
        secondCommitted();
        await t1;
        expect((await claim(ctx.orgId, now)).map((e) => e.id)).to.deep.equal([first.id, second.id]);
      });
    });

    describe('complete', () => {
      async function claimedOne(kind: OutboxKind = 'email') {
        const { ctx } = await createOrg(h);
        const now = ancientInstant();
        const event = anEvent(ctx.orgId, { kind, notBefore: now });
        await enqueue(ctx, event);
        const [claimed] = await claim(ctx.orgId, now);
        return { ctx, now, event, claimed: claimed! };
      }

      it('records a send: sent, sentAt, no claim, the sealed secret dropped and the rest of the payload kept, and its attempt', async () => {
        const { ctx, now, event, claimed } = await claimedOne();
        const at = later(now, 2 * SECOND);
        const attempt = anAttempt();
        expect(await h.outboxDelivery.complete(ctx.orgId, [sent(claimed, at, attempt)])).to.equal(1);
        const after = await find(ctx, event.id);
        const message = (event.payload as Extract<OutboxPayload, { kind: 'email' }>).message;
        expect(after).to.deep.equal({ ...claimed, status: 'sent', claimToken: null, sentAt: at, updatedAt: at, payload: { kind: 'email', message: { ...message, sealedSecret: null } } });
        expect(await h.uow.run(ctx, (r) => r.outbox.listAttempts(event.id))).to.deep.equal([{ ...attempt, eventId: event.id, at }]);
        // Done: neither due nor claimable again, and a repeat of the outcome changes nothing.
        expect(await claim(ctx.orgId, later(now, 3600 * SECOND))).to.deep.equal([]);
        expect(await h.outboxDelivery.complete(ctx.orgId, [sent(claimed, at, anAttempt())])).to.equal(0);
        expect(await h.uow.run(ctx, (r) => r.outbox.listAttempts(event.id))).to.have.length(1);
      });

      it('leaves a webhook payload as it was when sent (it has no message)', async () => {
        const { ctx, now, event, claimed } = await claimedOne('webhook');
        expect(await h.outboxDelivery.complete(ctx.orgId, [sent(claimed, now)])).to.equal(1);
        expect((await find(ctx, event.id))?.payload).to.deep.equal(event.payload);
      });

      it('schedules a retry: pending, due at the next attempt, with the error, and claimable then', async () => {
        const { ctx, now, event, claimed } = await claimedOne();
        const next = later(now, 120 * SECOND);
        const failed = anAttempt({ status: 'failed', providerMessageId: null, error: 'smtp 451 try later' });
        const outcome: DeliveryOutcome = { eventId: event.id, claimToken: claimed.claimToken!, result: 'retry', at: later(now, SECOND), nextAttemptAt: next, error: 'smtp 451 try later', attempt: failed };
        expect(await h.outboxDelivery.complete(ctx.orgId, [outcome])).to.equal(1);
        expect(await find(ctx, event.id)).to.deep.equal({ ...claimed, status: 'pending', claimToken: null, nextAttemptAt: next, lastError: 'smtp 451 try later', updatedAt: later(now, SECOND) });
        expect(await claim(ctx.orgId, later(next, -1))).to.deep.equal([]);
        const [again] = await claim(ctx.orgId, next);
        expect(again).to.include({ id: event.id, attempts: 2, status: 'sending' });
        expect((await h.uow.run(ctx, (r) => r.outbox.listAttempts(event.id))).map((a) => a.status)).to.deep.equal(['failed']);
      });

      it('marks an event dead with its error, kept within 500 characters; dead events are never claimed', async () => {
        const { ctx, now, event, claimed } = await claimedOne();
        const long = `rejected ${'x'.repeat(800)}`;
        expect(await h.outboxDelivery.complete(ctx.orgId, [{ eventId: event.id, claimToken: claimed.claimToken!, result: 'dead', at: now, error: long, attempt: null }])).to.equal(1);
        const after = (await find(ctx, event.id))!;
        expect(after).to.include({ status: 'dead', claimToken: null, sentAt: null });
        expect([...after.lastError!].length).to.be.at.most(500);
        expect(after.lastError!.startsWith('rejected x')).to.equal(true);
        expect(await claim(ctx.orgId, later(now, 86_400 * SECOND))).to.deep.equal([]);
        expect(await h.uow.run(ctx, (r) => r.outbox.listAttempts(event.id))).to.deep.equal([]);
      });

      it('stores texts from providers as they came: quotes, backslashes, SQL, placeholders and dollar quotes are only text', async () => {
        const { ctx, now, event, claimed } = await claimedOne();
        const hostile = "O'Brien \\' '); DROP TABLE outbox_events; -- $1 ? $$x$$ E'\\\\' ::uuid";
        const attempt = anAttempt({ status: 'failed', provider: hostile, recipient: hostile, providerMessageId: hostile, error: hostile });
        const outcome: DeliveryOutcome = { eventId: event.id, claimToken: claimed.claimToken!, result: 'retry', at: now, nextAttemptAt: later(now, 60 * SECOND), error: hostile, attempt };
        expect(await h.outboxDelivery.complete(ctx.orgId, [outcome])).to.equal(1);
        expect((await find(ctx, event.id))?.lastError).to.equal(sanitiseDeliveryError(hostile));
        const [stored] = await h.uow.run(ctx, (r) => r.outbox.listAttempts(event.id));
        expect(stored).to.include({ provider: hostile, recipient: hostile, providerMessageId: hostile, error: sanitiseDeliveryError(hostile) });
      });

      it('applies a batch of outcomes at once and counts only the rows it changed', async () => {
        const { ctx } = await createOrg(h);
        const now = ancientInstant();
        for (let i = 0; i < 4; i++) await enqueue(ctx, anEvent(ctx.orgId, { notBefore: later(now, -i * SECOND) }));
        const claimed = await claim(ctx.orgId, now);
        expect(claimed).to.have.length(4);
        const [a, b, c, d] = claimed as [OutboxEvent, OutboxEvent, OutboxEvent, OutboxEvent];
        const outcomes: DeliveryOutcome[] = [
          sent(a, now, anAttempt()),
          { eventId: b.id, claimToken: b.claimToken!, result: 'retry', at: now, nextAttemptAt: later(now, 60 * SECOND), error: 'later', attempt: anAttempt({ status: 'failed' }) },
          { eventId: c.id, claimToken: c.claimToken!, result: 'dead', at: now, error: 'no', attempt: anAttempt({ status: 'rejected' }) },
          // A stale token: nothing changes, no attempt is written.
          { ...sent(d, now, anAttempt()), claimToken: randomUUID() },
        ];
        expect(await h.outboxDelivery.complete(ctx.orgId, outcomes)).to.equal(3);
        const statuses = await Promise.all(claimed.map(async (e) => (await find(ctx, e.id))!.status));
        expect(statuses).to.deep.equal(['sent', 'pending', 'dead', 'sending']);
        const attempts = await Promise.all(claimed.map(async (e) => (await h.uow.run(ctx, (r) => r.outbox.listAttempts(e.id))).length));
        expect(attempts).to.deep.equal([1, 1, 1, 0]);
        expect(await h.outboxDelivery.complete(ctx.orgId, [])).to.equal(0);
      });

      it('completes a batch and claims the next in one go: the next claim sees the outcomes (nothing sent or retried is claimed again)', async () => {
        const { ctx } = await createOrg(h);
        const now = ancientInstant();
        for (let i = 0; i < 5; i++) await enqueue(ctx, anEvent(ctx.orgId, { notBefore: later(now, -i * SECOND) }));
        const first = await claim(ctx.orgId, now, { limit: 2 });
        expect(first).to.have.length(2);
        const [a, b] = first as [OutboxEvent, OutboxEvent];
        const outcomes: DeliveryOutcome[] = [
          sent(a, now, anAttempt()),
          { eventId: b.id, claimToken: b.claimToken!, result: 'retry', at: now, nextAttemptAt: later(now, 60 * SECOND), error: 'later', attempt: null },
        ];
        const token = randomUUID();
        const next = await h.outboxDelivery.completeAndClaim(outcomes, {
          orgId: ctx.orgId, now, kinds: ['email', 'sms', 'webhook', 'export'], limit: 10, leaseUntil: later(now, 60 * SECOND), claimToken: token,
        });
        expect(next.recorded).to.equal(2);
        expect(next.claimed.map((e) => e.id).sort()).to.deep.equal(
          (await h.uow.run(ctx, (r) => r.outbox.listByDedupePrefix('', 10))).filter((e) => e.id !== a.id && e.id !== b.id).map((e) => e.id).sort(),
        );
        expect(next.claimed.every((e) => e.claimToken === token && e.status === 'sending')).to.equal(true);
        expect((await find(ctx, a.id))?.status).to.equal('sent');
        expect((await find(ctx, b.id))).to.include({ status: 'pending', lastError: 'later' });
        // A stale outcome in the pair changes nothing; the claim still happens.
        const stale = await h.outboxDelivery.completeAndClaim([{ ...sent(next.claimed[0]!, now), claimToken: randomUUID() }], {
          orgId: ctx.orgId, now, kinds: ['email'], limit: 10, leaseUntil: later(now, 60 * SECOND), claimToken: randomUUID(),
        });
        expect(stale).to.deep.equal({ recorded: 0, claimed: [] });
      });
    });

    describe('dead letters', () => {
      it('lists dead events newest first, by page, with the total, filtered by kind', async () => {
        const { ctx } = await createOrg(h);
        const base = ancientInstant();
        const dead: OutboxEvent[] = [];
        for (let i = 0; i < 5; i++) {
          const kind: OutboxKind = i % 2 === 0 ? 'email' : 'webhook';
          dead.push(await deadEvent(ctx, anEvent(ctx.orgId, { kind, createdAt: later(base, i * SECOND) }), later(base, 10 * SECOND)));
        }
        await enqueue(ctx, anEvent(ctx.orgId)); // pending: not a dead letter
        const list = (kind: OutboxKind | null, limit: number, offset: number) => h.uow.run(ctx, (r) => r.outbox.listDead({ kind, limit, offset }));
        const newestFirst = [...dead].reverse();
        expect(await list(null, 2, 0)).to.deep.equal({ items: newestFirst.slice(0, 2), total: 5 });
        expect(await list(null, 2, 4)).to.deep.equal({ items: newestFirst.slice(4), total: 5 });
        expect(await list(null, 2, 10)).to.deep.equal({ items: [], total: 5 });
        expect(await list('webhook', 10, 0)).to.deep.equal({ items: newestFirst.filter((e) => e.kind === 'webhook'), total: 2 });
        expect(await list('sms', 10, 0)).to.deep.equal({ items: [], total: 0 });
      });

      it('replays a dead event: pending, attempts 0, due now, claimable; a non-dead one replays to null', async () => {
        const { ctx } = await createOrg(h);
        const at = ancientInstant();
        const dead = await deadEvent(ctx, anEvent(ctx.orgId), at);
        const now = later(at, 3600 * SECOND);
        const replayed = await h.uow.run(ctx, (r) => r.outbox.replay(dead.id, now));
        expect(replayed).to.deep.equal({ ...dead, status: 'pending', attempts: 0, nextAttemptAt: now, claimToken: null, updatedAt: now });
        expect(await h.uow.run(ctx, (r) => r.outbox.replay(dead.id, now))).to.equal(null);
        expect(await h.uow.run(ctx, (r) => r.outbox.replay(randomUUID(), now))).to.equal(null);
        expect((await claim(ctx.orgId, now)).map((e) => e.id)).to.deep.equal([dead.id]);
        expect(await h.uow.run(ctx, (r) => r.outbox.replay(dead.id, now))).to.equal(null);
      });

      it('lets only one of two racing replays through', async () => {
        const { ctx } = await createOrg(h);
        const at = ancientInstant();
        const dead = await deadEvent(ctx, anEvent(ctx.orgId), at);
        const replay = () => h.uow.run(ctx, (r) => r.outbox.replay(dead.id, later(at, SECOND)));
        const results = await Promise.all([replay(), replay()]);
        expect(results.filter((r) => r !== null)).to.have.length(1);
      });
    });

    describe('listByDedupePrefix', () => {
      it('finds keys by literal prefix, newest first, up to the limit: % _ and \\ match only themselves', async () => {
        const { ctx } = await createOrg(h);
        const base = ancientInstant();
        const keys = ['booking:1:confirmed', 'booking:1:reminder', 'booking:10:confirmed', 'a%b:1', 'axb:1', 'a_b:1', 'ayb:1', 'c\\d:1', 'c\\\\d:1'];
        const byKey = new Map<string, string>();
        for (const [i, dedupeKey] of keys.entries()) {
          const e = anEvent(ctx.orgId, { dedupeKey, createdAt: later(base, i * SECOND) });
          byKey.set(dedupeKey, e.id);
          await enqueue(ctx, e);
        }
        const ids = async (prefix: string, limit = 50) => (await h.uow.run(ctx, (r) => r.outbox.listByDedupePrefix(prefix, limit))).map((e) => e.dedupeKey);
        expect(await ids('booking:1:')).to.deep.equal(['booking:1:reminder', 'booking:1:confirmed']);
        expect(await ids('booking:1')).to.deep.equal(['booking:10:confirmed', 'booking:1:reminder', 'booking:1:confirmed']);
        expect(await ids('booking:1', 1)).to.deep.equal(['booking:10:confirmed']);
        expect(await ids('a%')).to.deep.equal(['a%b:1']);
        expect(await ids('a_')).to.deep.equal(['a_b:1']);
        expect(await ids('c\\d')).to.deep.equal(['c\\d:1']);
        expect(await ids('%')).to.deep.equal([]);
        expect(await ids('nothing:')).to.deep.equal([]);
      });
    });

    describe('backlog', () => {
      it('counts events by kind and status across orgs, with the oldest creation', async () => {
        const count = async (kind: OutboxKind, status: string) => (await h.outboxDelivery.backlog()).find((r) => r.kind === kind && r.status === status);
        const before = { email: (await count('email', 'pending'))?.count ?? 0, sms: (await count('sms', 'pending'))?.count ?? 0 };
        const a = (await createOrg(h)).ctx;
        const b = (await createOrg(h)).ctx;
        const old = ancientInstant();
        await enqueue(a, anEvent(a.orgId, { createdAt: old }));
        await enqueue(b, anEvent(b.orgId));
        await enqueue(b, anEvent(b.orgId, { kind: 'sms' }));
        const email = await count('email', 'pending');
        expect(email?.count).to.equal(before.email + 2);
        expect(email!.oldestCreatedAt!.getTime()).to.be.at.most(old.getTime());
        expect((await count('sms', 'pending'))?.count).to.equal(before.sms + 1);
      });
    });

    describe('SMS opt-outs', () => {
      it('records an opt-out once, answers it, and clears it on opt-in', async () => {
        const key = `hmac:${randomUUID()}`;
        const at = new Date(Math.floor(Date.now() / SECOND) * SECOND);
        expect(await h.smsOptOuts.isOptedOut(key)).to.equal(false);
        await h.smsOptOuts.optOut(key, 'keyword', at);
        await h.smsOptOuts.optOut(key, 'provider', at);
        expect(await h.smsOptOuts.isOptedOut(key)).to.equal(true);
        expect(await h.smsOptOuts.optIn(key)).to.equal(true);
        expect(await h.smsOptOuts.optIn(key)).to.equal(false);
        expect(await h.smsOptOuts.isOptedOut(key)).to.equal(false);
      });

      it('refuses a key that is not a keyed hash (too short, too long, NUL) as a stored-value error', async () => {
        for (const key of ['short', 'k'.repeat(129), `hmac:${randomUUID()}\u0000`]) {
          const err = await caught(() => h.smsOptOuts.optOut(key, 'keyword', new Date()));
          expect(err.code, JSON.stringify(key.slice(0, 10))).to.equal('storage.value_refused');
        }
      });
    });

    describe('waitForEvents', () => {
      it(caps.notifies ? 'wakes within 1 s when another connection commits an event' : 'waits out its timeout (this store polls), even when an event is committed', async () => {
        const { ctx } = await createOrg(h);
        const controller = new AbortController();
        // A first wait connects the listener (where there is one) and proves it is idle.
        expect(await h.outboxDelivery.waitForEvents(50, controller.signal)).to.equal('timeout');
        const started = Date.now();
        const waiting = h.outboxDelivery.waitForEvents(caps.notifies ? 5000 : 400, controller.signal);
        await sleep(50);
        await enqueue(ctx, anEvent(ctx.orgId));
        const how = await waiting;
        const took = Date.now() - started;
        if (caps.notifies) {
          expect(how).to.equal('notified');
          expect(took).to.be.below(1000);
        } else {
          expect(how).to.equal('timeout');
          expect(took).to.be.at.least(350);
        }
      });

      it('ends at once when its signal aborts, or was aborted already', async () => {
        const controller = new AbortController();
        const started = Date.now();
        const waiting = h.outboxDelivery.waitForEvents(10_000, controller.signal);
        await sleep(30);
        controller.abort();
        expect(await waiting).to.equal('aborted');
        expect(Date.now() - started).to.be.below(2000);
        expect(await h.outboxDelivery.waitForEvents(10_000, controller.signal)).to.equal('aborted');
      });

      // Last: the store is shared by the suite and stays closed.
      it('ends pending waits as aborted when the store closes, and every wait after', async () => {
        const waiting = h.outboxDelivery.waitForEvents(10_000, new AbortController().signal);
        await sleep(30);
        await h.outboxDelivery.close();
        expect(await waiting).to.equal('aborted');
        expect(await h.outboxDelivery.waitForEvents(10_000, new AbortController().signal)).to.equal('aborted');
      });
    });
  });
}
