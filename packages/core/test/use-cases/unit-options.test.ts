import { expect } from 'chai';
import { coreFixture, type CoreFixture } from '../support/core-fixture.js';

/**
 * The options a use case gives its unit of work must reach the port unchanged through every
 * wrapper the core puts around it (the roster cache's watch among them): `readOnly` decides how
 * the PostgreSQL adapter runs the unit (one round trip, no BEGIN/COMMIT; ADR 23), and a wrapper
 * that dropped it once turned every read of the HTTP host back into a three-round-trip transaction.
 */
describe('Unit options reach the unit-of-work port', () => {
  let fx: CoreFixture;
  let orgId: string;

  beforeEach(async () => {
    fx = coreFixture();
    orgId = await fx.newOrg('acme');
  });

  const last = () => fx.uow.opened[fx.uow.opened.length - 1];

  it('a lead list and a lead read arrive as read-only units', async () => {
    const lead = await fx.core.leads.create.execute(fx.ctx(orgId), { name: 'Ann', email: 'ann@example.com' } as never);
    fx.uow.opened.length = 0;
    await fx.core.leads.list.execute(fx.ctx(orgId), {});
    expect(fx.uow.opened).to.deep.equal([{ readOnly: true }]);
    await fx.core.leads.get.execute(fx.ctx(orgId), { id: lead.id } as never);
    expect(last()).to.deep.equal({ readOnly: true });
  });

  it('a write arrives without the read-only flag', async () => {
    fx.uow.opened.length = 0;
    await fx.core.leads.create.execute(fx.ctx(orgId), { name: 'Bob', email: 'bob@example.com' } as never);
    expect(fx.uow.opened.length).to.be.greaterThan(0);
    for (const options of fx.uow.opened) expect(options?.readOnly).to.not.equal(true);
  });
});
