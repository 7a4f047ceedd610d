/**
 * The channels EMAIL_MODE and SMS_MODE name, each behind its circuit breaker. `off` leaves the
 * channel out: the core then enqueues nothing of that kind (ADR 20).
 */
import type { MessageChannels } from '@cws/core';
import { SendGridMailer } from '@cws/adapter-mail-sendgrid';
import { SmtpMailer } from '@cws/adapter-mail-smtp';
import type { Config } from '../config/index.js';
import type { Logger } from '../logger.js';
import { LogMailer, LogSmsSender } from './log-channels.js';

/** Values the config checks already required for the mode (config-checks.ts, deliveryProblems). */
function needed<T>(value: T | null, name: string): T {
  if (value === null) throw new Error(`${name} is required by the configured mode`);
  return value;
}

export function messageChannelsFromConfig(config: Config, logger: Logger): MessageChannels {
  const { email, sms } = config;
  const from = () => ({ email: needed(email.from, 'EMAIL_FROM'), name: email.fromName });
  const mailer =
    email.mode === 'sendgrid'
      ? new SendGridMailer({ apiKey: needed(email.sendgridApiKey, 'SENDGRID_API_KEY'), from: from(), baseUrl: email.sendgridBaseUrl })
      : email.mode === 'smtp'
        ? new SmtpMailer({
            host: needed(email.smtp.host, 'SMTP_HOST'),
            port: email.smtp.port,
            secure: email.smtp.secure,
            user: email.smtp.user,
            password: email.smtp.password,
            from: from(),
          })
        : email.mode === 'log'
          ? new LogMailer(logger)
          : null;
  const texter = sms.mode === 'log' ? new LogSmsSender(logger) : null;
  return { email: mailer, sms: texter, webhook: null };
}
