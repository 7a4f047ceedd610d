import { expect } from 'chai';
import { onEachDatabase } from '@cws/e2e-tests';

onEachDatabase('leads over HTTP', (h) => {
  const api = () => h().api;

  it('creates, reads, lists, updates and archives a lead, auditing every write', async () => {
    const org = await h().newOrg();
    const created = await api().call('POST', '/v1/admin/leads', {
      org: org.id,
      body: { name: ' Ada Lovelace ', email: 'ADA@Example.com', phone: '+44 7700 900-123', service_requested: 'Deep clean', address: { line1: '1 Engine St', city: 'London', country: 'gb' } },
    });
    expect(created.status).to.equal(201);
    expect(created.headers.get('location')).to.equal(`/v1/admin/leads/${created.body.id}`);
    expect(created.body).to.include({ name: 'Ada Lovelace', email: 'ada@example.com', phone: '+447700900123', status: 'new', org_id: org.id });
    expect(created.body.address).to.deep.equal({ label: null, line1: '1 Engine St', line2: null, city: 'London', region: null, postal_code: null, country: 'GB', access_notes: null });
    const id = created.body.id as string;

    expect((await api().call('GET', `/v1/admin/leads/${id}`, { org: org.id })).body).to.deep.equal(created.body);
    const updated = await api().call('PATCH', `/v1/admin/leads/${id}`, { org: org.id, body: { status: 'contacted', notes: 'Called, wants Tuesday' } });
    expect(updated.status).to.equal(200);
    expect(updated.body).to.include({ status: 'contacted', notes: 'Called, wants Tuesday' });

    const archived = await api().call('POST', `/v1/admin/leads/${id}/archive`, { org: org.id, body: { reason: 'duplicate' } });
    expect(archived.status).to.equal(200);
    expect(archived.body.archived_at).to.be.a('string');
    const again = await api().call('POST', `/v1/admin/leads/${id}/archive`, { org: org.id });
    expect(again.body.archived_at, 'archiving twice changes nothing').to.equal(archived.body.archived_at);
    const frozen = await api().call('PATCH', `/v1/admin/leads/${id}`, { org: org.id, body: { notes: 'too late' } });
    expect(frozen.status).to.equal(409);
    expect(frozen.body.code).to.equal('lead.archived');

    const audit = await api().call('GET', `/v1/admin/audit-logs?resource_type=lead&resource_id=${id}`, { org: org.id });
    expect(audit.body.items.map((e: { action: string }) => e.action)).to.deep.equal(['lead.archive', 'lead.status_change', 'lead.create']);
    const create = audit.body.items[2];
    expect(create).to.include({ actor_kind: 'staff', actor_id: 'basic:admin', admin_role: 'admin', resource_id: id });
    expect(create.after.email).to.equal('ada@example.com');
    expect(audit.body.items[1].before.status).to.equal('new');
    expect(audit.body.items[1].after.status).to.equal('contacted');
    expect(audit.body.items[0].metadata).to.deep.equal({ reason: 'duplicate' });
  });

  it('filters by status, created range and text, and pages with cursors', async () => {
    const org = await h().newOrg();
    const names = ['Alpha One', 'Bravo Two', 'Charlie Three', 'Delta Four', 'Echo Five'];
    const ids: string[] = [];
    for (const name of names) {
      const r = await api().call('POST', '/v1/admin/leads', { org: org.id, body: { name, email: `${name.split(' ')[0]!.toLowerCase()}@example.com`, status: name === 'Bravo Two' ? 'qualified' : 'new' } });
      ids.push(r.body.id);
    }
    const newest = [...ids].reverse();
    const qualified = await api().call('GET', '/v1/admin/leads?status=qualified', { org: org.id });
    expect(qualified.body.items.map((l: { name: string }) => l.name)).to.deep.equal(['Bravo Two']);
    const either = await api().call('GET', '/v1/admin/leads?status=qualified&status=new&q=charlie', { org: org.id });
    expect(either.body.items.map((l: { name: string }) => l.name)).to.deep.equal(['Charlie Three']);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Array<{ id: string }>; next_cursor: string | null } } = await api().call('GET', `/v1/admin/leads?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { org: org.id });
      seen.push(...page.body.items.map((l) => l.id));
      cursor = page.body.next_cursor;
    } while (cursor !== null);
    expect(seen).to.deep.equal(newest);

    const future = await api().call('GET', `/v1/admin/leads?created_from=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`, { org: org.id });
    expect(future.body.items).to.deep.equal([]);
    const bad = await api().call('GET', '/v1/admin/leads?status=pending&limit=0', { org: org.id });
    expect(bad.status).to.equal(422);
    expect(bad.body.errors[0].in).to.equal('query');
    const forged = await api().call('GET', '/v1/admin/leads?cursor=not-a-cursor', { org: org.id });
    expect(forged.status).to.equal(422);
    expect(forged.body.errors).to.deep.equal([{ pointer: '/cursor', detail: 'is not a cursor returned by this API', in: 'query' }]);
  });

  it('converts a lead into a client with its address, once, in one transaction', async () => {
    const org = await h().newOrg();
    const lead = await api().call('POST', '/v1/admin/leads', {
      org: org.id,
      body: { name: 'Grace Hopper', email: 'grace@example.com', notes: 'Has a cat', address: { line1: '7 Compiler Rd', city: 'Arlington', region: 'VA', country: 'US' } },
    });
    const converted = await api().call('POST', `/v1/admin/leads/${lead.body.id}/convert`, { org: org.id });
    expect(converted.status).to.equal(201);
    expect(converted.body.client_created).to.equal(true);
    expect(converted.body.lead).to.include({ status: 'converted', converted_client_id: converted.body.client.id });
    expect(converted.body.client).to.include({ name: 'Grace Hopper', email: 'grace@example.com', source_lead_id: lead.body.id, notes: 'Has a cat' });
    expect(converted.body.client.addresses).to.have.length(1);
    expect(converted.body.client.addresses[0]).to.include({ line1: '7 Compiler Rd', is_primary: true });

    const twice = await api().call('POST', `/v1/admin/leads/${lead.body.id}/convert`, { org: org.id });
    expect(twice.status).to.equal(409);
    expect(twice.body).to.include({ code: 'lead.already_converted', client_id: converted.body.client.id });
    const clients = await api().call('GET', '/v1/admin/clients', { org: org.id });
    expect(clients.body.items, 'no second client').to.have.length(1);
    const audit = await api().call('GET', '/v1/admin/audit-logs?action=lead.convert', { org: org.id });
    expect(audit.body.items[0].metadata).to.deep.equal({ client_id: converted.body.client.id, client_created: true });
  });

  it('links a lead to an existing client instead of creating one', async () => {
    const org = await h().newOrg();
    const client = await api().call('POST', '/v1/admin/clients', { org: org.id, body: { name: 'Returning Customer', email: 'back@example.com' } });
    const lead = await api().call('POST', '/v1/admin/leads', { org: org.id, body: { name: 'Returning Customer', email: 'back@example.com' } });
    const linked = await api().call('POST', `/v1/admin/leads/${lead.body.id}/convert`, { org: org.id, body: { client_id: client.body.id } });
    expect(linked.status).to.equal(200);
    expect(linked.body).to.deep.include({ client_created: false });
    expect(linked.body.lead.converted_client_id).to.equal(client.body.id);
    const missing = await api().call('POST', `/v1/admin/leads/${(await api().call('POST', '/v1/admin/leads', { org: org.id, body: { name: 'X', phone: '5550001111' } })).body.id}/convert`, {
      org: org.id,
      body: { client_id: '6f1c1e5a-9d7b-4c0e-8a3f-2b1d0c9e8f7a' },
    });
    expect(missing.status).to.equal(404);
    expect(missing.body.code).to.equal('client.not_found');
  });

  it('validates every field and reports each one', async () => {
    const org = await h().newOrg();
    const r = await api().call('POST', '/v1/admin/leads', { org: org.id, body: { name: '   ', email: 'not-an-email', phone: '12' } });
    expect(r.status).to.equal(422);
    expect(r.headers.get('content-type')).to.match(/^application\/problem\+json/);
    const pointers = r.body.errors.map((e: { pointer: string }) => e.pointer);
    expect(pointers).to.include.members(['/name', '/email', '/phone']);
    const snake = await api().call('PATCH', `/v1/admin/leads/${(await api().call('POST', '/v1/admin/leads', { org: org.id, body: { name: 'A', email: 'a@example.com' } })).body.id}`, {
      org: org.id,
      body: { service_requested: 'x'.repeat(501) },
    });
    expect(snake.status).to.equal(422);
    expect(snake.body.errors[0].pointer).to.equal('/service_requested');
  });
});
