import { expect } from 'chai';
import { onEachDatabase } from '@cws/e2e-tests';

onEachDatabase('public lead intake', (h) => {
  it('records a lead in the org named by the slug, audited as a public submission', async () => {
    const org = await h().newOrg();
    const r = await h().api.call('POST', '/v1/public/leads', { as: null, body: { org_slug: org.slug, name: 'Web Visitor', phone: '+1 (555) 010-0200', service_requested: 'Weekly clean' } });
    expect(r.status).to.equal(201);
    expect(r.body).to.deep.equal({ id: r.body.id, status: 'received' });
    const lead = await h().api.call('GET', `/v1/admin/leads/${r.body.id}`, { org: org.id });
    expect(lead.body).to.include({ name: 'Web Visitor', phone: '+15550100200', source: 'public_form', status: 'new' });
    const audit = await h().api.call('GET', `/v1/admin/audit-logs?resource_id=${r.body.id}`, { org: org.id });
    expect(audit.body.items[0]).to.include({ actor_kind: 'public', actor_id: 'public-intake', admin_role: null, action: 'lead.create' });
  });

  it('answers an unknown slug exactly like a known one (nothing stored), and refuses a status or unknown fields', async () => {
    const org = await h().newOrg();
    const body = { name: 'X', phone: '5550001111' };
    const unknown = await h().api.call('POST', '/v1/public/leads', { as: null, headers: { 'x-forwarded-for': '198.51.100.77' }, body: { org_slug: 'no-such-org-here', ...body } });
    const known = await h().api.call('POST', '/v1/public/leads', { as: null, body: { org_slug: org.slug, ...body } });
    expect([unknown.status, known.status]).to.deep.equal([201, 201]);
    expect(Object.keys(unknown.body)).to.deep.equal(Object.keys(known.body));
    expect(unknown.body.status).to.equal('received');
    expect(unknown.headers.get('content-type')).to.equal(known.headers.get('content-type'));
    // Nothing stored: the id names no lead in any org.
    expect((await h().api.call('GET', `/v1/admin/leads/${unknown.body.id}`, { org: org.id })).status).to.equal(404);
    const status = await h().api.call('POST', '/v1/public/leads', { as: null, body: { org_slug: org.slug, name: 'X', phone: '5550001111', status: 'qualified' } });
    expect(status.status).to.equal(422);
    expect(status.body.errors[0].pointer).to.equal('/status');
  });
});
