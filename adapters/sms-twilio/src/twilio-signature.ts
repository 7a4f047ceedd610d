/**
 * Checks that an inbound request (a reply texted to our number) really comes from Twilio: the
 * `X-Twilio-Signature` header is an HMAC of the URL Twilio called and the posted form fields
 * under our auth token, checked by the SDK (constant-time).
 */
import type { InboundSmsVerifier } from '@cws/core';
import twilio from 'twilio';

/**
 * True when `signature` signs `url` (exactly as configured in Twilio's console, query included)
 * and `params` (the form fields) under `authToken`; false for anything else, never a throw.
 */
export function verifyTwilioSignature(authToken: string, url: string, params: Readonly<Record<string, string>>, signature: string | null | undefined): boolean {
  if (authToken === '' || typeof signature !== 'string' || signature === '') return false;
  try {
    return twilio.validateRequest(authToken, signature, url, { ...params });
  } catch {
    // A URL the SDK cannot parse: not a request we signed up for.
    return false;
  }
}

/** The InboundSmsVerifier port for Twilio's inbound message webhooks. */
export class TwilioInboundSmsVerifier implements InboundSmsVerifier {
  readonly provider = 'twilio';
  readonly signatureHeader = 'X-Twilio-Signature';

  constructor(private readonly authToken: string) {}

  verify(url: string, params: Readonly<Record<string, string>>, signature: string | null): boolean {
    return verifyTwilioSignature(this.authToken, url, params, signature);
  }
}
