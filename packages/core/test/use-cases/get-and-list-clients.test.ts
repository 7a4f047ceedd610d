import { expect } from 'chai';
import type { Client } from '@cws/core';
import { MINUTE } from '../support/fixed-clock.js';
import { archiveClientDirectly, coreFixture, expectAppError, expectInvalid, T0, type CoreFixture } from '../support/core-fixture.js';

describe('GetClient', () => {
  let fx: CoreFixture;
  let orgId: string;

  beforeEach(async () => {
    fx = coreFixture();
    orgId = await fx.newOrg('acme');
  });

  it('returns the client with its addresses, primary first', async () => {
    const created = await fx.core.clients.create.execute(fx.ctx(orgId), { name: 'X', addresses: [{ line1: 'A', city: 'C' }, { line1: 'B', city: 'C', isPrimary: true }] });
    const got = await fx.core.clients.get.execute(fx.ctx(orgId), { id: created.id });
    expect(got).to.deep.equal(created);
    expect(got.addresses.map((a) => a.line1)).to.deep.equal(['B', 'A']);
  });

  it('validation.failed when the id is not a UUID', async () => {
    await expectInvalid(fx.core.clients.get.execute(fx.ctx(orgId), { id: '' }), ['/id']);
  });

  it('client.not_found for an unknown id and for another org’s client', async () => {
    const missing = '6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d';
    const err = await expectAppError(fx.core.clients.get.execute(fx.ctx(orgId), { id: missing }), 'client.not_found');
    expect(err.details).to.deep.equal({ client_id: missing });
    const other = await fx.newOrg('other');
    const foreign = await fx.core.clients.create.execute(fx.ctx(other), { name: 'Zed' });
    await expectAppError(fx.core.clients.get.execute(fx.ctx(orgId), { id: foreign.id }), 'client.not_found');
  });
});

describe('ListClients', () => {
  let fx: CoreFixture;
  let orgId: string;

  beforeEach(async () => {
    fx = coreFixture();
    orgId = await fx.newOrg('acme');
  });

  async function seed(names: string[]): Promise<Client[]> {
    const out: Client[] = [];
    for (const name of names) {
      fx.clock.advance(MINUTE);
      out.push(await fx.core.clients.create.execute(fx.ctx(orgId), { name, email: `${name.toLowerCase()}@example.com`, addresses: [{ line1: `${name} St`, city: 'Leeds' }] }));
    }
    return out;
  }

  it('pages through every client newest first, each with its addresses', async () => {
    const clients = await seed(['A', 'B', 'C', 'D', 'E']);
    const expected = [...clients].reverse();
    const seen: Client[][] = [];
    let cursor: string | undefined;
    do {
      const page = await fx.core.clients.list.execute(fx.ctx(orgId), { limit: 2, ...(cursor === undefined ? {} : { cursor }) });
      seen.push([...page.items]);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined && seen.length < 10);
    expect(seen.map((p) => p.map((c) => c.name))).to.deep.equal([['E', 'D'], ['C', 'B'], ['A']]);
    expect(seen.flat()).to.deep.equal(expected);
  });

  it('filters by created range and text search', async () => {
    const [a, b, c] = await seed(['Alpha', 'Bravo', 'Charlie']);
    const range = await fx.core.clients.list.execute(fx.ctx(orgId), { createdFrom: b!.createdAt.toISOString(), createdTo: new Date(T0.getTime() + 10 * MINUTE).toISOString() });
    expect(range.items.map((x) => x.id)).to.deep.equal([c!.id, b!.id]);
    const search = await fx.core.clients.list.execute(fx.ctx(orgId), { q: 'ALPHA@' });
    expect(search.items.map((x) => x.id)).to.deep.equal([a!.id]);
  });

  it('lets a viewer search names only, never the email or phone it sees masked', async () => {
    const [a] = await seed(['Alpha']);
    const q = async (text: string, role: 'viewer' | 'finance') => (await fx.core.clients.list.execute(fx.ctx(orgId, { role }), { q: text })).items.map((x) => x.id);
    expect(await q('ALPHA@', 'finance')).to.deep.equal([a!.id]);
    expect(await q('ALPHA@', 'viewer')).to.deep.equal([]);
    expect(await q('alph', 'viewer')).to.deep.equal([a!.id]);
  });

  it('excludes archived clients by default', async () => {
    const [a, b] = await seed(['A', 'B']);
    await archiveClientDirectly(fx, orgId, a!.id, T0);
    expect((await fx.core.clients.list.execute(fx.ctx(orgId), {})).items.map((x) => x.id)).to.deep.equal([b!.id]);
    expect((await fx.core.clients.list.execute(fx.ctx(orgId), { archived: 'only' })).items.map((x) => x.id)).to.deep.equal([a!.id]);
    expect((await fx.core.clients.list.execute(fx.ctx(orgId), { archived: 'include' })).items.map((x) => x.id)).to.deep.equal([b!.id, a!.id]);
  });

  describe('validation.failed', () => {
    it('refuses bad dates and createdTo not after createdFrom', async () => {
      await expectInvalid(fx.core.clients.list.execute(fx.ctx(orgId), { createdFrom: 'soon' }), ['/createdFrom']);
      await expectInvalid(fx.core.clients.list.execute(fx.ctx(orgId), { createdFrom: '2026-03-02T10:00:00Z', createdTo: '2026-03-02T09:00:00Z' }), ['/createdTo']);
    });

    it('refuses a limit outside 1..200', async () => {
      await expectInvalid(fx.core.clients.list.execute(fx.ctx(orgId), { limit: 0 }), ['/limit']);
      await expectInvalid(fx.core.clients.list.execute(fx.ctx(orgId), { limit: 201 }), ['/limit']);
    });

    it('refuses a bad cursor and an unknown archived filter', async () => {
      await expectInvalid(fx.core.clients.list.execute(fx.ctx(orgId), { cursor: 'abc', archived: 'yes' as never }), ['/archived']);
      await expectInvalid(fx.core.clients.list.execute(fx.ctx(orgId), { cursor: 'abc', archived: 'only' }), ['/cursor']);
    });
  });
});
