import { createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { SecretTokens } from '../ports/credentials.port.js';

/**
 * CSPRNG tokens; stored as SHA-256 (high-entropy tokens need no slow hash). Fingerprints of
 * low-entropy values (emails in the system audit) are HMAC-SHA256 under a key derived from a
 * server secret: a bare hash of an email is reversed by hashing a list of addresses.
 */
export class RandomSecretTokens implements SecretTokens {
  readonly #fingerprintKey: Buffer;

  /** `serverSecret`: e.g. AUTH_SECRET_KEY; without one, a random key (fingerprints then match only within this process). */
  constructor(options: { serverSecret?: string } = {}) {
    this.#fingerprintKey =
      options.serverSecret === undefined
        ? randomBytes(32)
        : Buffer.from(hkdfSync('sha256', options.serverSecret, 'cleanwithsnapshot', 'audit-fingerprint:v1', 32));
  }

  random(bytes = 32): string {
    return randomBytes(bytes).toString('base64url');
  }

  hash(token: string): string {
    return createHash('sha256').update(token, 'utf8').digest('hex');
  }

  fingerprint(value: string): string {
    return createHmac('sha256', this.#fingerprintKey).update(value, 'utf8').digest('hex');
  }
}
