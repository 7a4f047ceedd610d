import { expect } from 'chai';
import { coreFixture, expectAppError, expectInvalid, type CoreFixture } from '../support/core-fixture.js';

describe('GetLead', () => {
  let fx: CoreFixture;
  let orgId: string;
  let otherOrgId: string;

  beforeEach(async () => {
    fx = coreFixture();
    orgId = await fx.newOrg('acme');
    otherOrgId = await fx.newOrg('other');
  });

  it('returns the lead of the caller org, accepting an upper-case id', async () => {
    const lead = await fx.core.leads.create.execute(fx.ctx(orgId), { name: 'Ann', email: 'ann@example.com' });
    expect(await fx.core.leads.get.execute(fx.ctx(orgId), { id: lead.id.toUpperCase() })).to.deep.equal(lead);
  });

  it('validation.failed when the id is not a UUID', async () => {
    await expectInvalid(fx.core.leads.get.execute(fx.ctx(orgId), { id: 'lead-1' }), ['/id']);
  });

  it('lead.not_found for an unknown id', async () => {
    const missing = '7d9f4a43-4c54-4b8e-9c3b-2a1d2f0e9b11';
    const err = await expectAppError(fx.core.leads.get.execute(fx.ctx(orgId), { id: missing }), 'lead.not_found');
    expect(err.kind).to.equal('not_found');
    expect(err.details).to.deep.equal({ lead_id: missing });
  });

  it('lead.not_found for a lead of another org', async () => {
    const foreign = await fx.core.leads.create.execute(fx.ctx(otherOrgId), { name: 'Zed', email: 'zed@example.com' });
    await expectAppError(fx.core.leads.get.execute(fx.ctx(orgId), { id: foreign.id }), 'lead.not_found');
  });
});
