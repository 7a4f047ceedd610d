import { expect } from 'chai';
import { createCore, RandomSecretTokens, smsPhoneKey, systemActor, type Core, type SystemContext } from '@cws/core';
import { createMemoryAdapters, MemorySmsOptOutStore, type MemoryAdapters } from '@cws/adapter-memory';
import { expectAppError, T0 } from '../../support/core-fixture.js';

describe('RecordSmsReply (STOP / START replies)', function () {
  const PHONE = '+15551234567';
  let adapters: MemoryAdapters;
  let core: Core;
  let store: MemorySmsOptOutStore;
  const sys: SystemContext = { actor: systemActor('twilio-inbound'), requestId: 'req-sms', now: T0, reason: 'inbound SMS reply' };
  const tokens = new RandomSecretTokens({ serverSecret: 'sms-reply-test-server-secret' });
  const key = (phone: string) => smsPhoneKey(tokens, phone);

  beforeEach(() => {
    adapters = createMemoryAdapters();
    store = new MemorySmsOptOutStore(adapters.state);
    core = createCore({ ...adapters, smsOptOuts: store, secretTokens: tokens });
  });

  for (const word of ['STOP', 'stop', '  Stop \n', 'STOPALL', 'unsubscribe', 'Cancel', 'END', 'quit']) {
    it(`${JSON.stringify(word)} opts the number out, under the key delivery checks (no number stored)`, async () => {
      expect(await core.outbox.recordSmsReply.execute(sys, { from: PHONE, body: word })).to.deep.equal({ action: 'opted_out' });
      expect(await store.isOptedOut(key(PHONE))).to.equal(true);
      expect([...adapters.state.smsOptOuts.keys()].join()).not.to.include('5551234567');
      expect(adapters.state.smsOptOuts.get(key(PHONE))).to.deep.equal({ source: 'keyword', createdAt: T0 });
    });
  }

  for (const word of ['START', 'yes', ' Unstop ']) {
    it(`${JSON.stringify(word)} after STOP takes the number off the list`, async () => {
      await core.outbox.recordSmsReply.execute(sys, { from: PHONE, body: 'STOP' });
      expect(await core.outbox.recordSmsReply.execute(sys, { from: PHONE, body: word })).to.deep.equal({ action: 'opted_in' });
      expect(await store.isOptedOut(key(PHONE))).to.equal(false);
    });
  }

  it('the same number written with spaces or dashes is the same key', async () => {
    await core.outbox.recordSmsReply.execute(sys, { from: '+1 555-123-4567', body: 'STOP' });
    expect(await store.isOptedOut(key(PHONE))).to.equal(true);
  });

  it("another number's STOP leaves this one alone", async () => {
    await core.outbox.recordSmsReply.execute(sys, { from: '+15550000000', body: 'STOP' });
    expect(await store.isOptedOut(key(PHONE))).to.equal(false);
  });

  for (const body of ['STOP please', 'stop by at 5', 'S T O P', 'STOP!', '', 'thanks 👍', 'STOP\u200b', '<Response>STOP</Response>']) {
    it(`${JSON.stringify(body)} is ignored`, async () => {
      expect(await core.outbox.recordSmsReply.execute(sys, { from: PHONE, body })).to.deep.equal({ action: 'ignored' });
      expect(adapters.state.smsOptOuts.size).to.equal(0);
    });
  }

  it('a short code or alphanumeric sender is ignored (never a number we text)', async () => {
    for (const from of ['12345', 'ACME', '+0123456789']) {
      expect(await core.outbox.recordSmsReply.execute(sys, { from, body: 'STOP' })).to.deep.equal({ action: 'ignored' });
    }
    expect(adapters.state.smsOptOuts.size).to.equal(0);
  });

  it('START with no opt-out on record is still answered opted_in (nothing to clear)', async () => {
    expect(await core.outbox.recordSmsReply.execute(sys, { from: PHONE, body: 'START' })).to.deep.equal({ action: 'opted_in' });
  });

  it('STOP twice keeps one opt-out, with the first time', async () => {
    await core.outbox.recordSmsReply.execute(sys, { from: PHONE, body: 'STOP' });
    await core.outbox.recordSmsReply.execute({ ...sys, now: new Date(T0.getTime() + 60_000) }, { from: PHONE, body: 'STOP' });
    expect(adapters.state.smsOptOuts.get(key(PHONE))?.createdAt).to.deep.equal(T0);
  });

  it('text that is not text (NUL, unpaired surrogate) or too long is refused by the contract', async () => {
    await expectAppError(core.outbox.recordSmsReply.execute(sys, { from: PHONE, body: 'STOP\u0000' }), 'validation.failed');
    await expectAppError(core.outbox.recordSmsReply.execute(sys, { from: PHONE, body: '\uD800' }), 'validation.failed');
    await expectAppError(core.outbox.recordSmsReply.execute(sys, { from: PHONE, body: 'x'.repeat(1601) }), 'validation.failed');
    await expectAppError(core.outbox.recordSmsReply.execute(sys, { from: '', body: 'STOP' }), 'validation.failed');
    expect(adapters.state.smsOptOuts.size).to.equal(0);
  });

  it('without an opt-out store a keyword is refused (delivery.no_channel), other texts still ignored', async () => {
    // The memory adapters come with a store: leave it out, as an embedding app without SMS would.
    const { smsOptOuts: _store, ...withoutStore } = createMemoryAdapters();
    const bare = createCore(withoutStore);
    await expectAppError(bare.outbox.recordSmsReply.execute(sys, { from: PHONE, body: 'STOP' }), 'delivery.no_channel');
    expect(await bare.outbox.recordSmsReply.execute(sys, { from: PHONE, body: 'hello' })).to.deep.equal({ action: 'ignored' });
  });
});
