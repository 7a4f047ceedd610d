/**
 * The webhook's and the events view's own checks in the core (memory adapters). Signed events,
 * effects and ordering run with the real Stripe adapter in test/e2e/test/stripe-webhook.e2e.test.ts.
 */
import { expect } from 'chai';
import { MAX_WEBHOOK_BODY_BYTES, type StripeEventRecord } from '@cws/core';
import { coreFixture, expectAppError, expectInvalid, T0, type CoreFixture } from '../support/core-fixture.js';

describe('HandlePaymentWebhook (no processor configured)', () => {
  it('refuses as payment.not_configured and writes nothing', async () => {
    const fx = coreFixture();
    const orgId = await fx.newOrg('acme');
    await expectAppError(fx.core.stripe.handleWebhook.execute(fx.sys(), { rawBody: new TextEncoder().encode('{}'), signature: 't=1,v1=x' }), 'payment.not_configured');
    expect([...fx.state.tables.stripeEvents.values()].filter((e) => e.orgId === orgId)).to.have.length(0);
  });

  it('refuses a body over 1 MB and an empty signature before anything else', async () => {
    const fx = coreFixture();
    await expectInvalid(fx.core.stripe.handleWebhook.execute(fx.sys(), { rawBody: new Uint8Array(MAX_WEBHOOK_BODY_BYTES + 1), signature: 't=1,v1=x' }), ['/rawBody']);
    await expectInvalid(fx.core.stripe.handleWebhook.execute(fx.sys(), { rawBody: new Uint8Array(10), signature: '' }), ['/signature']);
  });
});

describe('GetStripeEvents', () => {
  let fx: CoreFixture;
  let orgId: string;
  let otherOrgId: string;
  const invoiceId = '0b7c6a52-8f0e-4c55-9a51-6f3c2a1d9e01';

  const record = (org: string, eventId: string, seconds: number, overrides: Partial<StripeEventRecord> = {}): StripeEventRecord => ({
    eventId,
    orgId: org,
    type: 'payment_intent.succeeded',
    invoiceId: null,
    bookingId: null,
    processedStatus: 'processed',
    lastError: null,
    createdAt: new Date(T0.getTime() + seconds * 1000),
    receivedAt: T0,
    processedAt: T0,
    ...overrides,
  });

  beforeEach(async () => {
    fx = coreFixture();
    orgId = await fx.newOrg('acme');
    otherOrgId = await fx.newOrg('other');
    await fx.adapters.uow.run(fx.ctx(orgId), async (repos) => {
      await repos.stripeEvents.record(record(orgId, 'evt_1', 1, { invoiceId }));
      await repos.stripeEvents.record(record(orgId, 'evt_2', 2, { type: 'customer.created', processedStatus: 'ignored' }));
      await repos.stripeEvents.record(record(orgId, 'evt_3', 3, { processedStatus: 'failed', lastError: 'currency EUR is not the invoice’s USD', invoiceId }));
    });
    await fx.adapters.uow.run(fx.ctx(otherOrgId), (repos) => repos.stripeEvents.record(record(otherOrgId, 'evt_other', 9, { invoiceId })));
  });

  const ids = (page: { items: readonly StripeEventRecord[] }) => page.items.map((e) => e.eventId);

  it('lists the org’s events newest first with the total, 50 by default', async () => {
    const page = await fx.core.stripe.events.execute(fx.ctx(orgId), {});
    expect(ids(page)).to.deep.equal(['evt_3', 'evt_2', 'evt_1']);
    expect(page).to.include({ total: 3, limit: 50, offset: 0 });
  });

  it('filters by invoice, booking and status, and pages', async () => {
    expect(ids(await fx.core.stripe.events.execute(fx.ctx(orgId), { invoiceId: invoiceId.toUpperCase() }))).to.deep.equal(['evt_3', 'evt_1']);
    expect(ids(await fx.core.stripe.events.execute(fx.ctx(orgId), { status: 'failed' }))).to.deep.equal(['evt_3']);
    expect(ids(await fx.core.stripe.events.execute(fx.ctx(orgId), { bookingId: invoiceId }))).to.deep.equal([]);
    const page = await fx.core.stripe.events.execute(fx.ctx(orgId), { limit: 1, offset: 1 });
    expect(ids(page)).to.deep.equal(['evt_2']);
    expect(page.total).to.equal(3);
  });

  it('refuses a non-UUID id, an unknown status and a limit over 200', async () => {
    await expectInvalid(fx.core.stripe.events.execute(fx.ctx(orgId), { invoiceId: 'inv-1' }), ['/invoiceId']);
    await expectInvalid(fx.core.stripe.events.execute(fx.ctx(orgId), { status: 'done' as never }), ['/status']);
    await expectInvalid(fx.core.stripe.events.execute(fx.ctx(orgId), { limit: 201 }), ['/limit']);
    await expectInvalid(fx.core.stripe.events.execute(fx.ctx(orgId), { offset: -1 }), ['/offset']);
  });
});
