/**
 * A real SMTP server for tests (`smtp-server`, the same project as nodemailer): AUTH PLAIN/LOGIN
 * required, STARTTLS offered with a self-signed certificate made at test time (or not offered, or
 * implicit TLS), each received message parsed with `mailparser`. It can be told to refuse the
 * next messages at RCPT, MAIL FROM or DATA with a permanent (5xx) or temporary (4xx) reply, or to
 * stall after the message (never answering the end of DATA).
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { generate } from 'selfsigned';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerOptions, type SMTPServerSession } from 'smtp-server';

export interface SmtpReceived {
  /** MAIL FROM and RCPT TO, as the server saw them. */
  readonly envelope: { readonly from: string | null; readonly to: readonly string[] };
  /** Whether the session was encrypted (STARTTLS or implicit TLS) when the message came. */
  readonly secure: boolean;
  /** The user that logged in, or null. */
  readonly user: string | null;
  readonly raw: Buffer;
  readonly parsed: ParsedMail;
  /** The id answered in "250 Ok: queued as <id>". */
  readonly queueId: string;
}

export type SmtpFailure =
  | { readonly at: 'MAIL FROM' | 'RCPT TO' | 'DATA'; readonly code: number; readonly message: string }
  /** Read the whole message, then never answer. */
  | 'stall';

export interface SmtpTestServerOptions {
  /** `starttls` (default): plain, STARTTLS offered; `none`: plain only; `implicit`: TLS from the first byte. */
  readonly tls?: 'starttls' | 'none' | 'implicit';
  /** Default true: MAIL is refused until AUTH succeeds. */
  readonly authRequired?: boolean;
  /** The address to listen on (default 127.0.0.1); `host` is then this address. */
  readonly listen?: string;
}

export interface SmtpTestServer {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly received: readonly SmtpReceived[];
  /** AUTH attempts, and those refused. */
  readonly authAttempts: number;
  readonly authFailures: number;
  /** Sessions that issued MAIL FROM in clear text (never, when STARTTLS was required). */
  readonly plaintextMailCommands: number;
  failNext(...failures: SmtpFailure[]): void;
  close(): Promise<void>;
}

let certificate: Promise<{ key: string; cert: string }> | null = null;

/** One self-signed certificate for 127.0.0.1/localhost per test process (EC P-256: quick to make). */
function testCertificate(): Promise<{ key: string; cert: string }> {
  certificate ??= generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    notAfterDate: new Date(Date.now() + 7 * 86_400_000),
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] }],
  }).then((pems) => ({ key: pems.private, cert: pems.cert }));
  return certificate;
}

function smtpError(code: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode: code });
}

export async function startSmtpTestServer(options: SmtpTestServerOptions = {}): Promise<SmtpTestServer> {
  const mode = options.tls ?? 'starttls';
  const user = `mailer-${randomBytes(4).toString('hex')}`;
  const password = `pw-${randomBytes(12).toString('base64url')}`;
  const received: SmtpReceived[] = [];
  const failures: SmtpFailure[] = [];
  let authAttempts = 0;
  let authFailures = 0;
  let plaintextMailCommands = 0;
  const { key, cert } = await testCertificate();

  /** The next failure if it applies at `at`, consumed; stall applies at DATA. */
  const take = (at: 'MAIL FROM' | 'RCPT TO' | 'DATA'): SmtpFailure | null => {
    const next = failures[0];
    if (next === undefined || (next === 'stall' ? at !== 'DATA' : next.at !== at)) return null;
    failures.shift();
    return next;
  };

  const serverOptions: SMTPServerOptions = {
    secure: mode === 'implicit',
    key,
    cert,
    hideSTARTTLS: mode === 'none',
    disabledCommands: mode === 'none' ? ['STARTTLS'] : [],
    authMethods: ['PLAIN', 'LOGIN'],
    authOptional: options.authRequired === false,
    // Needed for the `none` mode only: a server without TLS must still take AUTH for the test of
    // a client that refuses to go on in clear text.
    allowInsecureAuth: mode === 'none',
    logger: false,
    closeTimeout: 200,
    onAuth(auth, _session, callback) {
      authAttempts += 1;
      if (auth.username === user && auth.password === password) return callback(null, { user });
      authFailures += 1;
      return callback(smtpError(535, '5.7.8 Authentication credentials invalid'));
    },
    onMailFrom(_address, session, callback) {
      if (!session.secure) plaintextMailCommands += 1;
      const failure = take('MAIL FROM');
      callback(failure === null || failure === 'stall' ? null : smtpError(failure.code, failure.message));
    },
    onRcptTo(address, _session, callback) {
      const failure = take('RCPT TO');
      callback(failure === null || failure === 'stall' ? null : smtpError(failure.code, failure.message.replace('{rcpt}', address.address)));
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      const failure = take('DATA');
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (failure === 'stall') return;
        if (failure !== null) return callback(smtpError(failure.code, failure.message));
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            const queueId = randomBytes(6).toString('hex').toUpperCase();
            received.push({
              envelope: { from: session.envelope.mailFrom === false ? null : session.envelope.mailFrom.address, to: session.envelope.rcptTo.map((r) => r.address) },
              secure: session.secure,
              user: typeof session.user === 'string' ? session.user : null,
              raw,
              parsed,
              queueId,
            });
            callback(null, `2.0.0 Ok: queued as ${queueId}`);
          },
          (error: Error) => callback(smtpError(554, `5.6.0 Unparseable message: ${error.message}`)),
        );
      });
    },
  };
  const server = new SMTPServer(serverOptions);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, options.listen ?? '127.0.0.1', () => resolve());
  });
  // Connections a client drops make smtp-server emit errors; they are the tests' business, not a crash.
  server.on('error', () => {});
  const { port } = server.server.address() as AddressInfo;

  return {
    host: options.listen ?? '127.0.0.1',
    port,
    user,
    password,
    received,
    get authAttempts() {
      return authAttempts;
    },
    get authFailures() {
      return authFailures;
    },
    get plaintextMailCommands() {
      return plaintextMailCommands;
    },
    failNext: (...next) => {
      failures.push(...next);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
