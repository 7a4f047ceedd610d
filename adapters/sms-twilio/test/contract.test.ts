import { smsSenderContract, type SmsPeerFault } from '@cws/contract-tests';
import { refusedLocalUrl, startFakeTwilioServer, type FakeTwilioFault } from '@cws/test-support';
import { TwilioSmsSender } from '@cws/adapter-sms-twilio';

const FROM = '+15550001111';
const CALLBACK = 'https://api.example.test/v1/public/sms/twilio/status';

const FAULTS: Record<SmsPeerFault, FakeTwilioFault> = {
  server_error: { kind: 'error', status: 500, code: 20500, message: 'Internal Server Error' },
  rate_limited: { kind: 'error', status: 429, code: 20429, message: 'Too Many Requests' },
  hang: { kind: 'hang' },
  drop: { kind: 'drop' },
};

smsSenderContract('twilio (SDK against a local Messages API)', async (options) => {
  const peer = await startFakeTwilioServer();
  const authToken = options.wrongCredentials === true ? `${peer.authToken}-wrong` : peer.authToken;
  const sender = new TwilioSmsSender({
    accountSid: peer.accountSid,
    authToken,
    from: FROM,
    baseUrl: options.unreachable === true ? await refusedLocalUrl() : peer.baseUrl,
    statusCallbackUrl: CALLBACK,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
  return {
    sender,
    from: FROM,
    received: () =>
      peer.messages.map((m) => ({ to: m.to, from: m.from, body: m.body, idempotencyKey: m.statusCallback === null ? null : new URL(m.statusCallback).searchParams.get('outbox_event_id') })),
    requestCount: () => peer.requestCount,
    failNext: (fault) => peer.failNext(FAULTS[fault]),
    optOut: (phone) => peer.optOut(phone),
    secrets: [peer.authToken, authToken, peer.accountSid],
    close: () => peer.close(),
  };
});
