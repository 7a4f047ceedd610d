/**
 * Judges a password a person chose. The composition wires a real estimator (zxcvbn with its
 * common-password dictionaries); the core's fallback only checks length and the obvious.
 */
export interface PasswordVerdict {
  readonly acceptable: boolean;
  /** Why it is refused, in words a person can act on; null when acceptable. */
  readonly problem: string | null;
  /** What would pass (e.g. "add another word or two"). */
  readonly suggestions: readonly string[];
}

export interface PasswordStrength {
  /**
   * `context`: words the password must not lean on — the email, its parts, the org's name, the
   * person's name. Called only with passwords of an allowed length.
   */
  assess(password: string, context: readonly string[]): PasswordVerdict;
}
