/**
 * Time-based one-time passwords (RFC 6238: SHA-1, 6 digits, 30-second steps). Verification
 * accepts the current step and one step back for clock drift, and never a step at or before the
 * last one accepted for the same secret, so a code works once.
 */
export interface TotpCheck {
  readonly valid: boolean;
  /** The time step the code belongs to when valid (store it as the last accepted step). */
  readonly step: number | null;
}

export interface TotpVerifier {
  /** A new shared secret, base32, at least 160 bits from a CSPRNG. */
  generateSecret(): string;
  /** The `otpauth://totp/...` URI authenticator apps scan (issuer and account label). */
  keyUri(secret: string, account: string, issuer: string): string;
  /**
   * Checks `code` at `at`. Malformed codes (not six digits) are simply invalid, never thrown.
   * `afterStep`: the last step accepted for this secret; a code of that step or earlier is refused.
   */
  verify(secret: string, code: string, at: Date, afterStep: number | null): Promise<TotpCheck>;
}
