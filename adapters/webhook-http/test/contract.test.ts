import { randomBytes } from 'node:crypto';
import { webhookSenderContract } from '@cws/contract-tests';
import { refusedLocalUrl, startWebhookReceiverServer } from '@cws/test-support';
import { HttpWebhookSender, webhookSigningKey } from '@cws/adapter-webhook-http';

webhookSenderContract('http (node:http against a local receiver)', async (options) => {
  const receiver = await startWebhookReceiverServer();
  const signingSecret = randomBytes(24).toString('hex');
  const sender = new HttpWebhookSender({
    signingSecret,
    allowInsecureLocalhost: options.strict !== true,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
  return {
    sender,
    baseUrl: options.unreachable === true ? await refusedLocalUrl() : receiver.baseUrl,
    received: () => receiver.received,
    failNext: (fault) => receiver.failNext(fault),
    answerHeaders: (headers) => receiver.answerHeaders(headers),
    signingKey: (orgId) => webhookSigningKey(signingSecret, orgId),
    secrets: [signingSecret],
    close: () => receiver.close(),
  };
});
