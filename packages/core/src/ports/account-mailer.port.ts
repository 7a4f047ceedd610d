/**
 * Mail to an account's address that proves control of it: invitations to join an org and
 * emailed resets. Delivery is at least once by whatever sits behind the port (the outbox once it
 * exists); a store without a mail transport answers `delivered: false` and the token stays
 * unused — an invitation then stays pending and links nothing.
 */
import type { Role } from '../access/roles.js';

export type AccountMessage =
  | {
      readonly kind: 'invitation';
      readonly to: string;
      readonly orgId: string;
      readonly orgName: string;
      readonly role: Role;
      /** Single use; the holder sends it to POST /v1/auth/invitations/accept. */
      readonly token: string;
      readonly expiresAt: Date;
    }
  | {
      readonly kind: 'password_reset' | 'second_factor_reset';
      readonly to: string;
      /** Single use; the holder sends it to the matching /confirm route. */
      readonly token: string;
      readonly expiresAt: Date;
    };

export interface AccountMailer {
  /** False when no mail transport is configured (nothing was sent, nothing will be). */
  send(message: AccountMessage): Promise<{ readonly delivered: boolean }>;
}
