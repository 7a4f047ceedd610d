import { expect } from 'chai';
import type { Lead } from '@cws/core';
import { MINUTE } from '../support/fixed-clock.js';
import { coreFixture, expectInvalid, T0, type CoreFixture } from '../support/core-fixture.js';

describe('ListLeads', () => {
  let fx: CoreFixture;
  let orgId: string;

  beforeEach(async () => {
    fx = coreFixture();
    orgId = await fx.newOrg('acme');
  });

  /** Creates one lead per entry, a minute apart (clock advances), and returns them oldest first. */
  async function seed(entries: Array<{ name: string; email?: string; phone?: string; status?: string }>): Promise<Lead[]> {
    const leads: Lead[] = [];
    for (const e of entries) {
      fx.clock.advance(MINUTE);
      leads.push(await fx.core.leads.create.execute(fx.ctx(orgId), ({ email: `${e.name.toLowerCase()}@example.com`, ...e } as never)));
    }
    return leads;
  }

  async function walk(input: Record<string, unknown>, limit: number): Promise<string[][]> {
    const pages: string[][] = [];
    let cursor: string | undefined;
    for (let guard = 0; guard < 50; guard += 1) {
      const page = await fx.core.leads.list.execute(fx.ctx(orgId), { ...input, limit, ...(cursor === undefined ? {} : { cursor }) });
      pages.push(page.items.map((l) => l.id));
      if (page.nextCursor === null) return pages;
      cursor = page.nextCursor;
    }
    throw new Error('pagination did not end');
  }

  it('returns the newest first and pages through every row exactly once', async () => {
    const leads = await seed(['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((name) => ({ name })));
    const ids = leads.map((l) => l.id).reverse();
    expect(await walk({}, 3)).to.deep.equal([ids.slice(0, 3), ids.slice(3, 6), ids.slice(6)]);
  });

  it('ends with a null cursor when the last page is exactly full', async () => {
    const leads = await seed(['A', 'B', 'C', 'D'].map((name) => ({ name })));
    const ids = leads.map((l) => l.id).reverse();
    expect(await walk({}, 2)).to.deep.equal([ids.slice(0, 2), ids.slice(2, 4)]);
  });

  it('pages correctly through rows that share one created_at (id breaks the tie)', async () => {
    const leads: Lead[] = [];
    for (const name of ['A', 'B', 'C', 'D', 'E']) {
      leads.push(await fx.core.leads.create.execute(fx.ctx(orgId), { name, email: `${name}@example.com` }));
    }
    const ids = leads.map((l) => l.id).sort().reverse();
    expect(await walk({}, 2)).to.deep.equal([ids.slice(0, 2), ids.slice(2, 4), ids.slice(4)]);
  });

  it('uses 50 rows when no limit is given and accepts the bounds 1 and 200', async () => {
    await seed(Array.from({ length: 52 }, (_, i) => ({ name: `L${i}` })));
    const page = await fx.core.leads.list.execute(fx.ctx(orgId), {});
    expect(page.items).to.have.length(50);
    expect(page.nextCursor).to.be.a('string');
    expect((await fx.core.leads.list.execute(fx.ctx(orgId), { limit: 1 })).items).to.have.length(1);
    const all = await fx.core.leads.list.execute(fx.ctx(orgId), { limit: 200 });
    expect(all.items).to.have.length(52);
    expect(all.nextCursor).to.equal(null);
  });

  it('filters by statuses', async () => {
    const [a, b, c, d] = await seed([
      { name: 'A', status: 'new' },
      { name: 'B', status: 'contacted' },
      { name: 'C', status: 'lost' },
      { name: 'D', status: 'qualified' },
    ]);
    const page = await fx.core.leads.list.execute(fx.ctx(orgId), { status: ['lost', 'contacted'] });
    expect(page.items.map((l) => l.id)).to.deep.equal([c!.id, b!.id]);
    const everything = await fx.core.leads.list.execute(fx.ctx(orgId), { status: [] });
    expect(everything.items.map((l) => l.id)).to.deep.equal([d!.id, c!.id, b!.id, a!.id]);
  });

  it('filters on created_at with from inclusive and to exclusive', async () => {
    const [, b, c] = await seed(['A', 'B', 'C', 'D'].map((name) => ({ name })));
    const page = await fx.core.leads.list.execute(fx.ctx(orgId), { createdFrom: b!.createdAt.toISOString(), createdTo: new Date(T0.getTime() + 4 * MINUTE).toISOString() });
    expect(page.items.map((l) => l.id)).to.deep.equal([c!.id, b!.id]);
  });

  it('searches name and email case-insensitively and phone by digits', async () => {
    const [ann, bob, cat] = await seed([
      { name: 'Ann Smith', email: 'ann@alpha.test' },
      { name: 'Bob Jones', email: 'bob@beta.test', phone: '+44 20 7946 0958' },
      { name: 'Cat Black', email: 'cat@SMITHS.test' },
    ]);
    const q = async (text: string) => (await fx.core.leads.list.execute(fx.ctx(orgId), { q: text })).items.map((l) => l.id);
    expect(await q('  SMITH ')).to.deep.equal([cat!.id, ann!.id]);
    expect(await q('beta.TEST')).to.deep.equal([bob!.id]);
    expect(await q('(020) 7946')).to.deep.equal([]);
    expect(await q('7946-0958')).to.deep.equal([bob!.id]);
  });

  it('lets a viewer search names only: a search on the email or phone a viewer sees masked finds nothing', async () => {
    const [ann, bob] = await seed([
      { name: 'Ann Smith', email: 'ann.k@alpha.test', phone: '+44 20 7946 0958' },
      { name: 'Bob 0958 Jones', email: 'bob@beta.test' },
    ]);
    const q = async (text: string, role: 'viewer' | 'dispatcher') => (await fx.core.leads.list.execute(fx.ctx(orgId, { role }), { q: text })).items.map((l) => l.id);
    expect(await q('alpha.test', 'dispatcher')).to.deep.equal([ann!.id]);
    expect(await q('alpha.test', 'viewer')).to.deep.equal([]);
    expect(await q('ann.k', 'viewer')).to.deep.equal([]);
    expect(await q('7946 0958', 'dispatcher')).to.deep.equal([ann!.id]);
    expect(await q('7946 0958', 'viewer')).to.deep.equal([]);
    expect(await q('0958', 'viewer')).to.deep.equal([bob!.id]);
    expect(await q('smith', 'viewer')).to.deep.equal([ann!.id]);
  });

  it('hides archived leads unless asked for them', async () => {
    const [a, b] = await seed(['A', 'B'].map((name) => ({ name })));
    await fx.core.leads.archive.execute(fx.ctx(orgId), { id: a!.id });
    const ids = async (archived?: 'exclude' | 'only' | 'include') =>
      (await fx.core.leads.list.execute(fx.ctx(orgId), archived === undefined ? {} : { archived })).items.map((l) => l.id);
    expect(await ids()).to.deep.equal([b!.id]);
    expect(await ids('exclude')).to.deep.equal([b!.id]);
    expect(await ids('only')).to.deep.equal([a!.id]);
    expect(await ids('include')).to.deep.equal([b!.id, a!.id]);
  });

  it('never lists another org’s leads', async () => {
    const other = await fx.newOrg('other');
    await fx.core.leads.create.execute(fx.ctx(other), { name: 'Zed', email: 'zed@example.com' });
    expect((await fx.core.leads.list.execute(fx.ctx(orgId), { archived: 'include' })).items).to.deep.equal([]);
  });

  describe('validation.failed', () => {
    it('points at each unknown status by index', async () => {
      const err = await expectInvalid(fx.core.leads.list.execute(fx.ctx(orgId), ({ status: ['new', 'won', 'converted', 'NEW'] } as never)), [
        '/status/1',
        '/status/3',
      ]);
      expect(err.errors[0]!.detail).to.equal('must be one of: new, contacted, qualified, converted, lost');
    });

    it('refuses unparseable dates', async () => {
      await expectInvalid(fx.core.leads.list.execute(fx.ctx(orgId), { createdFrom: 'yesterday', createdTo: '2026-13-45' }), [
        '/createdFrom',
        '/createdTo',
      ]);
    });

    it('refuses createdTo not after createdFrom', async () => {
      const err = await expectInvalid(
        fx.core.leads.list.execute(fx.ctx(orgId), { createdFrom: '2026-03-02T00:00:00Z', createdTo: '2026-03-01T00:00:00Z' }),
        ['/createdTo'],
      );
      expect(err.errors[0]!.detail).to.equal('must be after createdFrom');
      await expectInvalid(fx.core.leads.list.execute(fx.ctx(orgId), { createdFrom: '2026-03-02T00:00:00Z', createdTo: '2026-03-02T00:00:00.000Z' }), [
        '/createdTo',
      ]);
    });

    it('refuses a limit outside 1..200 or not an integer', async () => {
      for (const limit of [0, 201, 2.5, -1]) {
        const err = await expectInvalid(fx.core.leads.list.execute(fx.ctx(orgId), { limit }), ['/limit']);
        expect(err.errors[0]!.detail).to.equal('must be an integer from 1 to 200');
      }
    });

    it('refuses a cursor this API did not issue', async () => {
      await expectInvalid(fx.core.leads.list.execute(fx.ctx(orgId), { cursor: 'not-a-cursor' }), ['/cursor']);
      const forged = Buffer.from(JSON.stringify(['2026-01-01T00:00:00Z', 'nope'])).toString('base64url');
      await expectInvalid(fx.core.leads.list.execute(fx.ctx(orgId), { cursor: forged }), ['/cursor']);
    });

    it('refuses a search shorter than 3 characters: it could not use the search index', async () => {
      const err = await expectInvalid(fx.core.leads.list.execute(fx.ctx(orgId), { q: ' ab ' }), ['/q']);
      expect(err.errors[0]!.detail).to.match(/at least 3 characters/);
      expect((await fx.core.leads.list.execute(fx.ctx(orgId), { q: '   ' })).items).to.deep.equal([]);
    });

    it('refuses an unknown archived filter and an over-long search', async () => {
      await expectInvalid(fx.core.leads.list.execute(fx.ctx(orgId), { archived: 'all' as never, q: 'x'.repeat(101) }), ['/q', '/archived']);
    });

    it('reports list errors before status errors, all in one answer', async () => {
      await expectInvalid(fx.core.leads.list.execute(fx.ctx(orgId), ({ limit: 0, cursor: '!!', status: ['bad'] } as never)), ['/limit', '/status/0']);
    });
  });
});
