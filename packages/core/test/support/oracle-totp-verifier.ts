import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { TotpCheck, TotpVerifier } from '@cws/core';
import { totpCode, totpStep } from '@cws/contract-tests';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32Encode(bytes: Buffer): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += BASE32[(buffer >> bits) & 31];
    }
  }
  return bits > 0 ? out + BASE32[(buffer << (5 - bits)) & 31] : out;
}

/**
 * The TotpVerifier port for core unit tests (the otplib adapter is not a dependency of the core).
 * Codes come from the contract suite's RFC 6238 oracle; the window and replay rules are the
 * port's: the step of `at` and one step back, never a step at or before `afterStep`.
 * mfa.test.ts runs the TotpVerifier contract on it, so it cannot drift from the real adapter.
 */
export class OracleTotpVerifier implements TotpVerifier {
  generateSecret(): string {
    return base32Encode(randomBytes(20));
  }

  keyUri(secret: string, account: string, issuer: string): string {
    const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
    return `otpauth://totp/${label}?secret=${secret}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=6&period=30`;
  }

  async verify(secret: string, code: string, at: Date, afterStep: number | null): Promise<TotpCheck> {
    if (!/^[0-9]{6}$/.test(code)) return { valid: false, step: null };
    const now = totpStep(at);
    for (const step of [now, now - 1]) {
      if (afterStep !== null && step <= afterStep) continue;
      if (timingSafeEqual(Buffer.from(totpCode(secret, step)), Buffer.from(code))) return { valid: true, step };
    }
    return { valid: false, step: null };
  }
}

/** The code an authenticator app shows for `secret` at `at`. */
export function codeAt(secret: string, at: Date): string {
  return totpCode(secret, totpStep(at));
}

/** A six-digit code that is not valid for `secret` at `at` (nor one step back). */
export function wrongCodeAt(secret: string, at: Date): string {
  const valid = new Set([codeAt(secret, at), totpCode(secret, totpStep(at) - 1)]);
  for (let n = 0; ; n += 1) {
    const candidate = String(n).padStart(6, '0');
    if (!valid.has(candidate)) return candidate;
  }
}

export { totpStep };
