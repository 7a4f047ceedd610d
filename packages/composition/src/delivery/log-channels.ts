/**
 * EMAIL_MODE=log and SMS_MODE=log (dev only; refused in prod): each message goes to the log as it
 * would read, so invitations, resets and notifications can be tried without a provider — through
 * the outbox like real mail, so what the log shows is what a provider would have been sent. The
 * text carries links and tokens, which is why prod refuses these modes.
 */
import type { EmailToSend, Mailer, SendReceipt, SmsSender, SmsToSend } from '@cws/core';
import type { Logger } from '../logger.js';

export class LogMailer implements Mailer {
  readonly provider = 'log';

  constructor(private readonly logger: Logger) {}

  async send(email: EmailToSend): Promise<SendReceipt> {
    this.logger.info(
      { email_mode: 'log', outbox_event_id: email.idempotencyId, org_id: email.orgId, template: email.template, to: email.to, subject: email.subject, text: email.text },
      `Mail not sent (EMAIL_MODE=log): ${email.template} to ${email.to}`,
    );
    return { providerMessageId: `log-${email.idempotencyId}` };
  }
}

export class LogSmsSender implements SmsSender {
  readonly provider = 'log';

  constructor(private readonly logger: Logger) {}

  async send(sms: SmsToSend): Promise<SendReceipt> {
    this.logger.info({ sms_mode: 'log', outbox_event_id: sms.idempotencyId, org_id: sms.orgId, to: sms.to, body: sms.body }, `Text not sent (SMS_MODE=log) to ${sms.to}`);
    return { providerMessageId: `log-${sms.idempotencyId}` };
  }
}
