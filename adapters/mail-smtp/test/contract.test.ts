import { mailerContract, type ReceivedEmail } from '@cws/contract-tests';
import { startSmtpTestServer, type SmtpReceived } from '@cws/test-support';
import { SmtpMailer } from '@cws/adapter-mail-smtp';

const lf = (text: string) => text.replace(/\r\n/g, '\n');

type AddressHeader = SmtpReceived['parsed']['to'];

function firstAddress(header: AddressHeader): { address: string; name: string | null } {
  const value = (Array.isArray(header) ? header[0] : header)?.value[0];
  return { address: value?.address ?? '', name: value?.name ? value.name : null };
}

/** The SMTP server's record in the suite's terms. */
function asReceivedEmail({ envelope, parsed, queueId }: SmtpReceived): ReceivedEmail {
  const to = firstAddress(parsed.to);
  const from = firstAddress(parsed.from);
  return {
    recipients: envelope.to,
    toName: to.name,
    fromAddress: from.address,
    fromName: from.name,
    subject: parsed.subject ?? '',
    text: lf(parsed.text ?? ''),
    html: typeof parsed.html === 'string' ? parsed.html : '',
    headers: Object.fromEntries(parsed.headerLines.map(({ key, line }) => [key.toLowerCase(), line.slice(line.indexOf(':') + 1).trim()])),
    eventKey: parsed.messageId ?? null,
    providerMessageId: queueId,
  };
}

mailerContract('smtp (STARTTLS, AUTH)', async () => {
  const peer = await startSmtpTestServer();
  const mailer = new SmtpMailer({
    host: peer.host,
    port: peer.port,
    secure: false,
    requireTls: true,
    rejectUnauthorized: false,
    user: peer.user,
    password: peer.password,
    from: { email: 'bookings@sparkle.example', name: 'Sparkle Bookings' },
    timeoutMs: 1500,
  });
  return {
    mailer,
    fromAddress: 'bookings@sparkle.example',
    fromName: 'Sparkle Bookings',
    secrets: [peer.password],
    received: async () => peer.received.map(asReceivedEmail),
    failNext: (failure) => {
      if (failure === 'hang') peer.failNext('stall');
      else if (failure === 'transient') peer.failNext({ at: 'DATA', code: 451, message: '4.3.0 Temporary failure, try again later' });
      // Servers name the mailbox they refuse; the adapter must not pass it on.
      else peer.failNext({ at: 'RCPT TO', code: 550, message: '5.1.1 <{rcpt}>: Recipient address rejected: User unknown' });
    },
    dispose: async () => {
      await mailer.close();
      await peer.close();
    },
  };
});
