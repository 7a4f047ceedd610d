/**
 * A VIEWER reads leads and clients with personal data masked (email to its domain, phone to
 * its last two digits, street lines, access and free-text notes withheld); every other role
 * sees the same records whole.
 */
import { expect } from 'chai';
import { onEachDatabase } from '@cws/e2e-tests';

onEachDatabase('viewer PII masking', (h) => {
  it('masks contact details, street lines and notes for viewers, in lists and single reads, and only for them', async () => {
    const org = await h().newOrg();
    const lead = await h().api.call('POST', '/v1/admin/leads', {
      org: org.id,
      body: { name: 'Priya Shah', email: 'priya.shah@example.com', phone: '+1 646 555 0172', notes: 'Gate code 4412', address: { line1: '1 Secret Lane', city: 'Springfield' } },
    });
    const client = await h().api.call('POST', '/v1/admin/clients', {
      org: org.id,
      body: { name: 'Maria Gonzalez', email: 'maria@example.com', phone: '212-555-0147', addresses: [{ line1: '221 W 79th St', line2: 'Apt 5B', city: 'New York', access_notes: 'Key under the mat' }] },
    });
    expect([lead.status, client.status]).to.deep.equal([201, 201]);
    const viewer = await h().staff(org.id, 'viewer');
    const dispatcher = await h().staff(org.id, 'dispatcher');

    for (const as of [{ token: viewer.accessToken }, { as: 'viewer' as const, org: org.id }]) {
      const one = (await h().api.call('GET', `/v1/admin/leads/${lead.body.id}`, as)).body;
      const listed = (await h().api.call('GET', '/v1/admin/leads', as)).body.items[0];
      for (const l of [one, listed]) {
        expect(l).to.include({ name: 'Priya Shah', email: 'p***@example.com', phone: '***72', notes: '***' });
        expect(l.address).to.include({ line1: '***', city: 'Springfield' });
      }
      const c = (await h().api.call('GET', `/v1/admin/clients/${client.body.id}`, as)).body;
      const cl = (await h().api.call('GET', '/v1/admin/clients', as)).body.items[0];
      for (const x of [c, cl]) {
        expect(x).to.include({ name: 'Maria Gonzalez', email: 'm***@example.com', phone: '***47' });
        expect(x.addresses[0]).to.include({ line1: '***', line2: '***', city: 'New York', access_notes: '***' });
      }
      const text = JSON.stringify([one, c]);
      for (const secret of ['priya.shah@', '0172', 'Gate code', 'Secret Lane', 'maria@', '0147', '221 W 79th', 'Key under']) expect(text).to.not.include(secret);
    }

    const whole = (await h().api.call('GET', `/v1/admin/clients/${client.body.id}`, { token: dispatcher.accessToken })).body;
    expect(whole).to.include({ email: 'maria@example.com', phone: client.body.phone });
    expect(whole.addresses[0]).to.include({ line1: '221 W 79th St', access_notes: 'Key under the mat' });
  });
});
