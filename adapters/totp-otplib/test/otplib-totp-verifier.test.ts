/**
 * What the TotpVerifier contract cannot show about the otplib adapter: the exact secret and URI
 * otplib produces, the inputs otplib would throw on (translated or refused here), and programmer
 * errors that must not turn into a silent "invalid".
 */
import { expect } from 'chai';
import { AppError } from '@cws/core';
import { caught, totpCode } from '@cws/contract-tests';
import { OtplibTotpVerifier } from '@cws/adapter-totp-otplib';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const at = (seconds: number) => new Date(seconds * 1000);

describe('OtplibTotpVerifier', () => {
  const totp = new OtplibTotpVerifier();

  it('generates 20-byte secrets: exactly 32 base32 characters, no padding', () => {
    expect(totp.generateSecret()).to.match(/^[A-Z2-7]{32}$/);
  });

  it('writes the otpauth URI otplib documents, with the SHA-1/6/30 defaults left implicit', () => {
    expect(totp.keyUri(SECRET, 'alice@example.com', 'Acme Inc')).to.equal(
      `otpauth://totp/Acme%20Inc:alice%40example.com?secret=${SECRET}&issuer=Acme%20Inc`,
    );
  });

  it('accepts a lower-case secret (otplib normalises it)', async () => {
    const code = totpCode(SECRET, 1);
    expect(await totp.verify(SECRET.toLowerCase(), code, at(59), null)).to.deep.equal({ valid: true, step: 1 });
  });

  it('works in step 0, where there is no step before', async () => {
    expect(await totp.verify(SECRET, totpCode(SECRET, 0), at(10), null)).to.deep.equal({ valid: true, step: 0 });
    expect(await totp.verify(SECRET, totpCode(SECRET, 1), at(10), null)).to.deep.equal({ valid: false, step: null });
  });

  it('uses whole seconds of `at`: 59.999 s is still step 1', async () => {
    expect(await totp.verify(SECRET, totpCode(SECRET, 1), new Date(59_999), null)).to.deep.equal({ valid: true, step: 1 });
    expect(await totp.verify(SECRET, totpCode(SECRET, 2), new Date(59_999), null)).to.deep.equal({ valid: false, step: null });
  });

  describe('afterStep values otplib would throw on', () => {
    const now = at(10 * 30 + 5); // step 10

    it('treats a negative afterStep as no step accepted yet', async () => {
      expect(await totp.verify(SECRET, totpCode(SECRET, 10), now, -1)).to.deep.equal({ valid: true, step: 10 });
    });

    it('rounds a fractional afterStep down: 9.5 refuses step 9 and accepts step 10', async () => {
      expect(await totp.verify(SECRET, totpCode(SECRET, 9), now, 9.5)).to.deep.equal({ valid: false, step: null });
      expect(await totp.verify(SECRET, totpCode(SECRET, 10), now, 9.5)).to.deep.equal({ valid: true, step: 10 });
    });

    it('refuses everything for an afterStep far in the future or Infinity', async () => {
      expect(await totp.verify(SECRET, totpCode(SECRET, 10), now, 1e12)).to.deep.equal({ valid: false, step: null });
      expect(await totp.verify(SECRET, totpCode(SECRET, 10), now, Number.POSITIVE_INFINITY)).to.deep.equal({ valid: false, step: null });
    });
  });

  describe('programmer errors throw instead of reading as "invalid"', () => {
    it('an invalid Date', async () => {
      const error = await caught(() => totp.verify(SECRET, '123456', new Date(Number.NaN), null));
      expect(error).to.be.instanceOf(TypeError);
    });

    it('a time before 1970', async () => {
      const error = await caught(() => totp.verify(SECRET, '123456', new Date(-1000), null));
      expect(error).to.be.instanceOf(RangeError);
    });

    it('a NaN afterStep (it would otherwise switch replay protection off)', async () => {
      const error = await caught(() => totp.verify(SECRET, totpCode(SECRET, 1), at(59), Number.NaN));
      expect(error).to.be.instanceOf(TypeError);
    });
  });

  describe('a stored secret otplib cannot use', () => {
    const cases: ReadonlyArray<[string, string, string]> = [
      ['10 bytes, under otplib’s 16-byte minimum', 'JBSWY3DPEHPK3PXP', 'SecretTooShortError'],
      ['not base32', 'NOT-BASE32-NOT-BASE32-NOT-BASE32', 'Error'],
    ];
    for (const [label, secret, vendorName] of cases) {
      it(`${label}: an internal.unexpected AppError, without the secret in its message`, async () => {
        const error = await caught(() => totp.verify(secret, '123456', at(59), null));
        expect(error).to.be.instanceOf(AppError);
        expect(error).to.include({ code: 'internal.unexpected', kind: 'internal' });
        expect((error as AppError).message).not.to.include(secret);
        expect((error as AppError).details).to.deep.equal({ reason: vendorName });
      });
    }

    it('a malformed code is still simply invalid, whatever the secret', async () => {
      expect(await totp.verify('JBSWY3DPEHPK3PXP', '12345', at(59), null)).to.deep.equal({ valid: false, step: null });
    });
  });
});
