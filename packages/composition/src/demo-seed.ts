/**
 * The demo org a fresh embedded database starts with, so `npm start` shows something real:
 * a cleaning business with a few clients and leads in different stages. Created through the
 * core's use cases, so it is audited like any other data.
 */
import { randomUUID } from 'node:crypto';
import type { Core, RequestContext } from '@cws/core';

export const DEMO_ORG_SLUG = 'demo-cleaning';

export interface DemoSeedResult {
  readonly orgId: string;
  readonly slug: string;
  readonly clients: number;
  readonly leads: number;
  /** The owner's email, when one was created. */
  readonly ownerEmail: string | null;
  /** Set when the owner got a generated temporary password (no password was given). */
  readonly ownerTemporaryPassword: string | null;
}

export interface DemoSeedOptions {
  readonly orgId?: string;
  /** An owner account for the demo org (through the same use case as `npm run bootstrap`). */
  readonly owner?: { readonly email: string; readonly password?: string };
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
  for (const client of clients) await core.clients.create.execute(ctx, client);
  const leads = [
    { name: 'Priya Shah', email: 'priya.shah@example.com', phone: '+1 646 555 0172', source: 'public_form', serviceRequested: 'Move-out deep clean, 2 bedrooms' },
    { name: 'Tom Becker', phone: '+1 917 555 0110', source: 'phone', serviceRequested: 'Weekly clean quote', status: 'contacted' },
    { name: 'Harbor View Co-op', email: 'board@harborview.example.com', source: 'referral', serviceRequested: 'Common areas, 3x a week', status: 'qualified',
      address: { line1: '300 Harbor Rd', city: 'Staten Island', region: 'NY', postalCode: '10301', country: 'US' } },
    { name: 'Lena Fischer', email: 'lena.fischer@example.com', source: 'web', serviceRequested: 'One-off spring clean', status: 'lost', notes: 'Went with a cheaper quote.' },
  ];
  for (const lead of leads) await core.leads.create.execute(ctx, lead);
  return { orgId: org.id, slug: org.slug, clients: clients.length, leads: leads.length, ownerEmail: options.owner?.email ?? null, ownerTemporaryPassword };
}
