import { expect } from 'chai';
import { AppError, createCore, systemActor, type RequestContext, type TenantRepositories, type UnitOfWork } from '@cws/core';
import { createMemoryAdapters } from '@cws/adapter-memory';
import { expectAppError } from '../support/core-fixture.js';

/**
 * Holds the next `holds` units of work before they start (so before any database work), until
 * `release()`: searches that are "running" without the memory adapter serialising them.
 */
class HoldingUnitOfWork implements UnitOfWork {
  holds = 0;
  entered = 0;
  private opened!: () => void;
  private readonly gate = new Promise<void>((resolve) => {
    this.opened = resolve;
  });

  constructor(private readonly inner: UnitOfWork) {}

  release(): void {
    this.opened();
  }

  run<T>(ctx: RequestContext, work: (repos: TenantRepositories) => Promise<T>): Promise<T> {
    if (this.holds === 0) return this.inner.run(ctx, work);
    this.holds -= 1;
    this.entered += 1;
    return this.gate.then(() => this.inner.run(ctx, work));
  }
}

async function setup(search: { maxConcurrent: number; maxConcurrentPerOrg: number }) {
  const adapters = createMemoryAdapters();
  const uow = new HoldingUnitOfWork(adapters.uow);
  const core = createCore({ ...adapters, uow }, { search });
  const sys = { actor: systemActor('test-setup'), requestId: 'r', now: new Date(), reason: 'test' };
  const org = async (slug: string) => (await core.orgs.create.execute(sys, { name: slug, slug })).org.id;
  const ctx = (orgId: string): RequestContext => ({ orgId, actor: { kind: 'staff', id: 'u', role: 'admin' }, requestId: 'r', now: new Date() });
  return { core, uow, org, ctx };
}

describe('search admission (searches running at once)', () => {
  it('refuses a search over the per-org or the process cap at once with search.busy (429, retry after 1 s), and admits again when one ends', async () => {
    const { core, uow, org, ctx } = await setup({ maxConcurrent: 2, maxConcurrentPerOrg: 1 });
    const [a, b, c] = [await org('a'), await org('b'), await org('c')];
    uow.holds = 2;
    const first = core.leads.list.execute(ctx(a), { q: 'smith' });
    const second = core.clients.list.execute(ctx(b), { q: 'smith' });
    expect(uow.entered).to.equal(2);

    const sameOrg = await expectAppError(core.leads.list.execute(ctx(a), { q: 'smith' }), 'search.busy');
    expect([sameOrg.kind, sameOrg.retryAfterSeconds]).to.deep.equal(['rate_limited', 1]);
    await expectAppError(core.leads.list.execute(ctx(c), { q: 'smith' }), 'search.busy');
    await expectAppError(core.clients.list.execute(ctx(c), { q: 'smith' }), 'search.busy');
    expect(uow.entered, 'a refused search never reaches storage').to.equal(2);
    // A list without a search is not a search: it takes no slot and is not refused.
    expect((await core.leads.list.execute(ctx(a), {})).items).to.deep.equal([]);

    uow.release();
    await Promise.all([first, second]);
    expect((await core.leads.list.execute(ctx(a), { q: 'smith' })).items).to.deep.equal([]);
    expect((await core.clients.list.execute(ctx(c), { q: 'smith' })).items).to.deep.equal([]);
  });

  it('frees the slot when the search fails', async () => {
    const adapters = createMemoryAdapters();
    let fail = true;
    const failing: UnitOfWork = {
      run: (ctx, work) => (fail ? Promise.reject(new AppError('search.too_broad', 'over budget')) : adapters.uow.run(ctx, work)),
    };
    const core = createCore({ ...adapters, uow: failing }, { search: { maxConcurrent: 1, maxConcurrentPerOrg: 1 } });
    const ctx: RequestContext = { orgId: '0190a0b0-0000-7000-8000-000000000001', actor: { kind: 'staff', id: 'u', role: 'admin' }, requestId: 'r', now: new Date() };
    await expectAppError(core.clients.list.execute(ctx, { q: 'smith' }), 'search.too_broad');
    fail = false;
    expect((await core.clients.list.execute(ctx, { q: 'smith' })).items).to.deep.equal([]);
  });
});
