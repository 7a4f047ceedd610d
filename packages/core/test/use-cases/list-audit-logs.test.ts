import { expect } from 'chai';
import type { AuditEntry, Lead } from '@cws/core';
import { MINUTE } from '../support/fixed-clock.js';
import { coreFixture, expectInvalid, T0, type CoreFixture } from '../support/core-fixture.js';

describe('ListAuditLogs', () => {
  let fx: CoreFixture;
  let orgId: string;
  let lead: Lead;

  /** lead.create (T0+1m, admin), lead.update (T0+2m, dispatcher), lead.archive (T0+3m, admin), client.create (T0+4m, admin). */
  beforeEach(async () => {
    fx = coreFixture();
    orgId = await fx.newOrg('acme');
    fx.clock.advance(MINUTE);
    lead = await fx.core.leads.create.execute(fx.ctx(orgId), { name: 'Ann', email: 'ann@example.com' });
    fx.clock.advance(MINUTE);
    await fx.core.leads.update.execute(fx.ctx(orgId, { actorId: 'user-disp', role: 'dispatcher' }), { id: lead.id, notes: 'x' });
    fx.clock.advance(MINUTE);
    await fx.core.leads.archive.execute(fx.ctx(orgId), { id: lead.id });
    fx.clock.advance(MINUTE);
    await fx.core.clients.create.execute(fx.ctx(orgId), { name: 'C' });
  });

  const actions = (rows: readonly AuditEntry[]) => rows.map((r) => r.action);

  it('lists the org’s rows newest first', async () => {
    const page = await fx.core.audit.list.execute(fx.ctx(orgId), {});
    expect(actions(page.items)).to.deep.equal(['client.create', 'lead.archive', 'lead.update', 'lead.create']);
    expect(page.nextCursor).to.equal(null);
  });

  it('filters by resource, action and actor', async () => {
    const list = async (input: object) => actions((await fx.core.audit.list.execute(fx.ctx(orgId), input)).items);
    expect(await list({ resourceType: 'lead', resourceId: lead.id })).to.deep.equal(['lead.archive', 'lead.update', 'lead.create']);
    expect(await list({ action: ' lead.update ' })).to.deep.equal(['lead.update']);
    expect(await list({ actorId: 'user-disp' })).to.deep.equal(['lead.update']);
    expect(await list({ resourceType: 'client' })).to.deep.equal(['client.create']);
  });

  it('filters by created range, from inclusive and to exclusive', async () => {
    const page = await fx.core.audit.list.execute(fx.ctx(orgId), {
      createdFrom: new Date(T0.getTime() + 2 * MINUTE).toISOString(),
      createdTo: new Date(T0.getTime() + 4 * MINUTE).toISOString(),
    });
    expect(actions(page.items)).to.deep.equal(['lead.archive', 'lead.update']);
  });

  it('pages through all rows', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await fx.core.audit.list.execute(fx.ctx(orgId), { limit: 3, ...(cursor === undefined ? {} : { cursor }) });
      seen.push(...actions(page.items));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor !== undefined && pages < 10);
    expect(pages).to.equal(2);
    expect(seen).to.deep.equal(['client.create', 'lead.archive', 'lead.update', 'lead.create']);
  });

  it('does not show another org’s rows', async () => {
    const other = await fx.newOrg('other');
    expect((await fx.core.audit.list.execute(fx.ctx(other), {})).items).to.deep.equal([]);
  });

  describe('validation.failed', () => {
    it('refuses malformed dates and limit all at once, then a cursor this API did not issue', async () => {
      await expectInvalid(fx.core.audit.list.execute(fx.ctx(orgId), { createdFrom: 'x', createdTo: 'y', limit: 500, cursor: 'zz' }), ['/createdFrom', '/createdTo', '/limit']);
      const err = await expectInvalid(fx.core.audit.list.execute(fx.ctx(orgId), { limit: 5, cursor: 'zz' }), ['/cursor']);
      expect(err.errors[0]!.detail).to.equal('is not a cursor returned by this API');
    });

    it('refuses createdTo not after createdFrom', async () => {
      const err = await expectInvalid(fx.core.audit.list.execute(fx.ctx(orgId), { createdFrom: '2026-03-02T10:00:00Z', createdTo: '2026-03-02T10:00:00Z' }), ['/createdTo']);
      expect(err.errors[0]!.detail).to.equal('must be after createdFrom');
    });

    it('refuses a limit below 1 and over-long filters', async () => {
      await expectInvalid(fx.core.audit.list.execute(fx.ctx(orgId), { limit: 0, action: 'a'.repeat(101) }), ['/action', '/limit']);
      await expectInvalid(fx.core.audit.list.execute(fx.ctx(orgId), { resourceType: 'r'.repeat(65), resourceId: 'i'.repeat(201), actorId: 'a'.repeat(201) }), [
        '/resourceType',
        '/resourceId',
        '/actorId',
      ]);
    });
  });
});
