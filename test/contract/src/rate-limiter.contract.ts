/**
 * RateLimiter behaviour every adapter must share: exactly `points` hits per window, then
 * refusals that say how long to wait; keys and bucket names are independent; `peek` answers what
 * the next hit would, spending nothing; `refund` gives one spent point back but never lifts a
 * block; `reset` gives the budget back; windows expire; a block that outlasts the window starts
 * at the first refused hit and keeps refusing after the window; parallel hits never overspend,
 * also when interleaved with refunds (spend first, refund on success: the login pattern). Bucket names carry a random suffix, so a shared store is fine.
 * Two tests wait on the clock (window expiry, block); both assert something that cannot happen
 * early by accident.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import type { RateBucket, RateDecision, RateLimiter } from '@cws/core';

export interface RateLimiterHarness {
  readonly limiter: RateLimiter;
  /** Releases what the factory opened (clients); the store may be shared. */
  dispose(): Promise<void>;
}

export interface RateLimiterCaps {
  /** Why the backend cannot run here (e.g. no REDIS_URL); the suite is skipped with it. */
  readonly unavailableReason?: string | null;
}

export function rateLimiterContract(
  name: string,
  factory: () => Promise<RateLimiterHarness>,
  caps: RateLimiterCaps = {},
): void {
  describe(`${name}: RateLimiter`, function () {
    let h: RateLimiterHarness;

    before(async function () {
      if (caps.unavailableReason) this.skip();
      h = await factory();
    });
    after(async () => {
      if (h) await h.dispose();
    });
    if (caps.unavailableReason) {
      it(`is skipped: ${caps.unavailableReason}`, function () {
        this.skip();
      });
      return;
    }

    const bucket = (label: string, rest: Omit<RateBucket, 'name'>): RateBucket => ({
      name: `contract-${label}-${randomUUID().slice(0, 8)}`,
      ...rest,
    });
    const key = () => `key-${randomUUID()}`;
    const hits = async (b: RateBucket, k: string, n: number): Promise<RateDecision[]> => {
      const out: RateDecision[] = [];
      for (let i = 0; i < n; i += 1) out.push(await h.limiter.hit(b, k));
      return out;
    };
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

    it('allows exactly `points` hits, counting down, then refuses until the window ends', async () => {
      const b = bucket('exact', { points: 3, windowSeconds: 60 });
      const k = key();
      const allowed = await hits(b, k, 3);
      expect(allowed).to.deep.equal([
        { allowed: true, remaining: 2, retryAfterSeconds: 0 },
        { allowed: true, remaining: 1, retryAfterSeconds: 0 },
        { allowed: true, remaining: 0, retryAfterSeconds: 0 },
      ]);
      for (const refused of await hits(b, k, 2)) {
        expect(refused.allowed).to.equal(false);
        expect(refused.remaining).to.equal(0);
        expect(refused.retryAfterSeconds).to.be.greaterThan(0).and.at.most(60);
      }
    });

    it('refuses for `blockSeconds`, not the window, once a blocking bucket is spent', async () => {
      const b = bucket('blocking', { points: 2, windowSeconds: 60, blockSeconds: 600 });
      const k = key();
      expect((await hits(b, k, 2)).map((d) => d.allowed)).to.deep.equal([true, true]);
      const refused = await h.limiter.hit(b, k);
      expect(refused.allowed).to.equal(false);
      expect(refused.retryAfterSeconds).to.be.greaterThan(60).and.at.most(600);
    });

    it('keeps keys independent', async () => {
      const b = bucket('keys', { points: 2, windowSeconds: 60 });
      const [spent, other] = [key(), key()];
      await hits(b, spent, 2);
      expect((await h.limiter.hit(b, spent)).allowed).to.equal(false);
      expect(await h.limiter.hit(b, other)).to.deep.equal({ allowed: true, remaining: 1, retryAfterSeconds: 0 });
    });

    it('keeps buckets with the same key but different names independent', async () => {
      const first = bucket('names-a', { points: 2, windowSeconds: 60 });
      const second = bucket('names-b', { points: 2, windowSeconds: 60 });
      const k = key();
      await hits(first, k, 2);
      expect((await h.limiter.hit(first, k)).allowed).to.equal(false);
      expect(await h.limiter.hit(second, k)).to.deep.equal({ allowed: true, remaining: 1, retryAfterSeconds: 0 });
    });

    it('peeks without spending, answering what the next hit would', async () => {
      const b = bucket('peek', { points: 3, windowSeconds: 60 });
      const k = key();
      for (let i = 0; i < 10; i += 1) {
        expect(await h.limiter.peek(b, k)).to.deep.equal({ allowed: true, remaining: 2, retryAfterSeconds: 0 });
      }
      await h.limiter.hit(b, k);
      const peeked = await h.limiter.peek(b, k);
      expect(peeked).to.deep.equal({ allowed: true, remaining: 1, retryAfterSeconds: 0 });
      expect(await h.limiter.hit(b, k)).to.deep.equal(peeked);
      await h.limiter.peek(b, k);
      expect((await h.limiter.hit(b, k)).allowed).to.equal(true);

      const spent = await h.limiter.peek(b, k);
      expect(spent.allowed).to.equal(false);
      expect(spent.remaining).to.equal(0);
      expect(spent.retryAfterSeconds).to.be.greaterThan(0).and.at.most(60);
    });

    it('gives the full budget back on reset, also to a blocked key', async () => {
      const b = bucket('reset', { points: 2, windowSeconds: 60, blockSeconds: 600 });
      const k = key();
      await hits(b, k, 3);
      expect((await h.limiter.peek(b, k)).allowed).to.equal(false);
      await h.limiter.reset(b, k);
      expect(await h.limiter.peek(b, k)).to.deep.equal({ allowed: true, remaining: 1, retryAfterSeconds: 0 });
      expect((await hits(b, k, 2)).map((d) => d.allowed)).to.deep.equal([true, true]);
      expect((await h.limiter.hit(b, k)).allowed).to.equal(false);
      await h.limiter.reset(b, key()); // an unknown key is no error
    });

    it('gives the budget back once the window has passed', async () => {
      const b = bucket('window', { points: 2, windowSeconds: 1 });
      const k = key();
      await hits(b, k, 2);
      const refused = await h.limiter.hit(b, k);
      expect(refused.allowed).to.equal(false);
      expect(refused.retryAfterSeconds).to.equal(1);
      await sleep(1200);
      expect(await h.limiter.hit(b, k)).to.deep.equal({ allowed: true, remaining: 1, retryAfterSeconds: 0 });
    });

    it('keeps refusing past the window while the block started by a refused hit lasts', async () => {
      const b = bucket('block', { points: 2, windowSeconds: 1, blockSeconds: 3 });
      const k = key();
      expect((await hits(b, k, 3)).map((d) => d.allowed)).to.deep.equal([true, true, false]);
      await sleep(1300);
      const peeked = await h.limiter.peek(b, k);
      expect(peeked.allowed).to.equal(false);
      expect(peeked.retryAfterSeconds).to.be.at.least(1).and.at.most(3);
      const refused = await h.limiter.hit(b, k);
      expect(refused.allowed).to.equal(false);
      expect(refused.retryAfterSeconds).to.be.at.least(1).and.at.most(3);
    });

    it('gives one spent point back on refund, never more than was spent', async () => {
      const b = bucket('refund', { points: 2, windowSeconds: 60, blockSeconds: 600 });
      const k = key();
      await h.limiter.refund(b, k); // nothing spent: no credit
      expect((await hits(b, k, 2)).map((d) => d.remaining)).to.deep.equal([1, 0]);
      await h.limiter.refund(b, k);
      expect(await h.limiter.peek(b, k)).to.deep.equal({ allowed: true, remaining: 0, retryAfterSeconds: 0 });
      expect(await h.limiter.hit(b, k)).to.deep.equal({ allowed: true, remaining: 0, retryAfterSeconds: 0 });
      expect((await h.limiter.hit(b, k)).allowed).to.equal(false);
    });

    it('does not lift a block on refund', async () => {
      const b = bucket('refund-block', { points: 2, windowSeconds: 60, blockSeconds: 600 });
      const k = key();
      expect((await hits(b, k, 3)).map((d) => d.allowed)).to.deep.equal([true, true, false]);
      await h.limiter.refund(b, k);
      await h.limiter.refund(b, k);
      const refused = await h.limiter.hit(b, k);
      expect(refused.allowed).to.equal(false);
      expect(refused.retryAfterSeconds).to.be.greaterThan(60);
    });

    it('lets at most `points` of many concurrent spend-then-check attempts through, refunds included', async () => {
      const b = bucket('reserve', { points: 10, windowSeconds: 60, blockSeconds: 600 });
      const k = key();
      // 60 attempts at once, each spending before it checks; the ones that "succeed" (every
      // third) refund. At most 10 may ever hold a point at the same moment.
      let holding = 0;
      let most = 0;
      const attempt = async (i: number) => {
        const decision = await h.limiter.hit(b, k);
        if (!decision.allowed) return false;
        holding += 1;
        most = Math.max(most, holding);
        await sleep(5);
        holding -= 1;
        if (i % 3 === 0) await h.limiter.refund(b, k);
        return true;
      };
      const admitted = (await Promise.all(Array.from({ length: 60 }, (_, i) => attempt(i)))).filter(Boolean).length;
      expect(most).to.be.at.most(10);
      expect(admitted).to.be.at.least(10).and.at.most(20);
    });

    it('allows exactly `points` of many parallel hits', async () => {
      const b = bucket('parallel', { points: 10, windowSeconds: 60 });
      const k = key();
      const decisions = await Promise.all(Array.from({ length: 50 }, () => h.limiter.hit(b, k)));
      expect(decisions.filter((d) => d.allowed)).to.have.length(10);
      expect(decisions.filter((d) => d.allowed).map((d) => d.remaining).sort((x, y) => x - y)).to.deep.equal([
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
      ]);
    });
  });
}
