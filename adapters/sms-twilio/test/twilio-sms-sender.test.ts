import { expect } from 'chai';
import { startFakeTwilioServer, type FakeTwilioServer } from '@cws/test-support';
import { TwilioSmsSender } from '@cws/adapter-sms-twilio';

describe('TwilioSmsSender (what the contract does not cover)', function () {
  let peer: FakeTwilioServer;
  beforeEach(async () => {
    peer = await startFakeTwilioServer();
  });
  afterEach(() => peer.close());

  const id = '00000000-0000-4000-8000-000000000001';
  const sms = { idempotencyId: id, orgId: '00000000-0000-4000-8000-0000000000aa', to: '+15557654321', body: 'Hi' };

  it('a messaging service SID as the sender goes as MessagingServiceSid (no From)', async () => {
    const service = `MG${'a1'.repeat(16)}`;
    const sender = new TwilioSmsSender({ accountSid: peer.accountSid, authToken: peer.authToken, from: service, baseUrl: peer.baseUrl });
    await sender.send(sms);
    expect(peer.messages[0]).to.include({ from: '', messagingServiceSid: service, statusCallback: null });
  });

  it('without a status callback URL no StatusCallback is sent; with one, the event id rides in it beside its own query', async () => {
    const plain = new TwilioSmsSender({ accountSid: peer.accountSid, authToken: peer.authToken, from: '+15550001111', baseUrl: peer.baseUrl });
    await plain.send(sms);
    expect(peer.messages[0]!.form).not.to.have.property('StatusCallback');
    const withCallback = new TwilioSmsSender({ accountSid: peer.accountSid, authToken: peer.authToken, from: '+15550001111', baseUrl: peer.baseUrl, statusCallbackUrl: 'https://api.example.test/sms/status?region=eu' });
    await withCallback.send(sms);
    const callback = new URL(peer.messages[1]!.statusCallback!);
    expect(callback.origin + callback.pathname).to.equal('https://api.example.test/sms/status');
    expect(Object.fromEntries(callback.searchParams)).to.deep.equal({ region: 'eu', outbox_event_id: id });
  });

  it('an invalid number is rejected with reason invalid_number and the Twilio code', async () => {
    const sender = new TwilioSmsSender({ accountSid: peer.accountSid, authToken: peer.authToken, from: '+15550001111', baseUrl: peer.baseUrl });
    const error = await sender.send({ ...sms, to: '12345' }).then(
      () => null,
      (e: unknown) => e as { code: string; details: Record<string, unknown> },
    );
    expect(error?.code).to.equal('delivery.rejected');
    expect(error?.details).to.include({ reason: 'invalid_number', twilio_code: 21211 });
  });
});
