import { expect } from 'chai';
import { newPasswordRefusal } from '@cws/core';
import { ZxcvbnPasswordStrength } from '../src/index.js';

const strength = new ZxcvbnPasswordStrength();

/** The refusal a person sees, through the core's rule (length first, then the estimator). */
function refusal(password: string, context: string[] = []): string | null {
  return newPasswordRefusal(password, strength, context);
}

describe('ZxcvbnPasswordStrength', () => {
  for (const weak of ['aaaaaaaaaaaa', '111111111111', '            ', 'Summer2026!!', 'iloveyou1234', 'qwertyuiop123']) {
    it(`refuses ${JSON.stringify(weak)} and says why and what would pass`, () => {
      const why = refusal(weak);
      expect(why, weak).to.be.a('string');
      expect(why).to.match(/too easy to guess|only spaces/);
    });
  }

  it('names the pattern it found and suggests what would pass', () => {
    const why = refusal('iloveyou1234')!;
    expect(why).to.include('similar to a commonly used password');
    expect(why).to.match(/tries/);
    expect(why).to.match(/Add more words/);
  });

  it('refuses a password built on the email and the org name it is given as context', () => {
    const context = ['olga.petrova@sparkle.example', 'olga', 'petrova', 'sparkle', 'shine'];
    expect(refusal('olgapetrova2026', context)).to.be.a('string');
    expect(refusal('SparkleShine2026', context)).to.be.a('string');
    // The same shape without the person's words is strong enough.
    expect(refusal('ZyqurvexPlonta2026', context)).to.equal(null);
  });

  it('accepts long passphrases and random passwords', () => {
    for (const good of ['correct horse battery staple', 'Another-Long-Passphrase-9', 'kettle-violin-sunrise', 'p8#Qz!r2Lw9@xT4m']) {
      expect(refusal(good), good).to.equal(null);
    }
  });

  it('says how long a password must be before the estimator runs', () => {
    expect(refusal('Sh0rt!')).to.match(/^must have at least 12 characters/);
    expect(refusal('x'.repeat(257))).to.match(/at most 256/);
  });
});
