/**
 * A VIEWER reads leads, clients, workers and bookings with personal data masked (email to its
 * domain, phone to its last two digits, street lines, access and free-text notes withheld);
 * every other role sees the same records whole.
 */
import { expect } from 'chai';
import { OrgApi, at, onEachDatabase, q, utcDay } from '@cws/e2e-tests';

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

  it('masks workers’ phone and email and booking and series notes for viewers on every scheduling read', async () => {
    const o = await OrgApi.create(h());
    const worker = await o.worker({ name: 'Wes', phone: '+1 917 555 0188', email: 'wes.private@example.com' });
    const client = await o.client();
    const day = utcDay(4);
    const booking = await o.booking({ client_id: client.id, start: at(day, 9), end: at(day, 10), worker_ids: [worker.id], notes: 'Alarm code 7731' });
    await o.expect(200, 'PATCH', `/v1/admin/bookings/${booking.id}`, { notes: 'Alarm code 7731, dog in yard' });
    const series = await o.expect(201, 'POST', '/v1/admin/booking-series', {
      client_id: client.id,
      rule: { freq: 'weekly', weekdays: ['mon'] },
      start_date: day.toISOString().slice(0, 10),
      time: '15:00',
      duration_minutes: 60,
      count: 1,
      notes: 'Alarm code 7731 weekly',
    });
    const viewer = await h().staff(o.orgId, 'viewer');
    const reads = [
      `/v1/admin/workers/${worker.id}`,
      '/v1/admin/workers',
      `/v1/admin/bookings/${booking.id}`,
      `/v1/admin/bookings?${q({ start: at(day, 0), end: at(day, 24 * 7) })}`,
      `/v1/admin/bookings/${booking.id}/history`,
      `/v1/admin/booking-series/${series.series.id}`,
      `/v1/admin/schedule/board?${q({ start: at(day, 0), end: at(day, 24 * 7) })}`,
    ];
    for (const as of [{ token: viewer.accessToken }, { as: 'viewer' as const, org: o.orgId }]) {
      for (const path of reads) {
        const r = await h().api.call('GET', path, as);
        expect(r.status, path).to.equal(200);
        for (const secret of ['0188', 'wes.private', '7731']) expect(r.text, `${path} shows ${secret}`).to.not.include(secret);
      }
      const w = (await h().api.call('GET', `/v1/admin/workers/${worker.id}`, as)).body;
      expect(w).to.include({ name: 'Wes', phone: '***88', email: 'w***@example.com' });
      expect((await h().api.call('GET', `/v1/admin/bookings/${booking.id}`, as)).body.notes).to.equal('***');
    }
    for (const path of reads) {
      const whole = await h().api.call('GET', path, { as: 'dispatcher', org: o.orgId });
      expect(whole.text, path).to.match(path.startsWith('/v1/admin/workers') ? /0188/ : /7731/);
    }
  });
});
