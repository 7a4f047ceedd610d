import { expect } from 'chai';
import { systemActor, type SystemContext } from '@cws/core';
import { DAY } from '../support/fixed-clock.js';
import { coreFixture, expectInvalid, T0, type CoreFixture } from '../support/core-fixture.js';

describe('PruneIdempotencyKeys', () => {
  let fx: CoreFixture;
  const jobSys = (): SystemContext => ({ actor: systemActor('idempotency-keys-prune'), requestId: 'req-prune', now: T0, reason: 'nightly prune' });

  beforeEach(() => {
    fx = coreFixture();
  });

  async function keys(orgId: string, expired: number, live: number): Promise<void> {
    const ctx = fx.ctx(orgId);
    const record = (key: string, expiresAt: Date) => ({ scope: 'booking.create', key, fingerprint: 'f', resourceId: fx.ids.next(), createdAt: new Date(expiresAt.getTime() - 2 * DAY), expiresAt });
    await fx.uow.run(ctx, async (repos) => {
      for (let i = 0; i < expired; i += 1) await repos.idempotency.claim(record(`expired-${i}`, new Date(T0.getTime() - DAY)));
      for (let i = 0; i < live; i += 1) await repos.idempotency.claim(record(`live-${i}`, new Date(T0.getTime() + DAY)));
    });
  }

  const remaining = (orgId: string) => fx.uow.run(fx.ctx(orgId), (repos) => repos.idempotency.deleteExpired(new Date(T0.getTime() + 2 * DAY), 100));

  it('deletes the expired keys of every org, in batches of the given size, and keeps the live ones', async () => {
    const a = await fx.newOrg('a');
    const b = await fx.newOrg('b');
    await keys(a, 5, 1);
    await keys(b, 2, 2);
    expect(await fx.core.ops.pruneIdempotencyKeys.execute(jobSys(), { batchSize: 2 })).to.deep.equal({ orgsScanned: 2, keysDeleted: 7 });
    expect([await remaining(a), await remaining(b)]).to.deep.equal([1, 2]);
  });

  it('runs with the default batch when given no options', async () => {
    const a = await fx.newOrg('a');
    await keys(a, 3, 0);
    expect(await fx.core.ops.pruneIdempotencyKeys.execute(jobSys())).to.deep.equal({ orgsScanned: 1, keysDeleted: 3 });
  });

  it('validation.failed for a batch size outside 1..10000 or an unknown option', async () => {
    for (const batchSize of [0, 10_001, 1.5]) await expectInvalid(fx.core.ops.pruneIdempotencyKeys.execute(jobSys(), { batchSize }), ['/batchSize']);
    await expectInvalid(fx.core.ops.pruneIdempotencyKeys.execute(jobSys(), { batch: 5 } as never), ['/batch']);
  });
});
