/**
 * EMAIL_MODE=log (dev only; refused in prod): each message to an account goes to the log with
 * what its holder would do with it, so invitations and emailed resets can be tried without a mail
 * server. The tokens are credentials, which is why prod refuses this mode.
 */
import type { AccountMailer, AccountMessage } from '@cws/core';
import type { Logger } from './logger.js';

const ROUTE: Record<AccountMessage['kind'], string> = {
  invitation: 'POST /v1/auth/invitations/accept',
  password_reset: 'POST /v1/auth/password-reset/confirm',
  second_factor_reset: 'POST /v1/auth/2fa/reset/confirm',
};

export class LogAccountMailer implements AccountMailer {
  constructor(private readonly logger: Logger) {}

  async send(message: AccountMessage): Promise<{ delivered: boolean }> {
    this.logger.info(
      {
        email_mode: 'log',
        kind: message.kind,
        to: message.to,
        ...(message.kind === 'invitation' ? { org_name: message.orgName, role: message.role } : {}),
        expires_at: message.expiresAt.toISOString(),
        use: `${ROUTE[message.kind]} with {"token": "${message.token}"}`,
      },
      `Mail not sent (EMAIL_MODE=log): ${message.kind} to ${message.to}`,
    );
    return { delivered: true };
  }
}
