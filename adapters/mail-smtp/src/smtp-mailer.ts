/**
 * The Mailer port over SMTP (nodemailer's pooled transport), for any relay: a provider's SMTP
 * endpoint, Postfix, Mailpit in development.
 *
 * Transport security: `secure` is implicit TLS from the first byte (port 465, SMTP_SECURE=true);
 * otherwise the connection is upgraded with STARTTLS whenever the server offers it, and with
 * `requireTls` (the default, except towards a loopback host) a server that does not offer it is
 * refused, so neither the credentials nor the message (reset links) ever cross a network in clear.
 *
 * Every message carries a Message-ID derived from its outbox event id, so a redelivery after a
 * crash has the same Message-ID as the first copy and receivers can drop the duplicate.
 */
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import nodemailer from 'nodemailer';
import type { NodemailerError, SMTPPoolOptions, SMTPPoolSentMessageInfo, Transporter } from 'nodemailer';
import {
  AppError,
  MAIL_EVENT_ID_HEADER,
  isPlainMailbox,
  mailBodyText,
  mailHeaderText,
  sanitiseDeliveryError,
  type EmailToSend,
  type Mailer,
  type SendReceipt,
} from '@cws/core';

export interface SmtpMailerOptions {
  /** SMTP_HOST. */
  readonly host: string;
  /** SMTP_PORT: 465 with `secure`, usually 587 without. */
  readonly port: number;
  /** SMTP_SECURE: implicit TLS (port 465). False: plain connection upgraded with STARTTLS. */
  readonly secure: boolean;
  /** SMTP_USER and SMTP_PASSWORD: both or neither (a relay that needs no login). */
  readonly user: string | null;
  readonly password: string | null;
  /** EMAIL_FROM; `name` is used when the message has no sender name. */
  readonly from: { readonly email: string; readonly name: string | null };
  /**
   * Without `secure`: refuse to send unless the server offers STARTTLS. Default true, except for
   * a loopback host (a local relay or Mailpit), where nothing crosses a network.
   */
  readonly requireTls?: boolean;
  /** Check the server's certificate (default true). False only in tests, for a self-signed one. */
  readonly rejectUnauthorized?: boolean;
  /** Longest wait to connect, for the greeting, and between bytes of any answer (default 15 s). */
  readonly timeoutMs?: number;
  /** Connections the pool keeps open at most (default 2). */
  readonly maxConnections?: number;
}

export const DEFAULT_SMTP_TIMEOUT_MS = 15_000;

/** A host name or address that never leaves this machine. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  return h === '::1' || h === '0:0:0:0:0:0:0:1';
}

/** `<event-id@sender-domain>`: the same for every delivery of one event. */
export function outboxMessageId(idempotencyId: string, fromEmail: string): string {
  const local = /^[A-Za-z0-9._-]{1,200}$/.test(idempotencyId) ? idempotencyId : createHash('sha256').update(idempotencyId).digest('hex');
  const domain = fromEmail.slice(fromEmail.lastIndexOf('@') + 1).toLowerCase();
  return `<${local}@${/^[a-z0-9.-]{1,253}$/.test(domain) ? domain : 'outbox.invalid'}>`;
}

/**
 * "550 5.1.1 <a@b>: unknown" as "550, 5.1.1 <a@b>: unknown": kept apart by a comma, the reply
 * and enhanced codes are not taken for a phone number by the sanitiser.
 */
function replyText(response: string): string {
  const reply = /^(\d{3})[ -]((?:\d\.\d{1,3}\.\d{1,3} )?)([\s\S]*)$/.exec(response.trim());
  return reply === null ? response : `${reply[1]}, ${reply[2]}${reply[3]}`;
}

/** SMTP commands whose refusal is about our account or sender, not about this message. */
const SESSION_COMMANDS = /^(AUTH|MAIL FROM|EHLO|HELO|STARTTLS|CONN|RSET)\b/;

export class SmtpMailer implements Mailer {
  readonly provider = 'smtp';
  private readonly transport: Transporter<SMTPPoolSentMessageInfo, SMTPPoolOptions>;
  private readonly secrets: readonly string[];

