/**
 * Booking notifications over HTTP against a real database: each trigger writes its outbox row
 * with the booking change (confirmed, rescheduled, cancelled to the client; assigned, changed,
 * unassigned to the worker), with its dedupe key; a refused write (409) leaves none; an org that
 * turned a notification off gets none; another org's client hears nothing.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { OrgApi, at, onEachDatabase, utcDay } from '@cws/e2e-tests';

onEachDatabase('booking notifications over HTTP', (h) => {
  const keysFor = async (address: string) => (await h().queued(address)).map((m) => [m.template, m.event.dedupeKey.split(':').slice(0, 3).join(':')]);

  it('confirmed, rescheduled and cancelled reach the client; assigned, changed and unassigned the worker — each once, with the change', async () => {
    const o = await OrgApi.create(h());
    const clientEmail = `client-${randomUUID().slice(0, 8)}@example.com`;
    const workerEmail = `worker-${randomUUID().slice(0, 8)}@example.com`;
    const client = await o.client({ email: clientEmail });
    const worker = await o.worker({ name: 'Ana', email: workerEmail });
    const day = utcDay(4);
    const key = `notify-${randomUUID()}`;
    const body = { client_id: client.id, start: at(day, 9), end: at(day, 11), worker_ids: [worker.id], status: 'confirmed' };
    const created = await o.book(body, { 'Idempotency-Key': key });
    expect(created.status, created.text).to.equal(201);
    const id = created.body.id as string;
    // A retry of the same request is the same booking: nothing more is queued.
    expect((await o.book(body, { 'Idempotency-Key': key })).headers.get('idempotent-replayed')).to.equal('true');
    expect(await keysFor(clientEmail)).to.deep.equal([['booking_confirmed', `booking:${id}:confirmed`]]);
    expect(await keysFor(workerEmail)).to.deep.equal([['worker_assignment', `booking:${id}:worker`]]);

    expect((await o.call('POST', `/v1/admin/bookings/${id}/reschedule`, { body: { start: at(day, 13), end: at(day, 15) } })).status).to.equal(200);
    expect((await o.call('POST', `/v1/admin/bookings/${id}/cancel`, { body: { reason: 'Client away <b>' } })).status).to.equal(200);

    const toClient = await h().queued(clientEmail);
    expect(toClient.map((m) => m.template)).to.deep.equal(['booking_confirmed', 'booking_rescheduled', 'booking_cancelled']);
    const rescheduled = toClient[1]!.event.payload;
    expect(rescheduled.kind === 'email' && rescheduled.message.data).to.deep.include({ startsAt: at(day, 13), previousStartsAt: at(day, 9) });
    const cancelled = toClient[2]!.event.payload;
    expect(cancelled.kind === 'email' && cancelled.message.data).to.deep.include({ reason: 'Client away <b>' });
    const toWorker = await h().queued(workerEmail);
    expect(toWorker.map((m) => (m.event.payload.kind === 'email' ? (m.event.payload.message.data as { change: string }).change : null))).to.deep.equal(['assigned', 'changed', 'unassigned']);
    expect(toClient.concat(toWorker).every((m) => m.event.orgId === o.orgId && m.secret === null)).to.equal(true);
  });

  it('a booking refused for a taken slot (409) queues nothing', async () => {
    const o = await OrgApi.create(h());
    const clientEmail = `client-${randomUUID().slice(0, 8)}@example.com`;
    const client = await o.client({ email: clientEmail });
    const worker = await o.worker();
    const day = utcDay(5);
    await o.booking({ client_id: client.id, start: at(day, 9), end: at(day, 11), worker_ids: [worker.id], status: 'confirmed' });
    const clash = await o.book({ client_id: client.id, start: at(day, 10), end: at(day, 12), worker_ids: [worker.id], status: 'confirmed' });
    expect(clash.status).to.equal(409);
    expect(await h().queued(clientEmail)).to.have.length(1);
  });

  it('an org that turned booking_confirmed off queues none; its other notifications still go', async () => {
    const o = await OrgApi.create(h());
    const off = await o.call('PATCH', '/v1/admin/org/settings', { body: { notifications: { booking_confirmed: false } } });
    expect(off.status, off.text).to.equal(200);
    const clientEmail = `client-${randomUUID().slice(0, 8)}@example.com`;
    const client = await o.client({ email: clientEmail });
    const booking = await o.booking({ client_id: client.id, start: at(utcDay(6), 9), end: at(utcDay(6), 10), status: 'confirmed' });
    expect(await h().queued(clientEmail)).to.deep.equal([]);
    await o.call('POST', `/v1/admin/bookings/${booking.id}/cancel`, { body: { reason: 'rain' } });
    expect((await h().queued(clientEmail)).map((m) => m.template)).to.deep.equal(['booking_cancelled']);
  });

  it('a client without an email address is told nothing', async () => {
    const o = await OrgApi.create(h());
    const phoneOnly = await o.client({ phone: '+1 555 010 9999' });
    const booking = await o.booking({ client_id: phoneOnly.id, start: at(utcDay(7), 9), end: at(utcDay(7), 10), status: 'confirmed' });
    const rows = (await h().queued('+15550109999')).concat(await h().queued('+1 555 010 9999'));
    expect(rows).to.deep.equal([]);
    expect(booking.status).to.equal('confirmed');
  });
});
