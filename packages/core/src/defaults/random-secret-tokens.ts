import { createHash, randomBytes } from 'node:crypto';
import type { SecretTokens } from '../ports/credentials.port.js';

/** CSPRNG tokens; stored as SHA-256 (high-entropy tokens need no slow hash). */
export class RandomSecretTokens implements SecretTokens {
  random(bytes = 32): string {
    return randomBytes(bytes).toString('base64url');
  }

  hash(token: string): string {
    return createHash('sha256').update(token, 'utf8').digest('hex');
  }
}
