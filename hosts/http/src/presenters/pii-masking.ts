/**
 * What a VIEWER sees of personal data: enough to recognise a record (the name, the town, the
 * email's domain, the phone's last two digits), not enough to contact or visit someone. Street
 * lines, access notes (door codes, key safes) and free-text notes are withheld entirely.
 */
import type { RequestContext } from '@cws/core';

export interface PresentOptions {
  readonly maskPii: boolean;
}

export const FULL_VIEW: PresentOptions = { maskPii: false };

/** Viewers get masked personal data; every other role sees it whole. */
export function piiPolicy(ctx: RequestContext): PresentOptions {
  return { maskPii: ctx.actor.role === 'viewer' };
}

export const MASK = '***';

export function maskEmail(email: string | null): string | null {
  if (email === null) return null;
  const at = email.lastIndexOf('@');
  return at <= 0 ? MASK : `${email[0]}${MASK}${email.slice(at)}`;
}

export function maskPhone(phone: string | null): string | null {
  if (phone === null) return null;
  const digits = phone.replace(/\D/g, '');
  return digits.length <= 2 ? MASK : `${MASK}${digits.slice(-2)}`;
}

export function maskText(text: string | null): string | null {
  return text === null ? null : MASK;
}
