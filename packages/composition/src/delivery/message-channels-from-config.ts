/**
 * The channels EMAIL_MODE and SMS_MODE name, each behind its circuit breaker. `off` leaves the
 * channel out: the core then enqueues nothing of that kind (ADR 20).
 */
import type { InboundSmsVerifier, MessageChannels } from '@cws/core';
import { SendGridMailer } from '@cws/adapter-mail-sendgrid';
import { SmtpMailer } from '@cws/adapter-mail-smtp';
import { TwilioInboundSmsVerifier, TwilioSmsSender } from '@cws/adapter-sms-twilio';
import { HttpWebhookSender } from '@cws/adapter-webhook-http';
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
  const texter =
    sms.mode === 'twilio'
      ? new TwilioSmsSender({
          accountSid: needed(sms.twilio.accountSid, 'TWILIO_ACCOUNT_SID'),
          authToken: needed(sms.twilio.authToken, 'TWILIO_AUTH_TOKEN'),
          from: needed(sms.twilio.from, 'TWILIO_FROM'),
        })
      : sms.mode === 'log'
        ? new LogSmsSender(logger)
        : null;
  const secret = config.outbox.webhookSigningSecret;
  // Receivers on loopback or private networks only in dev and test (the SSRF guard stays on in prod).
  const webhook = secret === null ? null : new HttpWebhookSender({ signingSecret: secret, allowInsecureLocalhost: config.appEnv !== 'prod' });
  return { email: mailer, sms: texter, webhook };
}

/** Checks the signature of inbound texts (STOP/START) when Twilio is the SMS provider. */
export function inboundSmsVerifierFromConfig(config: Config): InboundSmsVerifier | null {
  const token = config.sms.twilio.authToken;
  return config.sms.mode === 'twilio' && token !== null ? new TwilioInboundSmsVerifier(token) : null;
}
