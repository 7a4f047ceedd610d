/**
 * The demo org's "tomorrow": the org's next day (in its zone, not the server's or UTC) on which
 * the demo workers work, so every seeded visit lies inside its worker's hours whatever the day
 * and hour `npm start` first runs. Fixed clocks at a zone boundary and on a weekend prove it.
 */
import { expect } from 'chai';
import { createMemoryAdapters } from '@cws/adapter-memory';
import { createCore, localDateOf, weekdayOf, type Core, type RequestContext } from '@cws/core';
import { DEMO_WORKER_EMAIL, seedDemoOrg } from '@cws/composition';

const ZONE = 'America/New_York';

async function seeded(now: Date, options: Parameters<typeof seedDemoOrg>[2] = {}) {
  const core: Core = createCore(createMemoryAdapters());
  const demo = await seedDemoOrg(core, now, options);
  const ctx: RequestContext = { orgId: demo.orgId, actor: { kind: 'staff', id: 'test', role: 'owner' }, requestId: 'r', now };
  const page = await core.bookings.list.execute(ctx, { start: now.toISOString(), end: new Date(now.getTime() + 21 * 86_400_000).toISOString() });
  return { core, demo, ctx, bookings: page.items };
}

/** The local dates of the one-off demo visits (the series' occurrences fall on their own weekday). */
function visitDates(bookings: ReadonlyArray<{ seriesId: string | null; startsAt: Date }>): string[] {
  return [...new Set(bookings.filter((b) => b.seriesId === null).map((b) => localDateOf(b.startsAt, ZONE)))];
}

describe('demo seed (npm start on an empty database)', () => {
  it('puts tomorrow’s visits on the org’s tomorrow at a zone boundary: 23:30 in New York is already the next day in UTC', async () => {
    // Wednesday 2026-03-04 23:30 in New York = Thursday 04:30 UTC.
    const { bookings } = await seeded(new Date('2026-03-05T04:30:00Z'));
    expect(visitDates(bookings)).to.deep.equal(['2026-03-05']);
  });

  it('skips to the workers’ next working day: on a Friday evening (Saturday in UTC) the visits are on Monday', async () => {
    // Friday 2026-03-06 20:00 in New York = Saturday 01:00 UTC.
    const { bookings } = await seeded(new Date('2026-03-07T01:00:00Z'));
    expect(visitDates(bookings)).to.deep.equal(['2026-03-09']);
    expect(weekdayOf('2026-03-09')).to.equal('mon');
  });

  it('skips the weekend when started on a Saturday', async () => {
    const { bookings } = await seeded(new Date('2026-03-07T15:00:00Z')); // Saturday 10:00 in New York
    expect(visitDates(bookings)).to.deep.equal(['2026-03-09']);
  });

  it('keeps every seeded visit inside its workers’ working hours (no warnings on the demo board)', async () => {
    for (const now of ['2026-03-05T04:30:00Z', '2026-03-07T01:00:00Z', '2026-03-10T14:00:00Z']) {
      const { core, ctx, bookings } = await seeded(new Date(now));
      expect(bookings.length, now).to.be.at.least(4);
      for (const b of bookings) {
        for (const w of b.workers) {
          const report = await core.schedule.conflicts.execute(ctx, { start: b.startsAt.toISOString(), end: b.endsAt.toISOString(), workerId: w.workerId, bookingId: b.id });
          expect(report.conflicts.map((c) => c.reason), `${now}: ${b.id}`).to.deep.equal([]);
        }
      }
    }
  });

  it('gives the demo worker a known portal password that must be changed at first sign-in, and a free schedule for the README’s booking', async () => {
    const now = new Date('2026-03-05T04:30:00Z');
    const { core, demo, ctx, bookings } = await seeded(now, { worker: { password: 'Demo-Worker-Broom-2026' } });
    expect(demo.workerLogin).to.equal(DEMO_WORKER_EMAIL);
    const { worker } = await core.workerPortal.signIn.execute(
      { requestId: ctx.requestId, now: ctx.now, clientIp: '127.0.0.1' },
      { orgId: ctx.orgId, login: DEMO_WORKER_EMAIL, password: 'Demo-Worker-Broom-2026' },
    );
    expect(worker.mustChangePortalPassword).to.equal(true);
    expect(bookings.filter((b) => b.workers.some((w) => w.workerId === worker.id))).to.deep.equal([]);
    const withoutOne = await seedDemoOrg(createCore(createMemoryAdapters()), now);
    expect(withoutOne.workerLogin).to.equal(null);
  });

  it('starts the books with a paid, a partly paid and an overdue invoice, whatever the day (numbers in issue order, totals from the lines)', async () => {
    for (const now of [new Date('2026-03-05T04:30:00Z'), new Date('2027-01-02T15:00:00Z')]) {
      const { core, demo, ctx } = await seeded(now);
      expect(demo.invoices).to.equal(3);
      const page = await core.invoices.list.execute(ctx, {});
      const byStatus = Object.fromEntries(page.items.map((d) => [d.invoice.status, d.invoice]));
      expect(Object.keys(byStatus).sort(), now.toISOString()).to.deep.equal(['OVERDUE', 'PAID', 'PARTIAL']);
      expect(byStatus['PAID']).to.include({ totalCents: 16740, paidCents: 16740, taxCents: 1240 });
      expect(byStatus['PARTIAL']).to.include({ totalCents: 88020, paidCents: 40000 });
      expect(byStatus['OVERDUE']).to.include({ totalCents: 28080, paidCents: 0 });
      expect(byStatus['OVERDUE']!.dueDate! < localDateOf(now, ZONE)).to.equal(true);
      const issued = page.items.map((d) => d.invoice).sort((a, b) => a.issueDate!.localeCompare(b.issueDate!));
      expect(issued.map((i) => i.status), 'numbered in the order they were issued').to.deep.equal(['OVERDUE', 'PAID', 'PARTIAL']);
      expect([...issued].sort((a, b) => a.number!.localeCompare(b.number!)).map((i) => i.id)).to.deep.equal(issued.map((i) => i.id));
      const report = await core.finance.reconcileReport.execute(ctx, { status: 'mismatch' });
      expect(report.total, 'the seeded books agree with their payments').to.equal(0);
    }
  });
});
