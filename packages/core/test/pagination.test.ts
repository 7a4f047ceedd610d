import { expect } from 'chai';
import { AppError, decodeCursor, encodeCursor, pageFrom } from '@cws/core';

describe('pagination', () => {
  it('round-trips a cursor', () => {
    const key = { createdAt: new Date('2026-01-02T03:04:05.678Z'), id: '0f8c2f6e-6d1f-4c1e-9a59-6c3f1b3a2b10' };
    expect(decodeCursor(encodeCursor(key))).to.deep.equal(key);
  });

  it('rejects a forged cursor with a validation error on /cursor', () => {
    const forged = Buffer.from(JSON.stringify(['yesterday', 'not-a-uuid'])).toString('base64url');
    try {
      decodeCursor(forged);
      expect.fail('decodeCursor accepted a forged cursor');
    } catch (err) {
      expect(err).to.be.instanceOf(AppError);
      expect((err as AppError).errors[0]?.pointer).to.equal('/cursor');
    }
  });

  it('gives a next cursor only when more rows than the limit came back', () => {
    const rows = [3, 2, 1].map((n) => ({ createdAt: new Date(n * 1000), id: `00000000-0000-4000-8000-00000000000${n}` }));
    expect(pageFrom(rows, 3).nextCursor).to.equal(null);
    const page = pageFrom(rows, 2);
    expect(page.items).to.have.length(2);
    expect(decodeCursor(page.nextCursor!).id).to.equal(rows[1]!.id);
  });
});
