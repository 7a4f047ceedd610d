/**
 * The TotpVerifier port on otplib 13: RFC 6238 with SHA-1, six digits and 30-second steps.
 *
 * Behaviour the port promises and otplib does not give by default, handled here:
 * - otplib THROWS on a malformed token (TokenLengthError, TokenFormatError); the port says such a
 *   code is simply invalid, so the shape is checked first (exactly six ASCII digits).
 * - otplib's default window is the current step only; `epochTolerance: [PERIOD, 0]` widens it to
 *   exactly one step back and none forward.
 * - otplib THROWS when `afterTimeStep` is past the newest step in the window (for example after
 *   the server clock was set back); every code is refused then, so that case is answered here.
 * - otplib reads the wall clock when no `epoch` is given; the epoch always comes from `at`.
 * No otplib type or error crosses the port: a secret otplib cannot use (not base32, too short) is
 * stored data we cannot trust and becomes an `internal.unexpected` AppError.
 */
import { AppError, type TotpCheck, type TotpVerifier } from '@cws/core';
import { generateSecret, generateURI, verify } from 'otplib';

const PERIOD_SECONDS = 30;
const DIGITS = 6;
/** 160 bits: RFC 4226 §4 recommends it (128 is the minimum). Base32 of 20 bytes is 32 characters. */
const SECRET_BYTES = 20;
/** Exactly six ASCII digits. `\d` would also be ASCII-only in JS, but this says so. */
const CODE_SHAPE = /^[0-9]{6}$/;

const INVALID: TotpCheck = Object.freeze({ valid: false, step: null });

export class OtplibTotpVerifier implements TotpVerifier {
  generateSecret(): string {
    // otplib's default crypto plugin draws from crypto.getRandomValues (a CSPRNG).
    return generateSecret({ length: SECRET_BYTES });
  }

  /**
   * `otpauth://totp/<issuer>:<account>?secret=...&issuer=...`. Note the Key URI format forbids a
   * colon inside the issuer or the account: otplib leaves such a colon unencoded in the label.
   */
  keyUri(secret: string, account: string, issuer: string): string {
    return generateURI({ secret, label: account, issuer, algorithm: 'sha1', digits: DIGITS, period: PERIOD_SECONDS });
  }

  async verify(secret: string, code: string, at: Date, afterStep: number | null): Promise<TotpCheck> {
    const epoch = epochSeconds(at);
    const currentStep = Math.floor(epoch / PERIOD_SECONDS);
    const floor = lastRefusedStep(afterStep);
    if (!CODE_SHAPE.test(code)) return INVALID;
    // Every step in the window [currentStep - 1, currentStep] is at or before `floor`.
    if (floor !== null && floor >= currentStep) return INVALID;

    // Not otplib's exported `VerifyResult`: that is the TOTP-only type, narrower than this union.
    let result: Awaited<ReturnType<typeof verify>>;
    try {
      result = await verify({
        secret,
        token: code,
        algorithm: 'sha1',
        digits: DIGITS,
        period: PERIOD_SECONDS,
        epoch,
        epochTolerance: [PERIOD_SECONDS, 0],
        ...(floor !== null && floor >= 0 ? { afterTimeStep: floor } : {}),
      });
    } catch (error) {
      throw new AppError('internal.unexpected', 'The stored TOTP secret could not be used', {
        cause: error,
        details: { reason: error instanceof Error ? error.name : 'unknown' },
      });
    }
    // The functional API's result type also covers HOTP, whose success has no `timeStep`.
    if (!result.valid || !('timeStep' in result)) return INVALID;
    const step = result.timeStep;
    // The window and the floor are otplib's to enforce; re-checked because they are the security
    // property of this port and cost nothing.
    if (step < currentStep - 1 || step > currentStep || (floor !== null && step <= floor)) return INVALID;
    return { valid: true, step };
  }
}

/** Whole Unix seconds of `at`. An invalid or pre-1970 date is a programmer error. */
function epochSeconds(at: Date): number {
  const ms = at instanceof Date ? at.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new TypeError('TotpVerifier.verify: `at` must be a valid Date');
  if (ms < 0) throw new RangeError('TotpVerifier.verify: `at` must not be before 1970-01-01');
  return Math.floor(ms / 1000);
}

/**
 * The highest step to refuse, or null for none. A fractional value refuses the whole steps at or
 * below it; NaN is a programmer error (silently accepting everything would defeat replay checks).
 */
function lastRefusedStep(afterStep: number | null): number | null {
  if (afterStep === null) return null;
  if (typeof afterStep !== 'number' || Number.isNaN(afterStep)) {
    throw new TypeError('TotpVerifier.verify: `afterStep` must be a number or null');
  }
  return Math.floor(afterStep);
}
