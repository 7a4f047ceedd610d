import { expect } from 'chai';
import { onEachDatabase } from '@cws/e2e-tests';

const ALL_ON = {
  booking_confirmed: true,
  booking_rescheduled: true,
  booking_cancelled: true,
  booking_reminder: true,
  worker_assignment: true,
  security_notice: true,
  invoice_reminder: true,
};

onEachDatabase('org locale and notification settings over HTTP', (h) => {
  const api = () => h().api;
  const settings = (orgId: string) => api().call('GET', '/v1/admin/org/settings', { org: orgId });
  const patch = (orgId: string, body: unknown, as: 'admin' | 'dispatcher' = 'admin') => api().call('PATCH', '/v1/admin/org/settings', { org: orgId, as, body });

  it('a new org reads locale en and every notification on', async () => {
    const org = await h().newOrg();
    const got = await settings(org.id);
    expect(got.status).to.equal(200);
    expect(got.body).to.include({ locale: 'en' });
    expect(got.body.notifications).to.deep.equal(ALL_ON);
  });

  it('changes the locale (stored canonical) and the named notifications only, and audits it', async () => {
    const org = await h().newOrg();
    const changed = await patch(org.id, { locale: 'EN-gb', notifications: { booking_reminder: false, worker_assignment: false } });
    expect(changed.status).to.equal(200);
    expect(changed.body).to.include({ locale: 'en-GB' });
    expect(changed.body.notifications).to.deep.equal({ ...ALL_ON, booking_reminder: false, worker_assignment: false });
    expect((await settings(org.id)).body).to.deep.equal(changed.body);

    // Absent settings and absent notifications keep their value.
    const again = await patch(org.id, { notifications: { booking_reminder: true } });
    expect(again.body).to.include({ locale: 'en-GB', time_zone: changed.body.time_zone });
    expect(again.body.notifications).to.deep.equal({ ...ALL_ON, worker_assignment: false });

    const audit = await api().call('GET', `/v1/admin/audit-logs?action=org.settings_update&resource_id=${org.id}`, { org: org.id });
    expect(audit.body.items.map((e: { before: Record<string, unknown>; after: Record<string, unknown> }) => [e.before['notificationsDisabled'], e.after['notificationsDisabled'], e.after['locale']])).to.deep.equal([
      [['booking_reminder', 'worker_assignment'], ['worker_assignment'], 'en-GB'],
      [[], ['booking_reminder', 'worker_assignment'], 'en-GB'],
    ]);
  });

  it('422 with a pointer for a bad locale, an unknown or non-boolean notification, or none; nothing changes', async () => {
    const org = await h().newOrg();
    const before = (await settings(org.id)).body;
    const badLocale = await patch(org.id, { locale: 'english please' });
    expect(badLocale.status).to.equal(422);
    expect(badLocale.body.errors).to.deep.equal([{ pointer: '/locale', detail: 'must be a BCP 47 language tag such as en-GB', in: 'body' }]);
    const tooLong = await patch(org.id, { locale: `en-${'x'.repeat(40)}` });
    expect(tooLong.body.errors.map((e: { pointer: string }) => e.pointer)).to.deep.equal(['/locale']);
    const unknown = await patch(org.id, { notifications: { invoice_sent: false } });
    expect(unknown.status).to.equal(422);
    expect(unknown.body.errors.map((e: { pointer: string }) => e.pointer)).to.deep.equal(['/notifications/invoice_sent']);
    // The core's camelCase name is not the API's.
    const camel = await patch(org.id, { notifications: { bookingReminder: false } });
    expect(camel.body.errors.map((e: { pointer: string }) => e.pointer)).to.deep.equal(['/notifications/bookingReminder']);
    const notBoolean = await patch(org.id, { notifications: { booking_reminder: 'off' } });
    expect(notBoolean.body.errors.map((e: { pointer: string }) => e.pointer)).to.deep.equal(['/notifications/booking_reminder']);
    const empty = await patch(org.id, { notifications: {} });
    expect(empty.body.errors.map((e: { pointer: string }) => e.pointer)).to.deep.equal(['/notifications']);
    const proto = await api().call('PATCH', '/v1/admin/org/settings', { org: org.id, rawBody: '{"notifications":{"__proto__":{"booking_reminder":false}}}', headers: { 'content-type': 'application/json' } });
    // The body reader refuses a __proto__ key outright.
    expect([proto.status, proto.body.code]).to.deep.equal([400, 'request.malformed']);
    expect((await settings(org.id)).body).to.deep.equal(before);
  });

  it('only a role that manages the org may change them', async () => {
    const org = await h().newOrg();
    const refused = await patch(org.id, { notifications: { booking_confirmed: false } }, 'dispatcher');
    expect(refused.status).to.equal(403);
    expect((await settings(org.id)).body.notifications).to.deep.equal(ALL_ON);
  });
});
