/**
 * TotpVerifier behaviour every implementation must share (RFC 6238: SHA-1, 6 digits, 30 s steps):
 * the RFC's own test vectors; the current step and one step back accepted, nothing older or newer;
 * a code refused once its step has been accepted (RFC 6238 §5.2 "MUST NOT accept the second
 * attempt"); malformed codes invalid without throwing; secrets of at least 160 bits, base32.
 *
 * Expected codes come from a small independent oracle below (node:crypto HMAC-SHA1 and our own
 * base32 decoder), never from the implementation under test. Time comes only from `at`.
 */
import { expect } from 'chai';
import { createHmac } from 'node:crypto';
import type { TotpVerifier } from '@cws/core';

// ---------------------------------------------------------------------------------------------
// The oracle: RFC 4648 base32 decoding and RFC 4226 HOTP over RFC 6238 time steps.
// ---------------------------------------------------------------------------------------------

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const PERIOD = 30;

/** RFC 4648 §6 base32 to bytes: 5 bits per character, "=" padding ignored, case-insensitive. */
function base32Decode(text: string): Buffer {
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of text.replace(/=+$/, '').toUpperCase()) {
    const value = BASE32_ALPHABET.indexOf(char);
    if (value < 0) throw new Error(`not base32: ${JSON.stringify(char)}`);
    buffer = ((buffer << 5) | value) & 0xffff; // never more than 12 bits are pending
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

/** RFC 4226 §5.3 HOTP: HMAC-SHA1 of the 8-byte big-endian counter, dynamic truncation, mod 10^digits. */
function hotp(key: Buffer, counter: number, digits: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f; // low 4 bits of the last byte
  const binary = mac.readUInt32BE(offset) & 0x7fffffff; // 31 bits, sign bit masked
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** RFC 6238 §4.2: the step of a Unix time (T0 = 0, X = 30 s). */
export function totpStep(at: Date): number {
  return Math.floor(Math.floor(at.getTime() / 1000) / PERIOD);
}

/** The code for `secret` (base32) at `step`, as any authenticator app would show it. */
export function totpCode(secret: string, step: number, digits = 6): string {
  return hotp(base32Decode(secret), step, digits);
}

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

/** RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890" (20 bytes). */
const RFC_SECRET_ASCII = '12345678901234567890';
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
/** Appendix B SHA-1 rows: Unix time and the published 8-digit TOTP. */
const RFC_VECTORS: ReadonlyArray<{ time: number; totp8: string }> = [
  { time: 59, totp8: '94287082' },
  { time: 1111111109, totp8: '07081804' },
  { time: 1111111111, totp8: '14050471' },
  { time: 1234567890, totp8: '89005924' },
  { time: 2000000000, totp8: '69279037' },
  { time: 20000000000, totp8: '65353130' },
];

/** 20 bytes ("Hello!\xde\xad\xbe\xef" twice), and another 20 ("The quick brown fox!") for the wrong-secret case. */
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const OTHER_SECRET = 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BB';
/** 17 seconds into a step, so neither edge of the step is involved unless a test says so. */
const NOW = new Date('2026-03-01T10:00:17.000Z');

export function totpVerifierContract(name: string, factory: () => TotpVerifier): void {
  describe(`${name}: TotpVerifier`, function () {
    let totp: TotpVerifier;
    const step = totpStep(NOW);
    const codeAt = (s: number, secret = SECRET) => totpCode(secret, s);
    const plus = (date: Date, seconds: number) => new Date(date.getTime() + seconds * 1000);

    beforeEach(function () {
      totp = factory();
    });

    describe('the oracle (checks this suite, not the implementation)', function () {
      it('decodes base32 and reproduces the 8-digit RFC 6238 Appendix B SHA-1 values', function () {
        expect(base32Decode(RFC_SECRET).toString('latin1')).to.equal(RFC_SECRET_ASCII);
        expect(base32Decode(SECRET)).to.have.length(20);
        expect(base32Decode(OTHER_SECRET).toString('latin1')).to.equal('The quick brown fox!');
        for (const { time, totp8 } of RFC_VECTORS) {
          expect(totpCode(RFC_SECRET, totpStep(new Date(time * 1000)), 8), `T=${time}`).to.equal(totp8);
        }
      });
    });

    describe('RFC 6238 Appendix B SHA-1 vectors, truncated to six digits', function () {
      for (const { time, totp8 } of RFC_VECTORS) {
        const code = totp8.slice(-6);
        it(`T=${time} accepts ${code} at step ${Math.floor(time / PERIOD)}`, async function () {
          const check = await totp.verify(RFC_SECRET, code, new Date(time * 1000), null);
          expect(check).to.deep.equal({ valid: true, step: Math.floor(time / PERIOD) });
        });
      }
    });

    describe('the window: the current step and one step back', function () {
      it('accepts the code of the step of `at` and returns that step', async function () {
        expect(await totp.verify(SECRET, codeAt(step), NOW, null)).to.deep.equal({ valid: true, step });
      });

      it('accepts the code of one step back (clock drift) and returns the older step', async function () {
        expect(await totp.verify(SECRET, codeAt(step - 1), NOW, null)).to.deep.equal({ valid: true, step: step - 1 });
      });

      it('refuses the code of two steps back', async function () {
        expect(await totp.verify(SECRET, codeAt(step - 2), NOW, null)).to.deep.equal({ valid: false, step: null });
      });

      it('refuses the code of one step forward', async function () {
        expect(await totp.verify(SECRET, codeAt(step + 1), NOW, null)).to.deep.equal({ valid: false, step: null });
      });

      it('at the first second of a step still accepts one step back, and at the last second refuses the next step', async function () {
        const start = new Date(step * PERIOD * 1000);
        const last = new Date((step * PERIOD + PERIOD) * 1000 - 1);
        expect(await totp.verify(SECRET, codeAt(step - 1), start, null)).to.deep.equal({ valid: true, step: step - 1 });
        expect(await totp.verify(SECRET, codeAt(step - 2), start, null)).to.deep.equal({ valid: false, step: null });
        expect(await totp.verify(SECRET, codeAt(step), last, null)).to.deep.equal({ valid: true, step });
        expect(await totp.verify(SECRET, codeAt(step + 1), last, null)).to.deep.equal({ valid: false, step: null });
      });

      it('takes the time only from `at`: the same code is refused an hour later', async function () {
        expect((await totp.verify(SECRET, codeAt(step), NOW, null)).valid).to.equal(true);
        expect(await totp.verify(SECRET, codeAt(step), plus(NOW, 3600), null)).to.deep.equal({ valid: false, step: null });
      });
    });

    describe('replay (RFC 6238 §5.2: a code works once)', function () {
      it('refuses the same code a second time when `afterStep` is the step accepted the first time', async function () {
        const first = await totp.verify(SECRET, codeAt(step), NOW, null);
        expect(first).to.deep.equal({ valid: true, step });
        expect(await totp.verify(SECRET, codeAt(step), plus(NOW, 5), first.step)).to.deep.equal({ valid: false, step: null });
      });

      it('refuses a one-step-back code once the current step has been accepted', async function () {
        expect(await totp.verify(SECRET, codeAt(step - 1), NOW, step)).to.deep.equal({ valid: false, step: null });
      });

      it('still accepts the current code when only the step before was accepted', async function () {
        expect(await totp.verify(SECRET, codeAt(step - 1), NOW, step - 1)).to.deep.equal({ valid: false, step: null });
        expect(await totp.verify(SECRET, codeAt(step), NOW, step - 1)).to.deep.equal({ valid: true, step });
      });

      it('accepts the next step’s code after one was used', async function () {
        const first = await totp.verify(SECRET, codeAt(step), NOW, null);
        expect(first.valid).to.equal(true);
        const later = await totp.verify(SECRET, codeAt(step + 1), plus(NOW, PERIOD), first.step);
        expect(later).to.deep.equal({ valid: true, step: step + 1 });
      });

      it('refuses every code, without throwing, when `afterStep` is ahead of `at` (clock set back)', async function () {
        expect(await totp.verify(SECRET, codeAt(step), NOW, step + 5)).to.deep.equal({ valid: false, step: null });
        expect(await totp.verify(SECRET, codeAt(step + 1), NOW, step + 5)).to.deep.equal({ valid: false, step: null });
      });
    });

    describe('malformed and wrong codes are invalid, never thrown', function () {
      const malformed: ReadonlyArray<[string, string]> = [
        ['empty', ''],
        ['five digits', '12345'],
        ['seven digits', '1234567'],
        ['letters', 'abcdef'],
        ['a leading space', ' 123456'],
        ['a trailing newline', '123456\n'],
        ['an Arabic-Indic digit (U+0666)', '12345\u0666'],
        ['full-width digits', '\uff11\uff12\uff13\uff14\uff15\uff16'],
        ['a sign', '-12345'],
      ];
      for (const [label, code] of malformed) {
        it(`${label}: ${JSON.stringify(code)}`, async function () {
          expect(await totp.verify(SECRET, code, NOW, null)).to.deep.equal({ valid: false, step: null });
        });
      }

      it('the current code of a different secret is invalid', async function () {
        const wrong = codeAt(step, OTHER_SECRET);
        // Rule out the one-in-a-million chance that the two secrets share a code in the window.
        expect([codeAt(step - 1), codeAt(step)]).not.to.include(wrong);
        expect(await totp.verify(SECRET, wrong, NOW, null)).to.deep.equal({ valid: false, step: null });
      });
    });

    describe('generateSecret', function () {
      it('gives base32 of at least 32 characters (160 bits), different each call', function () {
        const secrets = Array.from({ length: 8 }, () => totp.generateSecret());
        for (const secret of secrets) {
          expect(secret).to.match(/^[A-Z2-7]{32,}=*$/);
          expect(base32Decode(secret).length).to.be.at.least(20);
        }
        expect(new Set(secrets).size).to.equal(secrets.length);
      });

      it('gives a secret whose codes (computed by the oracle) verify', async function () {
        const secret = totp.generateSecret();
        expect(await totp.verify(secret, codeAt(step, secret), NOW, null)).to.deep.equal({ valid: true, step });
        expect(await totp.verify(secret, codeAt(step - 1, secret), NOW, null)).to.deep.equal({ valid: true, step: step - 1 });
      });
    });

    describe('keyUri', function () {
      it('is an otpauth://totp/ URI carrying the secret and the URL-encoded issuer and account', function () {
        const secret = totp.generateSecret();
        const issuer = 'Sparkle & Shine Cleaning';
        const account = 'ana+mfa@example.com';
        const uri = totp.keyUri(secret, account, issuer);
        expect(uri.startsWith('otpauth://totp/'), uri).to.equal(true);
        expect(uri).to.include(`secret=${secret}`);
        expect(uri).to.include(encodeURIComponent(issuer));
        expect(uri).to.include(encodeURIComponent(account));
        // Decoded, the issuer and the account read back as given.
        const parsed = new URL(uri);
        expect(parsed.searchParams.get('secret')).to.equal(secret);
        expect(decodeURIComponent(parsed.pathname)).to.include(account);
        expect(decodeURIComponent(parsed.href)).to.include(issuer);
      });
    });
  });
}
