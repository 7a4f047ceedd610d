/**
 * The demo org a fresh embedded database starts with, so `npm start` shows something real:
 * a cleaning business with a few clients and leads in different stages, a team and workers, and
 * visits on the org's next working day. Created through the core's use cases, so it is audited
 * like any other data.
 */
import { randomUUID } from 'node:crypto';
import { addDays, localDateOf, weekdayOf, zonedInstant, type Core, type CreateInvoiceInput, type CreateLeadInput, type SystemContext, type CreateWorkerInput, type LocalDate, type RequestContext, type WorkingHours } from '@cws/core';

export const DEMO_ORG_SLUG = 'demo-cleaning';
/** The demo worker who can sign in to the worker portal (when the seed is given a password). */
export const DEMO_WORKER_EMAIL = 'kim@demo-cleaning.example.com';

export interface DemoSeedResult {
  readonly orgId: string;
  readonly slug: string;
  readonly clients: number;
  readonly leads: number;
  readonly workers: number;
  readonly bookings: number;
  /** Issued invoices: one paid, one partly paid, one overdue. */
  readonly invoices: number;
  /** The owner's email, when one was created. */
  readonly ownerEmail: string | null;
  /** Set when the owner got a generated temporary password (no password was given). */
  readonly ownerTemporaryPassword: string | null;
  /** The demo worker's portal login, when they were given a password. */
  readonly workerLogin: string | null;
}

export interface DemoSeedOptions {
  readonly orgId?: string;
  /** An owner account for the demo org (through the same use case as `npm run bootstrap`). */
  readonly owner?: { readonly email: string; readonly password?: string };
  /**
   * A worker portal password for the demo worker (DEMO_WORKER_EMAIL). Set by "staff", so the
   * worker must change it at first sign-in, as any worker would.
   */
  readonly worker?: { readonly password: string };
}

