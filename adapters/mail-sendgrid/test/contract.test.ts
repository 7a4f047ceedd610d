import { mailerContract, type ReceivedEmail } from '@cws/contract-tests';
import { startFakeSendGridServer, type SendGridReceived } from '@cws/test-support';
import { SendGridMailer } from '@cws/adapter-mail-sendgrid';

/** The fake API's record in the suite's terms. */
function asReceivedEmail({ body, messageId }: SendGridReceived): ReceivedEmail {
  const personalization = body.personalizations[0]!;
  const to = personalization.to[0]!;
  const part = (type: string) => body.content.find((c) => c.type === type)?.value ?? '';
  return {
    recipients: body.personalizations.flatMap((p) => [...p.to, ...(p.cc ?? []), ...(p.bcc ?? [])].map((a) => a.email)),
    toName: to.name ?? null,
    fromAddress: body.from.email,
    fromName: body.from.name ?? null,
    subject: body.subject,
    text: part('text/plain'),
    html: part('text/html'),
    headers: Object.fromEntries(Object.entries(body.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
    eventKey: body.custom_args?.outbox_event_id ?? null,
    providerMessageId: messageId,
  };
}

mailerContract('sendgrid', async () => {
  const peer = await startFakeSendGridServer();
  const mailer = new SendGridMailer({
    apiKey: peer.apiKey,
    from: { email: 'bookings@sparkle.example', name: 'Sparkle Bookings' },
    baseUrl: peer.baseUrl,
    timeoutMs: 1500,
  });
  return {
    mailer,
    fromAddress: 'bookings@sparkle.example',
    fromName: 'Sparkle Bookings',
    secrets: [peer.apiKey],
    received: async () => peer.received.map(asReceivedEmail),
    failNext: (failure) => {
      if (failure === 'hang') peer.failNext('hang');
      else if (failure === 'transient') peer.failNext({ status: 503, errors: [{ message: 'Service Unavailable', field: null }] });
      // SendGrid names the address it refuses; the adapter must not pass it on.
      else peer.failNext({ status: 400, errors: [{ message: `The address {to} does not exist (key ${peer.apiKey})`, field: 'personalizations.0.to.0.email' }] });
    },
    dispose: () => peer.close(),
  };
});
