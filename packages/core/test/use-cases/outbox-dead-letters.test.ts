import { expect } from 'chai';
import type { OutboxPayload } from '@cws/core';
import { MemoryOutboxDeliveryStore } from '@cws/adapter-memory';
import { MINUTE } from '../support/fixed-clock.js';
import { auditRows, coreFixture, expectAppError, expectInvalid, type CoreFixture } from '../support/core-fixture.js';

const mail = (to: string): OutboxPayload => ({
  kind: 'email',
  message: { template: 'booking_confirmed', to, toName: 'Pat', data: {} as never, sealedSecret: 'sealed-secret-never-shown' },
});
const webhook: OutboxPayload = {
  kind: 'webhook',
  webhook: { url: 'https://user:pw@hooks.example.com:8443/in/abc?sig=s3cret', eventType: 'booking.created', body: { secret: 'webhook body' } },
};
const exported: OutboxPayload = { kind: 'export', export: { exportId: 'exp-1', destination: 'sftp://files.example.com/drop' } };

describe('the dead-letter queue (ListDeadLetters, GetDeadLetterQueue, ReplayOutboxEvent)', () => {
  let fx: CoreFixture;
  let org: string;
  let delivery: MemoryOutboxDeliveryStore;
  let n = 0;

  /** An event of `org` taken through delivery to dead (claimed, then given up on). */
  async function deadEvent(orgId: string, payload: OutboxPayload, status: 'dead' | 'pending' | 'sent' = 'dead'): Promise<string> {
    const id = `e0000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`;
    const now = fx.clock.now();
    await fx.adapters.uow.run(fx.ctx(orgId), (repos) => repos.outbox.enqueue({ id, orgId, dedupeKey: `test:${id}:${payload.kind}`, payload, createdAt: now }));
    fx.clock.advance(MINUTE);
    if (status === 'pending') return id;
    const claimToken = `claim-${id}`;
    const claimed = await delivery.claim({ orgId, now: fx.clock.now(), kinds: [payload.kind], limit: 100, leaseUntil: new Date(fx.clock.now().getTime() + MINUTE), claimToken });
    expect(claimed.map((e) => e.id)).to.include(id);
    const at = fx.clock.now();
    const outcome = status === 'sent' ? ({ eventId: id, claimToken, result: 'sent', at, attempt: null } as const) : ({ eventId: id, claimToken, result: 'dead', at, error: 'provider refused: 550', attempt: null } as const);
    await delivery.complete(orgId, [outcome]);
    return id;
  }

  beforeEach(async () => {
    fx = coreFixture();
    delivery = new MemoryOutboxDeliveryStore(fx.state);
    org = await fx.newOrg('acme');
  });

  it('lists dead events newest first with a payload summary that holds no secret, token or body', async () => {
    const first = await deadEvent(org, mail('pat@example.com'));
    const second = await deadEvent(org, webhook);
    await deadEvent(org, mail('alive@example.com'), 'pending');
    const page = await fx.core.outbox.listDeadLetters.execute(fx.ctx(org), {});
    expect(page.items.map((i) => i.id)).to.deep.equal([second, first]);
    expect(page).to.include({ total: 2, limit: 50, offset: 0 });
    expect(page.items[1]).to.deep.include({ kind: 'email', queue: 'outbox', status: 'dead', attempts: 1, lastError: 'provider refused: 550' });
    expect(page.items[1]!.payloadSummary).to.deep.equal({ template: 'booking_confirmed', recipient: 'pat@example.com', urlHost: null, eventType: null, exportId: null });
    expect(page.items[0]!.payloadSummary).to.deep.equal({ template: null, recipient: null, urlHost: 'hooks.example.com:8443', eventType: 'booking.created', exportId: null });
    const text = JSON.stringify(page);
    for (const secret of ['sealed-secret-never-shown', 'webhook body', 's3cret', 'pw@', '/in/abc']) expect(text).to.not.include(secret);
  });

  it('filters by kind and pages with limit and offset, the total counting every match', async () => {
    const mails = [await deadEvent(org, mail('a@example.com')), await deadEvent(org, mail('b@example.com')), await deadEvent(org, mail('c@example.com'))];
    await deadEvent(org, webhook);
    const page = await fx.core.outbox.listDeadLetters.execute(fx.ctx(org), { kind: 'email', limit: 2, offset: 1 });
    expect(page.items.map((i) => i.id)).to.deep.equal([mails[1], mails[0]]);
    expect(page.total).to.equal(3);
    const past = await fx.core.outbox.listDeadLetters.execute(fx.ctx(org), { kind: 'email', offset: 10 });
    expect(past).to.deep.include({ items: [], total: 3 });
  });

  it('validation.failed for an unknown kind, limit 0 or over 200, a negative or huge offset', async () => {
    await expectInvalid(fx.core.outbox.listDeadLetters.execute(fx.ctx(org), { kind: 'fax' as never, limit: 0, offset: -1 }), ['/kind', '/limit', '/offset']);
    await expectInvalid(fx.core.outbox.deadLetterQueue.execute(fx.ctx(org), { kind: 'email' as never, limit: 201, offset: 100_001 }), ['/kind', '/limit', '/offset']);
    await expectInvalid(fx.core.outbox.deadLetterQueue.execute(fx.ctx(org), { kind: 'all\u0000' as never }), ['/kind']);
  });

  it('the queue counts both queues whatever the filter and lists the chosen one', async () => {
    const m = await deadEvent(org, mail('a@example.com'));
    const w = await deadEvent(org, webhook);
    const x = await deadEvent(org, exported);
    await deadEvent(org, mail('sent@example.com'), 'sent');
    const other = await fx.newOrg('other');
    await deadEvent(other, mail('other@example.com'));
    const all = await fx.core.outbox.deadLetterQueue.execute(fx.ctx(org), {});
    expect(all).to.deep.include({ outboxDeadCount: 2, exportDeadCount: 1, total: 3, limit: 50, offset: 0 });
    expect(all.items.map((i) => i.id)).to.deep.equal([x, w, m]);
    expect(all.items.map((i) => i.queue)).to.deep.equal(['export', 'outbox', 'outbox']);
    const outbox = await fx.core.outbox.deadLetterQueue.execute(fx.ctx(org), { kind: 'outbox', limit: 1 });
    expect(outbox).to.deep.include({ outboxDeadCount: 2, exportDeadCount: 1, total: 2, limit: 1 });
    expect(outbox.items.map((i) => i.id)).to.deep.equal([w]);
    const exports = await fx.core.outbox.deadLetterQueue.execute(fx.ctx(org), { kind: 'export' });
    expect(exports.items.map((i) => i.payloadSummary.exportId)).to.deep.equal(['exp-1']);
    expect(JSON.stringify(exports)).to.not.include('sftp://');
  });

  it('replays a dead event: pending, due now, attempts 0, with an outbox.replay audit row holding no payload', async () => {
    const id = await deadEvent(org, mail('pat@example.com'));
    const auditId = fx.ids.peek(1);
    const replayed = await fx.core.outbox.replay.execute(fx.ctx(org, { actorId: 'user-7', role: 'owner' }), { id, reason: '  mailbox fixed ' });
    expect(replayed).to.deep.include({ id, status: 'pending', attempts: 0, nextAttemptAt: fx.clock.now(), lastError: 'provider refused: 550' });
    const stored = fx.state.tables.outbox.get(id)!;
    expect(stored).to.deep.include({ status: 'pending', attempts: 0, claimToken: null });
    const row = auditRows(fx, org).at(-1)!;
    expect(row).to.deep.include({ id: auditId, action: 'outbox.replay', resourceType: 'outbox_event', resourceId: id, actorId: 'user-7' });
    expect(row.before).to.deep.include({ status: 'dead', attempts: 1 });
    expect(row.after).to.deep.include({ status: 'pending', attempts: 0 });
    expect(row.metadata).to.deep.include({ kind: 'email', reason: 'mailbox fixed' });
    expect(JSON.stringify(row)).to.not.include('sealed-secret').and.not.include('pat@example.com');
    // Due again: the delivery job can claim it.
    expect(await delivery.dueOrgs(fx.clock.now(), ['email'], 10)).to.deep.equal([org]);
  });

  it('outbox.not_dead for a pending, a sent or an already replayed event, and no audit row', async () => {
    const pending = await deadEvent(org, mail('p@example.com'), 'pending');
    const sent = await deadEvent(org, mail('s@example.com'), 'sent');
    const dead = await deadEvent(org, mail('d@example.com'));
    await fx.core.outbox.replay.execute(fx.ctx(org), { id: dead });
    const rows = auditRows(fx, org).length;
    for (const id of [pending, sent, dead]) await expectAppError(fx.core.outbox.replay.execute(fx.ctx(org), { id }), 'outbox.not_dead');
    expect(auditRows(fx, org)).to.have.length(rows);
  });

  it('of two racing replays exactly one succeeds', async () => {
    const id = await deadEvent(org, mail('race@example.com'));
    const outcomes = await Promise.allSettled([fx.core.outbox.replay.execute(fx.ctx(org), { id }), fx.core.outbox.replay.execute(fx.ctx(org), { id })]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).to.have.length(1);
    const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason.code).to.equal('outbox.not_dead');
    expect(auditRows(fx, org).filter((r) => r.action === 'outbox.replay')).to.have.length(1);
  });

  it("outbox.event_not_found for an unknown id and for another org's event, which stays dead", async () => {
    const other = await fx.newOrg('other');
    const theirs = await deadEvent(other, mail('theirs@example.com'));
    await expectAppError(fx.core.outbox.replay.execute(fx.ctx(org), { id: 'a0e1c2d3-b4a5-4c6d-8e7f-901234567890' }), 'outbox.event_not_found');
    await expectAppError(fx.core.outbox.replay.execute(fx.ctx(org), { id: theirs }), 'outbox.event_not_found');
    expect(fx.state.tables.outbox.get(theirs)!.status).to.equal('dead');
    expect((await fx.core.outbox.listDeadLetters.execute(fx.ctx(org), {})).total).to.equal(0);
    await expectInvalid(fx.core.outbox.replay.execute(fx.ctx(org), { id: 'nope', reason: 'r'.repeat(501) }), ['/id', '/reason']);
  });

  it('leaves the event dead when the audit row cannot be written (one unit of work)', async () => {
    const id = await deadEvent(org, mail('atomic@example.com'));
    fx.uow.overrides = () => ({
      audit: {
        append: async () => {
          throw new Error('audit log unavailable');
        },
      },
    });
    let failed = false;
    await fx.core.outbox.replay.execute(fx.ctx(org), { id }).catch(() => {
      failed = true;
    });
    expect(failed).to.equal(true);
    expect(fx.state.tables.outbox.get(id)!.status).to.equal('dead');
  });
});
