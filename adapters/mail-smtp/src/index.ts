export { DEFAULT_SMTP_TIMEOUT_MS, SmtpMailer, isLoopbackHost, outboxMessageId, type SmtpMailerOptions } from './smtp-mailer.js';
