import { expect } from 'chai';
import { depositAmountCents, type Client } from '@cws/core';
import { expectAppError } from '../../support/core-fixture.js';
import { billingFixture, type BillingFixture } from '../../support/billing-fixture.js';
import { HOUR, UNKNOWN_ID } from '../../support/scheduling-fixture.js';

describe('deposit rule arithmetic', () => {
  it('percent rules round half up to a whole minor unit; fixed rules are capped at the price; no rule or no price is none', () => {
    expect(depositAmountCents({ depositPercentBasis: 2_500, depositCents: null }, 9_000)).to.equal(2_250);
    expect(depositAmountCents({ depositPercentBasis: 3_333, depositCents: null }, 1_005)).to.equal(335); // 334.9665 → 335
    expect(depositAmountCents({ depositPercentBasis: 5_000, depositCents: null }, 1)).to.equal(1); // 0.5 → 1
    expect(depositAmountCents({ depositPercentBasis: 1, depositCents: null }, 4_999)).to.equal(null); // 0.4999 → 0: nothing to take
    expect(depositAmountCents({ depositPercentBasis: 10_000, depositCents: null }, 100_000_000)).to.equal(100_000_000);
    expect(depositAmountCents({ depositPercentBasis: null, depositCents: 5_000 }, 3_000)).to.equal(3_000);
    expect(depositAmountCents({ depositPercentBasis: null, depositCents: 500 }, 3_000)).to.equal(500);
    expect(depositAmountCents({ depositPercentBasis: null, depositCents: null }, 3_000)).to.equal(null);
    expect(depositAmountCents({ depositPercentBasis: 2_500, depositCents: null }, null)).to.equal(null);
    expect(depositAmountCents(null, 3_000)).to.equal(null);
  });
});

