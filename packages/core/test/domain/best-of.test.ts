import { expect } from 'chai';
import { bestOf } from '../../src/domain/shared/best-of.js';

describe('bestOf', () => {
  const byValue = (a: { v: number }, b: { v: number }) => a.v - b.v;

  it('equals the first n of a full stable sort, for any n and input (ties keep input order)', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 200; round++) {
      const items = Array.from({ length: Math.floor(random() * 60) }, (_, i) => ({ v: Math.floor(random() * 10), i }));
      const n = Math.floor(random() * 70);
      expect(bestOf(items, n, byValue), `round ${round}`).to.deep.equal([...items].sort(byValue).slice(0, n));
    }
  });

  it('answers nothing for n ≤ 0 and everything, sorted, for n above the count', () => {
    expect(bestOf([{ v: 2 }, { v: 1 }], 0, byValue)).to.deep.equal([]);
    expect(bestOf([{ v: 2 }, { v: 1 }], -1, byValue)).to.deep.equal([]);
    expect(bestOf([{ v: 2 }, { v: 1 }], 5, byValue)).to.deep.equal([{ v: 1 }, { v: 2 }]);
  });
});
