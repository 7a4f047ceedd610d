/**
 * One spelling for one thing across the API: a lead's address and a client's address have the
 * same fields (a client's adds only what a stored row of a list has: id, is_primary, timestamps);
 * a booking's history shows its before/after in the API's snake_case, like the booking itself;
 * an error about the Idempotency-Key header points at the header, not into the body.
 */
import { expect } from 'chai';
import { OrgApi, at, onEachDatabase, utcDay } from '@cws/e2e-tests';

/** Every key at any depth that is not snake_case (a camelCase key leaking from the core). */
function camelKeys(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => camelKeys(v, `${path}/${i}`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [...(/[A-Z]/.test(k) ? [`${path}/${k}`] : []), ...camelKeys(v, `${path}/${k}`)]);
}

const ROW_FIELDS = ['id', 'is_primary', 'created_at', 'updated_at'];

onEachDatabase('consistent shapes over HTTP', (h) => {
  it('a lead takes and shows its address in the form of a client’s address, and conversion carries all of it over', async () => {
    const o = await OrgApi.create(h());
    const address = { label: 'Home', line1: '7 Compiler Rd', line2: 'Flat 2', city: 'Arlington', region: 'VA', postal_code: '22201', country: 'us', access_notes: 'Gate code 4821' };
    const lead = await o.expect(201, 'POST', '/v1/admin/leads', { name: 'Grace Hopper', email: 'grace@example.com', address });
    const expected = { ...address, country: 'US' };
    expect(lead.address).to.deep.equal(expected);

    const client = await o.expect(201, 'POST', '/v1/admin/clients', { name: 'Ada', addresses: [address] });
    const clientAddress = client.addresses[0];
    expect(Object.keys(lead.address).sort()).to.deep.equal(Object.keys(clientAddress).filter((k) => !ROW_FIELDS.includes(k)).sort());
    expect(Object.fromEntries(Object.entries(clientAddress).filter(([k]) => !ROW_FIELDS.includes(k)))).to.deep.equal(expected);

    // The public form speaks the same form.
    const intake = await h().api.call('POST', '/v1/public/leads', { as: null, body: { org_slug: o.slug, name: 'Walk In', phone: '+15550100', address } });
    expect(intake.status, intake.text).to.equal(201);

    const converted = await o.expect(201, 'POST', `/v1/admin/leads/${lead.id}/convert`);
    expect(converted.client.addresses).to.have.length(1);
    expect(converted.client.addresses[0]).to.deep.include({ ...expected, is_primary: true });

    // The OpenAPI document says the same, for what is sent and what is answered.
    const doc = (await h().api.call('GET', '/openapi.json', { as: null })).body;
    type SchemaNode = { $ref?: string; anyOf?: SchemaNode[]; type?: string; properties?: Record<string, SchemaNode>; items?: SchemaNode };
    // Named schemas are components: follow each $ref to the one definition.
    const deref = (schema: SchemaNode): SchemaNode => (schema.$ref ? deref(doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')]) : schema);
    const objectOf = (schema: SchemaNode) => {
      const resolved = deref(schema);
      return (resolved.anyOf ? deref(resolved.anyOf.find((x) => deref(x).type === 'object')!) : resolved) as { properties: Record<string, SchemaNode> };
    };
    const fields = (schema: SchemaNode) => Object.keys(objectOf(schema).properties).filter((k) => !ROW_FIELDS.includes(k)).sort();
    const answered = (path: string) => objectOf(doc.paths[path].get.responses['200'].content['application/json'].schema).properties;
    const sent = (path: string) => objectOf(doc.paths[path].post.requestBody.content['application/json'].schema).properties;
    const itemsOf = (schema: SchemaNode) => deref(schema).items!;
    expect(fields(answered('/v1/admin/leads/{id}').address!)).to.deep.equal(fields(itemsOf(answered('/v1/admin/clients/{id}').addresses!)));
    expect(fields(sent('/v1/admin/leads').address!)).to.deep.equal(fields(itemsOf(sent('/v1/admin/clients').addresses!)));
    expect(fields(sent('/v1/public/leads').address!)).to.deep.equal(fields(itemsOf(sent('/v1/admin/clients').addresses!)));
  });

  it('viewers get a lead’s access notes masked, as they get a client’s', async () => {
    const o = await OrgApi.create(h());
    const lead = await o.expect(201, 'POST', '/v1/admin/leads', { name: 'Masked', email: 'm@example.com', address: { line1: '1 Secret Way', city: 'Leeds', access_notes: 'Key under the mat' } });
    const seen = await o.call('GET', `/v1/admin/leads/${lead.id}`, { as: 'viewer' });
    expect(seen.status).to.equal(200);
    expect(seen.text).to.not.include('Key under the mat').and.not.include('1 Secret Way');
  });

  it('a booking’s history shows before and after in snake_case, the keys GET /bookings/{id} uses', async () => {
    const o = await OrgApi.create(h());
    const [worker, client] = [await o.worker(), await o.client()];
    const day = utcDay(3);
    const booking = await o.booking({ client_id: client.id, start: at(day, 10), end: at(day, 12), worker_ids: [worker.id], notes: 'Bring ladders' });
    await o.expect(200, 'POST', `/v1/admin/bookings/${booking.id}/reschedule`, { start: at(day, 13) });
    const history = await o.expect(200, 'GET', `/v1/admin/bookings/${booking.id}/history`);
    expect(history.items.map((e: { action: string }) => e.action)).to.deep.equal(['booking.reschedule', 'booking.create']);
    expect(camelKeys(history.items)).to.deep.equal([]);
    const [moved, created] = history.items;
    expect(created.after).to.include({ id: booking.id, client_id: client.id, starts_at: booking.starts_at, time_zone: booking.time_zone, notes: 'Bring ladders' });
    expect(created.after.workers).to.deep.equal([{ worker_id: worker.id, via_team: false }]);
    expect(moved.before.starts_at).to.equal(booking.starts_at);
    expect(moved.after.starts_at).to.equal(at(day, 13));
    // Viewers still get the notes masked in the history.
    const viewer = await o.call('GET', `/v1/admin/bookings/${booking.id}/history`, { as: 'viewer' });
    expect(viewer.text).to.not.include('Bring ladders');
    expect(camelKeys(viewer.body.items)).to.deep.equal([]);
  });

  it('an unusable or reused Idempotency-Key is a 422 pointing at the header', async () => {
    const o = await OrgApi.create(h());
    const client = await o.client();
    const day = utcDay(4);
    const body = { client_id: client.id, start: at(day, 9), end: at(day, 10) };
    for (const key of ['has a space', 'k'.repeat(256)]) {
      const r = await o.book(body, { 'Idempotency-Key': key });
      expect(r.status, r.text).to.equal(422);
      expect(r.body.errors).to.deep.equal([{ pointer: '/Idempotency-Key', in: 'header', detail: r.body.errors[0].detail }]);
      expect(r.body.errors[0].detail).to.match(/ASCII/);
    }
    expect((await o.book(body, { 'Idempotency-Key': 'readme-key-1' })).status).to.equal(201);
    const reused = await o.book({ ...body, notes: 'another body' }, { 'Idempotency-Key': 'readme-key-1' });
    expect([reused.status, reused.body.code]).to.deep.equal([422, 'idempotency.key_reused']);
    expect(reused.body.errors.map((e: { pointer: string; in: string }) => [e.pointer, e.in])).to.deep.equal([['/Idempotency-Key', 'header']]);
    // A body error and a header error in one request each point where they are.
    const both = await o.book({ ...body, end: at(day, 8) }, { 'Idempotency-Key': 'has a space' });
    expect(both.body.errors.map((e: { pointer: string; in: string }) => [e.pointer, e.in]).sort()).to.deep.equal([
      ['/Idempotency-Key', 'header'],
      ['/end', 'body'],
    ]);
  });
});