describe('deposits (memory)', () => {
  let fx: BillingFixture;
  let orgId: string;
  let otherOrg: string;
  let client: Client;

  async function world(enabled: boolean) {
    fx = billingFixture({ billing: { depositsEnabled: enabled, publicBaseUrl: 'https://pay.example.com' } });
    orgId = await fx.newOrg('acme', { currency: 'GBP' });
    otherOrg = await fx.newOrg('rival');
    client = await fx.client(orgId);
  }

  const tomorrow = (hours = 24) => new Date(fx.clock.now().getTime() + hours * HOUR);
  const booking = async (serviceFields: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
    const service = await fx.service(orgId, { priceMinor: 9_000, ...serviceFields });
    return fx.book(orgId, client.id, tomorrow(), tomorrow(26), { serviceId: service.id, ...extra });
  };
  const deposit = (bookingId: string, extra: Record<string, unknown> = {}, org = orgId) =>
    fx.core.payments.recordManualDeposit.execute(fx.ctx(org), { bookingId, method: 'cash', ...extra } as never);

  it('services carry at most one deposit rule', async () => {
    await world(true);
    const pct = await fx.service(orgId, { depositPercentBasis: 2_500 });
    expect(pct).to.include({ depositPercentBasis: 2_500, depositCents: null });
    await expectAppError(fx.service(orgId, { depositPercentBasis: 2_500, depositCents: 100 }), 'validation.failed');
    await expectAppError(fx.core.workforce.updateService.execute(fx.ctx(orgId), { id: pct.id, depositCents: 100 }), 'validation.failed');
    const switched = await fx.core.workforce.updateService.execute(fx.ctx(orgId), { id: pct.id, depositCents: 100, depositPercentBasis: null });
    expect(switched).to.include({ depositPercentBasis: null, depositCents: 100 });
    await expectAppError(fx.service(orgId, { depositPercentBasis: 10_001 }), 'validation.failed');
  });

  it('DEPOSITS_ENABLED off: deposit.disabled for both the manual deposit and the checkout', async () => {
    await world(false);
    const b = await booking({ depositPercentBasis: 2_500 });
    await expectAppError(deposit(b.id), 'deposit.disabled');
    await expectAppError(fx.core.payments.createDepositCheckout.execute(fx.ctx(orgId), { bookingId: b.id }), 'deposit.disabled');
    // Another org's booking is unknown whatever the switch says.
    await expectAppError(deposit(b.id, {}, otherOrg), 'booking.not_found');
    await expectAppError(fx.core.payments.createDepositCheckout.execute(fx.ctx(otherOrg), { bookingId: b.id }), 'booking.not_found');
    expect([...fx.state.tables.payments.values()]).to.deep.equal([]);
  });

  it('a manual deposit defaults to the service’s rule on the booking’s price, is on no invoice, and is taken once', async () => {
    await world(true);
    const b = await booking({ depositPercentBasis: 2_500 });
    const taken = await deposit(b.id, { reference: 'card at desk' });
    expect(taken).to.include({ purpose: 'deposit', bookingId: b.id, invoiceId: null, amountCents: 2_250, currency: 'GBP', provider: 'manual', status: 'succeeded', clientId: client.id });
    await expectAppError(deposit(b.id), 'deposit.not_applicable');
    await expectAppError(fx.core.payments.createDepositCheckout.execute(fx.ctx(orgId), { bookingId: b.id }), 'deposit.not_applicable');
    // Staff may still record an agreed extra amount.
    expect(await deposit(b.id, { amountCents: 1_000 })).to.include({ amountCents: 1_000 });
    expect(fx.audit(orgId, 'payment.recorded').map((a) => a.metadata)).to.deep.equal([{ booking_id: b.id }, { booking_id: b.id }]);
  });

  it('a fixed rule, and the booking’s own price over the service’s', async () => {
    await world(true);
    const b = await booking({ depositCents: 4_000 }, { priceEstimateMinor: 3_000 });
    expect((await deposit(b.id)).amountCents).to.equal(3_000);
  });

  it('no rule and no amount is deposit.not_applicable; a started, cancelled or other org’s booking is refused', async () => {
    await world(true);
    const plain = await booking({});
    await expectAppError(deposit(plain.id), 'deposit.not_applicable');
    expect(await deposit(plain.id, { amountCents: 500 })).to.include({ amountCents: 500 });
    const b = await booking({ depositPercentBasis: 2_500 });
    await expectAppError(deposit(b.id, {}, otherOrg), 'booking.not_found');
    await expectAppError(deposit(UNKNOWN_ID), 'booking.not_found');
    await expectAppError(fx.core.payments.createDepositCheckout.execute(fx.ctx(otherOrg), { bookingId: b.id }), 'booking.not_found');
    await fx.core.bookings.cancel.execute(fx.ctx(orgId), { id: b.id, reason: 'client moved' });
    await expectAppError(deposit(b.id), 'booking.not_plannable');
    const later = await booking({ depositPercentBasis: 2_500 });
    fx.clock.set(new Date(later.startsAt.getTime() + 60_000));
    await expectAppError(deposit(later.id), 'booking.not_plannable');
    expect([...fx.state.tables.payments.values()].filter((p) => p.bookingId === b.id || p.bookingId === later.id)).to.deep.equal([]);
  });

  it('a deposit checkout with a rule due reaches the processor step (payment.not_configured here)', async () => {
    await world(true);
    const b = await booking({ depositPercentBasis: 2_500 });
    await expectAppError(fx.core.payments.createDepositCheckout.execute(fx.ctx(orgId), { bookingId: b.id }), 'payment.not_configured');
  });

  it('a manual deposit can be refunded (no invoice to settle)', async () => {
    await world(true);
    const b = await booking({ depositPercentBasis: 2_500 });
    const taken = await deposit(b.id);
    const { payment, invoice } = await fx.core.payments.refund.execute(fx.ctx(orgId), { paymentId: taken.id });
    expect(payment).to.include({ status: 'refunded', refundedCents: 2_250 });
    expect(invoice).to.equal(null);
  });
});
