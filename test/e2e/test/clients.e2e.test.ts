import { expect } from 'chai';
import { onEachDatabase } from '@cws/e2e-tests';

onEachDatabase('clients, org settings and the audit log over HTTP', (h) => {
  const api = () => h().api;

  it('creates a client with addresses, changes it, and keeps exactly one primary address', async () => {
    const org = await h().newOrg();
    const created = await api().call('POST', '/v1/admin/clients', {
      org: org.id,
      body: {
        name: ' Smith Household ',
        email: 'HOME@Smiths.example',
        phone: '+44 113 496 0000',
        addresses: [
          { line1: '1 High St', city: 'Leeds', country: 'gb', label: 'Home' },
          { line1: '9 Office Park', city: 'Leeds', country: '', is_primary: true },
        ],
      },
    });
    expect(created.status, created.text).to.equal(201);
    expect(created.headers.get('location')).to.equal(`/v1/admin/clients/${created.body.id}`);
    expect(created.body).to.include({ name: 'Smith Household', email: 'home@smiths.example', phone: '+441134960000', source_lead_id: null });
    expect(created.body.addresses.map((a: { line1: string; is_primary: boolean; country: string | null }) => [a.line1, a.is_primary, a.country])).to.deep.equal([
      ['9 Office Park', true, null],
      ['1 High St', false, 'GB'],
    ]);
    const id = created.body.id as string;
    const [office, home] = created.body.addresses as Array<{ id: string }>;

    const renamed = await api().call('PATCH', `/v1/admin/clients/${id}`, { org: org.id, body: { name: 'The Smiths', email: null } });
    expect(renamed.status).to.equal(200);
    expect(renamed.body).to.include({ name: 'The Smiths', email: null, phone: '+441134960000' });

    const moved = await api().call('PATCH', `/v1/admin/clients/${id}/addresses/${home!.id}`, { org: org.id, body: { is_primary: true, postal_code: 'LS1 4AB' } });
    expect(moved.status).to.equal(200);
    expect(moved.body.addresses.map((a: { id: string; is_primary: boolean }) => [a.id, a.is_primary])).to.deep.equal([
      [home!.id, true],
      [office!.id, false],
    ]);
    const unmark = await api().call('PATCH', `/v1/admin/clients/${id}/addresses/${home!.id}`, { org: org.id, body: { is_primary: false } });
    expect(unmark.status).to.equal(422);
    expect(unmark.body.errors).to.deep.equal([{ pointer: '/is_primary', detail: 'mark another address primary instead of unmarking this one', in: 'body' }]);

    const added = await api().call('POST', `/v1/admin/clients/${id}/addresses`, { org: org.id, body: { line1: '3 Mill Ln', city: 'York', access_notes: 'gate 1234' } });
    expect(added.status).to.equal(201);
    expect(added.body.addresses).to.have.length(3);
    const removed = await api().call('DELETE', `/v1/admin/clients/${id}/addresses/${home!.id}`, { org: org.id });
    expect(removed.status).to.equal(200);
    expect(removed.body.addresses.map((a: { id: string; is_primary: boolean }) => [a.id, a.is_primary])).to.deep.equal([
      [office!.id, true],
      [added.body.addresses[2].id, false],
    ]);

    const audit = await api().call('GET', `/v1/admin/audit-logs?resource_type=client&resource_id=${id}&action=`, { org: org.id });
    expect(audit.body.items.map((e: { action: string }) => e.action)).to.deep.equal([
      'client.address_remove',
      'client.address_add',
      'client.address_update',
      'client.update',
      'client.create',
    ]);
  });

  it('refuses every malformed field at once, with snake_case pointers where they were sent', async () => {
    const org = await h().newOrg();
    const bad = await api().call('POST', '/v1/admin/clients', {
      org: org.id,
      body: { name: ' ', email: 'a@b', addresses: [{ line1: 'A', city: 'B', is_primary: 'yes' }, { line1: 'C', postal_code: 'p'.repeat(21) }] },
    });
    expect(bad.status).to.equal(422);
    expect(bad.body.errors).to.deep.equal([
      { pointer: '/name', detail: 'must not be empty', in: 'body' },
      { pointer: '/email', detail: 'must be an email address', in: 'body' },
      { pointer: '/addresses/0/is_primary', detail: 'must be true or false', in: 'body' },
      { pointer: '/addresses/1/city', detail: 'is required', in: 'body' },
      { pointer: '/addresses/1/postal_code', detail: 'must have at most 20 characters', in: 'body' },
    ]);
    const twoPrimaries = await api().call('POST', '/v1/admin/clients', {
      org: org.id,
      body: { name: 'X', addresses: [{ line1: 'A', city: 'B', is_primary: true }, { line1: 'C', city: 'D', is_primary: true }] },
    });
    expect(twoPrimaries.body.errors).to.deep.equal([{ pointer: '/addresses', detail: 'at most one address can be primary', in: 'body' }]);
    const empty = await api().call('PATCH', `/v1/admin/clients/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`, { org: org.id, body: {} });
    expect(empty.status).to.equal(422);
    const badPath = await api().call('DELETE', '/v1/admin/clients/nope/addresses/also-nope', { org: org.id });
    expect(badPath.body.errors).to.deep.equal([
      { pointer: '/id', detail: 'must be a UUID', in: 'path' },
      { pointer: '/addressId', detail: 'must be a UUID', in: 'path' },
    ]);
  });

  it('changes org settings: canonical zone, upper-case currency, auto-archive off with null', async () => {
    const org = await h().newOrg();
    const changed = await api().call('PATCH', '/v1/admin/org/settings', { org: org.id, body: { time_zone: 'europe/london', currency: 'eur', lead_auto_archive_days: null } });
    expect(changed.status).to.equal(200);
    expect(changed.body).to.include({ org_id: org.id, time_zone: 'Europe/London', currency: 'EUR', lead_auto_archive_days: null });
    expect((await api().call('GET', '/v1/admin/org/settings', { org: org.id })).body).to.deep.equal(changed.body);

    const unknownZone = await api().call('PATCH', '/v1/admin/org/settings', { org: org.id, body: { time_zone: 'Mars/Olympus' } });
    expect(unknownZone.body.errors).to.deep.equal([{ pointer: '/time_zone', detail: 'must be an IANA time zone such as Europe/London', in: 'body' }]);
    const bad = await api().call('PATCH', '/v1/admin/org/settings', { org: org.id, body: { currency: 'E1R', lead_auto_archive_days: 0 } });
    expect(bad.body.errors).to.deep.equal([
      { pointer: '/currency', detail: 'must be an ISO 4217 code such as USD', in: 'body' },
      { pointer: '/lead_auto_archive_days', detail: 'must be an integer from 1 to 3650', in: 'body' },
    ]);
    const nothing = await api().call('PATCH', '/v1/admin/org/settings', { org: org.id, body: {} });
    expect(nothing.status).to.equal(422);
  });

  it('lists the audit log by created range and refuses a range that ends before it starts', async () => {
    const org = await h().newOrg();
    await api().call('POST', '/v1/admin/clients', { org: org.id, body: { name: 'Ann' } });
    const from = encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString());
    const listed = await api().call('GET', `/v1/admin/audit-logs?created_from=${from}&limit=1`, { org: org.id });
    expect(listed.status).to.equal(200);
    expect(listed.body.items.map((e: { action: string }) => e.action)).to.deep.equal(['client.create']);
    const backwards = await api().call('GET', `/v1/admin/audit-logs?created_from=2026-03-02T10:00:00Z&created_to=2026-03-02T09:00:00Z`, { org: org.id });
    expect(backwards.body.errors).to.deep.equal([{ pointer: '/created_to', detail: 'must be after createdFrom', in: 'query' }]);
    const tooLong = await api().call('GET', `/v1/admin/audit-logs?resource_type=${'r'.repeat(65)}`, { org: org.id });
    expect(tooLong.body.errors).to.deep.equal([{ pointer: '/resource_type', detail: 'must have at most 64 characters', in: 'query' }]);
  });
});
