import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { SecretSealer } from '../ports/credentials.port.js';

/**
 * AES-256-GCM with a key derived (HKDF-SHA256) from a secret of the environment. Sealed text is
 * `v1.<iv>.<tag>.<ciphertext>` in base64url; the tag makes tampering or a wrong key fail loudly.
 */
export class AesGcmSecretSealer implements SecretSealer {
  private readonly key: Buffer;

  /** `purpose` separates keys: a secret sealed for one use never opens under another. */
  constructor(secret: string, purpose = 'secret-sealer:v1') {
    this.key = Buffer.from(hkdfSync('sha256', secret, 'cleanwithsnapshot', purpose, 32));
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  open(sealed: string): string {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== 'v1' || iv === undefined || tag === undefined || body === undefined) throw new Error('not a sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }
}
