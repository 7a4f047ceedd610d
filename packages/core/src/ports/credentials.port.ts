/** Password hashing with a memory-hard KDF. Hashes carry their own parameters and salt. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** Constant-time comparison; false (never a throw) for a malformed hash. */
  verify(hash: string, password: string): Promise<boolean>;
}

/** Encrypts small secrets at rest (TOTP seeds) with a key from the environment. */
export interface SecretSealer {
  seal(plain: string): string;
  /** Throws when the sealed text was tampered with or sealed under another key (e.g. MFA_SECRET_KEY rotated). */
  open(sealed: string): string;
}

/** Opaque random tokens (refresh, break-glass, temporary passwords) and their stored hashes. */
export interface SecretTokens {
  /** base64url of `bytes` random bytes from a CSPRNG (default 32: 256 bits). */
  random(bytes?: number): string;
  /** SHA-256 hex of a token, for storage and lookup. */
  hash(token: string): string;
  /**
   * HMAC-SHA256 hex under a server key, for recording a low-entropy value (an email) so that
   * records can be matched without the value being recoverable from them.
   */
  fingerprint(value: string): string;
}
