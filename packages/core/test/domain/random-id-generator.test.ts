import { expect } from 'chai';
import { RandomIdGenerator, isUuid } from '@cws/core';

describe('RandomIdGenerator (UUIDv7)', () => {
  it('makes valid version-7, variant-10 UUIDs carrying the current millisecond', () => {
    const before = Date.now();
    const id = new RandomIdGenerator().next();
    const after = Date.now();
    expect(isUuid(id)).to.equal(true);
    expect(id[14]).to.equal('7');
    expect(['8', '9', 'a', 'b']).to.include(id[19]);
    const ms = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(ms).to.be.within(before, after + 1);
  });

  it('keeps ids strictly increasing, also many within one millisecond', () => {
    const ids = new RandomIdGenerator();
    const made = Array.from({ length: 20_000 }, () => ids.next());
    for (let i = 1; i < made.length; i += 1) expect(made[i]! > made[i - 1]!, `${made[i - 1]} < ${made[i]}`).to.equal(true);
    expect(new Set(made).size).to.equal(made.length);
  });
});
