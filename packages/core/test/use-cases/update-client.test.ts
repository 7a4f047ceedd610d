import { expect } from 'chai';
import type { Client } from '@cws/core';
import { MINUTE } from '../support/fixed-clock.js';
import { archiveClientDirectly, auditRows, coreFixture, expectAppError, expectInvalid, storedClient, T0, type CoreFixture } from '../support/core-fixture.js';

describe('UpdateClient', () => {
  let fx: CoreFixture;
  let orgId: string;
  let client: Client;
  const later = new Date(T0.getTime() + 7 * MINUTE);

  beforeEach(async () => {
    fx = coreFixture();
    orgId = await fx.newOrg('acme');
    client = await fx.core.clients.create.execute(fx.ctx(orgId), {
      name: 'Smiths',
      email: 'home@smiths.example',
      phone: '+15550100',
      notes: 'cat',
      addresses: [{ line1: '1 High St', city: 'Leeds' }],
    });
    fx.clock.advance(7 * MINUTE);
  });

  it('changes given fields, keeps absent ones, clears nulls, and leaves addresses alone', async () => {
    const after = await fx.core.clients.update.execute(fx.ctx(orgId), { id: client.id, name: ' The Smiths ', email: null, phone: '(555) 0101-99' });
    expect(after).to.deep.equal({ ...client, name: 'The Smiths', email: null, phone: '555010199', updatedAt: later });
    const { addresses: _a, ...row } = after;
    expect(storedClient(fx, client.id)).to.deep.equal(row);
    expect((await fx.core.clients.get.execute(fx.ctx(orgId), { id: client.id })).addresses).to.deep.equal(client.addresses);
  });

  it('audits client.update with before and after snapshots without addresses', async () => {
    const auditId = fx.ids.peek(1);
    const after = await fx.core.clients.update.execute(fx.ctx(orgId), { id: client.id, notes: 'two cats' });
    const row = auditRows(fx, orgId).at(-1)!;
    expect(row).to.deep.include({ id: auditId, action: 'client.update', resourceType: 'client', resourceId: client.id, createdAt: later });
    const { addresses: _b, ...beforeRow } = client;
    const { addresses: _c, ...afterRow } = after;
    expect(row.before).to.deep.equal(JSON.parse(JSON.stringify(beforeRow)));
    expect(row.after).to.deep.equal(JSON.parse(JSON.stringify(afterRow)));
    expect(row.after).to.not.have.property('addresses');
  });

  it('validation.failed for a bad id and malformed fields', async () => {
    await expectInvalid(fx.core.clients.update.execute(fx.ctx(orgId), { id: 'nope', name: '', email: 'x', phone: 'abc' }), ['/id', '/name', '/email', '/phone']);
    expect(storedClient(fx, client.id)?.name).to.equal('Smiths');
  });

  it('client.not_found for an unknown client and for another org’s client', async () => {
    await expectAppError(fx.core.clients.update.execute(fx.ctx(orgId), { id: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f', name: 'x' }), 'client.not_found');
    const other = await fx.newOrg('other');
    await expectAppError(fx.core.clients.update.execute(fx.ctx(other), { id: client.id, name: 'Hijack' }), 'client.not_found');
    expect(storedClient(fx, client.id)?.name).to.equal('Smiths');
  });

  it('client.archived: an archived client is frozen and no audit row is written', async () => {
    await archiveClientDirectly(fx, orgId, client.id, T0);
    const auditBefore = auditRows(fx, orgId).length;
    const err = await expectAppError(fx.core.clients.update.execute(fx.ctx(orgId), { id: client.id, name: 'New' }), 'client.archived');
    expect(err.details).to.deep.equal({ client_id: client.id });
    expect(storedClient(fx, client.id)?.name).to.equal('Smiths');
    expect(auditRows(fx, orgId)).to.have.length(auditBefore);
  });
});