export async function seedDemoOrg(core: Core, now: Date, options: DemoSeedOptions = {}): Promise<DemoSeedResult> {
  const requestId = `seed-${randomUUID()}`;
  const sys = { actor: { kind: 'system' as const, id: 'demo-seed', role: null }, requestId, now, reason: 'first start of an empty database' };
  const orgInput = {
    name: 'Sparkle & Shine Cleaning (demo)',
    slug: DEMO_ORG_SLUG,
    timeZone: 'America/New_York',
    currency: 'USD',
    leadAutoArchiveDays: 90,
    ...(options.orgId ? { id: options.orgId } : {}),
  };
  let ownerTemporaryPassword: string | null = null;
  let org: { id: string; slug: string };
  if (options.owner === undefined) {
    ({ org } = await core.orgs.create.execute(sys, orgInput));
  } else {
    const made = await core.identity.bootstrapOwner.execute(sys, {
      ...orgInput,
      ownerEmail: options.owner.email,
      ownerName: 'Demo Owner',
      ...(options.owner.password !== undefined ? { ownerPassword: options.owner.password } : {}),
    });
    org = made.org;
    ownerTemporaryPassword = made.temporaryPassword;
  }
  const ctx: RequestContext = { orgId: org.id, actor: { kind: 'system', id: 'demo-seed', role: null }, requestId, now };
  const clients = [
    { name: 'Maria Gonzalez', email: 'maria.gonzalez@example.com', phone: '+1 (212) 555-0147', notes: 'Biweekly standard clean; allergic to bleach.',
      addresses: [{ label: 'Home', line1: '221 W 79th St', line2: 'Apt 5B', city: 'New York', region: 'NY', postalCode: '10024', country: 'US', accessNotes: 'Doorman has the key.' }] },
    { name: 'Brightside Dental', email: 'office@brightside-dental.example.com', phone: '+1 212 555 0199', notes: 'After-hours office clean, Fridays.',
      addresses: [{ label: 'Office', line1: '45 Park Ave', city: 'New York', region: 'NY', postalCode: '10016', country: 'US', accessNotes: 'Alarm code from the manager.' }] },
    { name: 'James Okafor', email: 'james.okafor@example.com', phone: '+1 718 555 0123', notes: null,
      addresses: [
        { label: 'Home', line1: '88 Prospect Park W', city: 'Brooklyn', region: 'NY', postalCode: '11215', country: 'US', accessNotes: null },
        { label: 'Rental', line1: '12 Bergen St', city: 'Brooklyn', region: 'NY', postalCode: '11201', country: 'US', accessNotes: 'Lockbox 4821.' },
      ] },
  ];
  const made = [];
  for (const client of clients) made.push(await core.clients.create.execute(ctx, client));
  const leads: CreateLeadInput[] = [
    { name: 'Priya Shah', email: 'priya.shah@example.com', phone: '+1 646 555 0172', source: 'public_form', serviceRequested: 'Move-out deep clean, 2 bedrooms' },
    { name: 'Tom Becker', phone: '+1 917 555 0110', source: 'phone', serviceRequested: 'Weekly clean quote', status: 'contacted' },
    { name: 'Harbor View Co-op', email: 'board@harborview.example.com', source: 'referral', serviceRequested: 'Common areas, 3x a week', status: 'qualified',
      address: { line1: '300 Harbor Rd', city: 'Staten Island', region: 'NY', postalCode: '10301', country: 'US' } },
    { name: 'Lena Fischer', email: 'lena.fischer@example.com', source: 'web', serviceRequested: 'One-off spring clean', status: 'lost', notes: 'Went with a cheaper quote.' },
  ];
  for (const lead of leads) await core.leads.create.execute(ctx, lead);
  const { bookings, portalWorkerId } = await seedSchedule(core, ctx, made.map((c) => c.id), orgInput.timeZone);
  if (options.worker !== undefined) await core.workforce.setWorkerPassword.execute(ctx, { id: portalWorkerId, password: options.worker.password });
  const invoices = await seedInvoices(core, ctx, sys, made.map((c) => c.id));
  return {
    orgId: org.id,
    slug: org.slug,
    clients: clients.length,
    leads: leads.length,
    workers: 3,
    bookings,
    invoices,
    ownerEmail: options.owner?.email ?? null,
    ownerTemporaryPassword,
    workerLogin: options.worker === undefined ? null : DEMO_WORKER_EMAIL,
  };
}

/**
 * The books of the last weeks, made as staff would have made them then (each step at its own
 * time, in date order, so the numbers follow the issue dates): a paid invoice, a partly paid one and one past its due date, which the overdue job
 * marks. The invoice mail and receipts go to the outbox like any other.
 */
async function seedInvoices(core: Core, ctx: RequestContext, sys: SystemContext, clientIds: readonly string[]): Promise<number> {
  const [maria, dental, james] = clientIds as [string, string, string];
  const daysAgo = (days: number): RequestContext => ({ ...ctx, now: new Date(ctx.now.getTime() - days * 86_400_000) });
  const issue = async (at: RequestContext, clientId: string, lines: CreateInvoiceInput['lines']) => {
    const draft = await core.invoices.create.execute(at, { clientId, lines, paymentTermsDays: 14 });
    await core.invoices.issue.execute(at, { invoiceId: draft.invoice.id });
    return draft.invoice.id;
  };
  await issue(daysAgo(30), james, [{ description: 'Deep clean, rental between guests', quantity: 1, unitPriceCents: 26000, taxRateBasis: 800 }]);
  const paid = await issue(daysAgo(12), maria, [{ description: 'Standard clean (2 h)', quantity: 1, unitPriceCents: 12000, taxRateBasis: 800 }, { description: 'Inside the oven', quantity: 1, unitPriceCents: 3500, taxRateBasis: 800 }]);
  await core.payments.recordManual.execute(daysAgo(10), { invoiceId: paid, method: 'bank_transfer', amountCents: 16740, tipCents: 1500, reference: 'ACH 20417' });
  const partial = await issue(daysAgo(6), dental, [{ description: 'After-hours office clean', quantity: 4, unitPriceCents: 18000, taxRateBasis: 800 }, { description: 'Interior windows', quantity: 2.5, unitPriceCents: 3800, taxRateBasis: 800 }]);
  await core.payments.recordManual.execute(daysAgo(2), { invoiceId: partial, method: 'cheque', amountCents: 40000, reference: 'Cheque 1182' });
  await core.finance.markOverdue.execute({ ...sys, reason: 'demo seed: invoices past their due date' });
  return 3;
}