  constructor(private readonly options: SmtpMailerOptions) {
    if (!isPlainMailbox(options.from.email)) throw new Error('The sender (EMAIL_FROM) must be a plain mailbox address');
    if ((options.user === null) !== (options.password === null)) throw new Error('SMTP user and password go together: set both or neither');
    const timeout = options.timeoutMs ?? DEFAULT_SMTP_TIMEOUT_MS;
    const requireTls = !options.secure && (options.requireTls ?? !isLoopbackHost(options.host));
    this.secrets = options.password !== null && options.password.length >= 4 ? [options.password] : [];
    this.transport = nodemailer.createTransport({
      pool: true,
      maxConnections: options.maxConnections ?? 2,
      // A message whose connection dropped fails back to the outbox, which retries it on its own
      // schedule, rather than being resent up to 5 times inside one delivery attempt.
      maxRequeues: 0,
      host: options.host,
      port: options.port,
      secure: options.secure,
      requireTLS: requireTls,
      ...(options.user !== null && options.password !== null ? { auth: { user: options.user, pass: options.password } } : {}),
      tls: { rejectUnauthorized: options.rejectUnauthorized ?? true, servername: isIP(options.host) === 0 ? options.host : undefined },
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
      dnsTimeout: timeout,
      // Messages are built from our own strings only: no file or URL is ever read into one.
      disableFileAccess: true,
      disableUrlAccess: true,
      logger: false,
    });
  }

  async send(email: EmailToSend): Promise<SendReceipt> {
    if (!isPlainMailbox(email.to)) throw new AppError('delivery.rejected', 'The recipient is not a plain mailbox address', { retryable: false, details: { provider: this.provider } });
    const fromName = mailHeaderText(email.fromName ?? this.options.from.name ?? '');
    const toName = mailHeaderText(email.toName ?? '');
    let info: SMTPPoolSentMessageInfo;
    try {
      info = await this.transport.sendMail({
        from: { name: fromName, address: this.options.from.email },
        to: { name: toName, address: email.to },
        subject: mailHeaderText(email.subject),
        text: mailBodyText(email.text),
        html: mailBodyText(email.html),
        messageId: outboxMessageId(email.idempotencyId, this.options.from.email),
        headers: { [MAIL_EVENT_ID_HEADER]: mailHeaderText(email.idempotencyId) },
      });
    } catch (error) {
      throw this.translate(error);
    }
    // The relay's queue id ("250 2.0.0 Ok: queued as 4XyZ") finds the message in its logs;
    // without one, our own Message-ID is the best handle.
    const queued = /queued as\s+([A-Za-z0-9._:@<>+/=-]{1,128})/i.exec(info.response ?? '');
    return { providerMessageId: queued?.[1] ?? info.messageId ?? null };
  }

  async close(): Promise<void> {
    this.transport.close();
  }

  /** A nodemailer failure as the port's AppError, with a reason fit to store (no password, no address). */
  private translate(error: unknown): AppError {
    const e = (typeof error === 'object' && error !== null ? error : {}) as NodemailerError;
    const code = typeof e.code === 'string' ? e.code : 'unknown';
    const command = typeof e.command === 'string' ? e.command : null;
    const responseCode = typeof e.responseCode === 'number' ? e.responseCode : null;
    const said = typeof e.response === 'string' ? replyText(e.response) : e instanceof Error ? e.message : String(error);
    const reason = this.clean(`SMTP ${command ?? 'send'} failed (${code}): ${said}`);
    const details = { provider: this.provider, code, ...(command === null ? {} : { command }), ...(responseCode === null ? {} : { responseCode }) };
    const unavailable = () => new AppError('delivery.unavailable', reason, { retryable: true, details });

    // Our own configuration, not this message: refused credentials (EAUTH/ENOAUTH), a server
    // without STARTTLS or with a bad certificate (ETLS), a refused sender (MAIL FROM 5xx). Each
    // would kill every message alike, so they are retried (and the breaker opens) rather than
    // dead-lettered, and nothing is lost while an operator fixes SMTP_* or EMAIL_FROM.
    if (['EAUTH', 'ENOAUTH', 'EOAUTH2', 'ETLS', 'EREQUIRETLS', 'ECONFIG', 'EPROXY'].includes(code)) return unavailable();
    if (responseCode !== null) {
      const permanent = e.permanent ?? (responseCode >= 500 && responseCode < 600 && responseCode !== 503);
      // 552 (too big) is about this message even when it answers MAIL FROM's SIZE= parameter.
      if (!permanent || (responseCode !== 552 && command !== null && SESSION_COMMANDS.test(command))) return unavailable();
      // RCPT TO 5xx (no such mailbox), DATA 5xx (content refused): this message, for good.
      return new AppError('delivery.rejected', reason, { retryable: false, details });
    }
    // Refused before reaching the server: an address nodemailer cannot put in an envelope, a
    // message over the size the server announced.
    if (code === 'EENVELOPE' || code === 'EMESSAGE') return new AppError('delivery.rejected', reason, { retryable: false, details });
    // ETIMEDOUT, ECONNECTION, ESOCKET, EDNS and anything unforeseen: try again later.
    return unavailable();
  }

  private clean(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join('[credential]');
    return sanitiseDeliveryError(out);
  }
}