/**
 * The first local date after `today` on which any of the hours has a span: "tomorrow" for a demo
 * schedule, skipping the days nobody works (a start on Friday evening or Saturday books Monday).
 */
export function nextWorkingDay(today: LocalDate, hours: readonly WorkingHours[]): LocalDate {
  for (let i = 1; i <= 7; i += 1) {
    const day = addDays(today, i);
    if (hours.some((h) => (h[weekdayOf(day)] ?? []).length > 0)) return day;
  }
  return addDays(today, 1);
}

/**
 * A small schedule on the org's next working day (read in its zone): a team of two doing a deep
 * clean, an after-hours office clean by one of them, an unassigned visit for the queue and a
 * biweekly series — each inside its workers' hours. The third worker (the portal demo) is left
 * free, so the README's "book Kim in half an hour" never meets a seeded visit.
 */
async function seedSchedule(core: Core, ctx: RequestContext, clientIds: readonly string[], zone: string): Promise<{ bookings: number; portalWorkerId: string }> {
  const team = await core.workforce.createTeam.execute(ctx, { name: 'Team Blue' });
  const weekdays = (start: string, end: string): NonNullable<CreateWorkerInput['workingHours']> => Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ start, end }]]));
  const dayShift = weekdays('08:00', '17:00');
  const lateShift = weekdays('10:00', '20:00');
  const rosa = await core.workforce.createWorker.execute(ctx, { name: 'Rosa Lima', phone: '+1 212 555 0301', email: 'rosa@demo-cleaning.example.com', teamId: team.id, skills: ['deep-clean', 'pets-ok'], workingHours: dayShift });
  const dmitri = await core.workforce.createWorker.execute(ctx, { name: 'Dmitri Volkov', phone: '+1 212 555 0302', teamId: team.id, skills: ['windows', 'office'], workingHours: lateShift });
  const kim = await core.workforce.createWorker.execute(ctx, { name: 'Kim Nguyen', phone: '+1 212 555 0303', email: DEMO_WORKER_EMAIL, skills: ['office', 'windows'], workingHours: dayShift });
  const standard = await core.workforce.createService.execute(ctx, { name: 'Standard clean', durationMinutes: 120, priceMinor: 12000 });
  const deep = await core.workforce.createService.execute(ctx, { name: 'Deep clean', durationMinutes: 240, priceMinor: 26000 });
  const tomorrow = nextWorkingDay(localDateOf(ctx.now, zone), [dayShift, lateShift]);
  const at = (time: string) => zonedInstant(tomorrow, time, zone);
  const [maria, dental, james] = clientIds as [string, string, string];
  await core.bookings.create.execute(ctx, { clientId: james, serviceId: deep.id, start: at('12:30').toISOString(), teamId: team.id, status: 'confirmed' });
  await core.bookings.create.execute(ctx, { clientId: dental, serviceId: standard.id, start: at('17:30').toISOString(), workerIds: [dmitri.id], status: 'confirmed', notes: 'After hours.' });
  await core.bookings.create.execute(ctx, { clientId: james, serviceId: standard.id, start: at('14:00').toISOString(), notes: 'The rental, between guests.' });
  const series = await core.series.create.execute(ctx, {
    clientId: maria,
    serviceId: standard.id,
    rule: { freq: 'weekly', interval: 2, weekdays: ['tue'] },
    startDate: tomorrow,
    time: '10:00',
    workerIds: [rosa.id],
  });
  return { bookings: 3 + series.created.length, portalWorkerId: kim.id };
}
