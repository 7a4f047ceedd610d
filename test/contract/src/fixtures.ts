/** Builders for contract suites: fresh orgs per test keep suites independent on a shared store. */
import { randomUUID } from 'node:crypto';
import type {
  AuditEntry,
  Blackout,
  Booking,
  BookingSeries,
  Client,
  ClientAddress,
  Lead,
  Org,
  OrgSettings,
  RequestContext,
  Service,
  Team,
  Worker,
} from '@cws/core';
import type { StorageHarness } from './harness.js';

export function staffContext(orgId: string, now = new Date()): RequestContext {
  return { orgId, actor: { kind: 'staff', id: 'basic:contract-admin', role: 'admin' }, requestId: randomUUID(), now };
}

/** Whole milliseconds: what every adapter can store exactly. */
export function at(iso: string): Date {
  return new Date(iso);
}

export async function createOrg(h: StorageHarness, overrides: Partial<OrgSettings> = {}): Promise<{ org: Org; settings: OrgSettings; ctx: RequestContext }> {
  const id = randomUUID();
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  const org: Org = { id, name: `Org ${id.slice(0, 8)}`, slug: `org-${id.slice(0, 8)}-${id.slice(9, 13)}`, createdAt: now };
  const settings: OrgSettings = { orgId: id, timeZone: 'Europe/London', currency: 'GBP', leadAutoArchiveDays: null, locale: 'en-GB', notificationsDisabled: [], dunningDays: [3, 7, 14], updatedAt: now, ...overrides };
  await h.orgs.create(org, settings, {
    id: randomUUID(),
    actorId: 'contract-suite',
    action: 'org.create',
    reason: 'contract test',
    metadata: { org_id: id },
    requestId: randomUUID(),
    createdAt: now,
  });
  return { org, settings, ctx: staffContext(id, now) };
}

export function aLead(orgId: string, overrides: Partial<Lead> = {}): Lead {
  const createdAt = overrides.createdAt ?? at('2026-03-01T10:00:00.000Z');
  return {
    id: randomUUID(),
    orgId,
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    phone: '+447700900123',
    source: 'referral',
    status: 'new',
    notes: null,
    serviceRequested: 'Deep clean, 3 bedrooms',
    address: { label: 'Home', line1: '12 Analytical St', line2: null, city: 'London', region: null, postalCode: 'N1 9GU', country: 'GB', accessNotes: 'Ring twice' },
    convertedClientId: null,
    convertedAt: null,
    archivedAt: null,
    createdAt,
    updatedAt: createdAt,
    ...overrides,
  };
}

export function anAddress(orgId: string, clientId: string, overrides: Partial<ClientAddress> = {}): ClientAddress {
  const createdAt = overrides.createdAt ?? at('2026-03-01T10:00:00.000Z');
  return {
    id: randomUUID(),
    orgId,
    clientId,
    label: 'Home',
    line1: '1 Mop Lane',
    line2: null,
    city: 'Leeds',
    region: 'West Yorkshire',
    postalCode: 'LS1 1AA',
    country: 'GB',
    accessNotes: 'Key in the lockbox, code 1234',
    isPrimary: false,
    createdAt,
    updatedAt: createdAt,
    ...overrides,
  };
}

export function aClient(orgId: string, overrides: Partial<Omit<Client, 'addresses'>> = {}, addressCount = 1): Client {
  const id = overrides.id ?? randomUUID();
  const createdAt = overrides.createdAt ?? at('2026-03-01T10:00:00.000Z');
  const addresses = Array.from({ length: addressCount }, (_, i) =>
    anAddress(orgId, id, { isPrimary: i === 0, createdAt: new Date(createdAt.getTime() + i * 1000), line1: `${i + 1} Mop Lane` }),
  );
  return {
    id,
    orgId,
    name: 'Grace Hopper',
    email: 'grace@example.com',
    phone: '+12025550123',
    notes: null,
    sourceLeadId: null,
    archivedAt: null,
    createdAt,
    updatedAt: createdAt,
    addresses,
    ...overrides,
  };
}

export function anAuditEntry(ctx: RequestContext, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: randomUUID(),
    orgId: ctx.orgId,
    actorKind: ctx.actor.kind,
    actorId: ctx.actor.id,
    actorRole: ctx.actor.role,
    action: 'lead.update',
    resourceType: 'lead',
    resourceId: randomUUID(),
    before: { status: 'new' },
    after: { status: 'contacted' },
    metadata: { note: 'contract' },
    requestId: ctx.requestId,
    createdAt: at('2026-03-01T10:00:00.000Z'),
    ...overrides,
  };
}

const SCHEDULING_CREATED_AT = at('2026-04-01T08:00:00.000Z');
let contactSeq = 0;

export function aTeam(orgId: string, overrides: Partial<Team> = {}): Team {
  return { id: randomUUID(), orgId, name: 'North Team', active: true, createdAt: SCHEDULING_CREATED_AT, updatedAt: SCHEDULING_CREATED_AT, ...overrides };
}

/** A worker with a phone and email no other fixture worker has (contacts are unique per org). */
export function aWorker(orgId: string, overrides: Partial<Worker> = {}): Worker {
  contactSeq += 1;
  const n = String(contactSeq).padStart(6, '0');
  return {
    id: randomUUID(),
    orgId,
    name: 'Sam Sweep',
    phone: `+44770${n}`,
    email: `worker-${n}@example.com`,
    skills: ['deep-clean', 'windows'],
    active: true,
    teamId: null,
    workingHours: { mon: [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:30' }], sat: [{ start: '09:00', end: '24:00' }] },
    portalPasswordHash: null,
    mustChangePortalPassword: false,
    credentialsChangedAt: null,
    createdAt: SCHEDULING_CREATED_AT,
    updatedAt: SCHEDULING_CREATED_AT,
    ...overrides,
  };
}

export function aService(orgId: string, overrides: Partial<Service> = {}): Service {
  return {
    id: randomUUID(),
    orgId,
    name: 'Deep clean',
    durationMinutes: 180,
    priceMinor: 12000,
    active: true,
    createdAt: SCHEDULING_CREATED_AT,
    updatedAt: SCHEDULING_CREATED_AT,
    ...overrides,
  };
}

/** An org-wide blackout unless the overrides say otherwise. */
export function aBlackout(orgId: string, overrides: Partial<Blackout> = {}): Blackout {
  return {
    id: randomUUID(),
    orgId,
    scope: 'org',
    teamId: null,
    workerId: null,
    startsAt: at('2026-05-25T00:00:00.000Z'),
    endsAt: at('2026-05-26T00:00:00.000Z'),
    reason: 'Bank holiday',
    createdAt: SCHEDULING_CREATED_AT,
    ...overrides,
  };
}

/** A confirmed, unassigned two-hour booking for the client; `workers` must be ordered by id. */
export function aBooking(orgId: string, clientId: string, overrides: Partial<Booking> = {}): Booking {
  return {
    id: randomUUID(),
    orgId,
    clientId,
    addressId: null,
    serviceId: null,
    seriesId: null,
    occurrenceDate: null,
    detached: false,
    startsAt: at('2026-05-04T09:00:00.000Z'),
    endsAt: at('2026-05-04T11:00:00.000Z'),
    timeZone: 'Europe/London',
    status: 'confirmed',
    teamId: null,
    workers: [],
    notes: null,
    priceEstimateMinor: null,
    currency: 'GBP',
    cancellationReason: null,
    startedAt: null,
    completedAt: null,
    cancelledAt: null,
    createdAt: SCHEDULING_CREATED_AT,
    updatedAt: SCHEDULING_CREATED_AT,
    ...overrides,
  };
}

/** A weekly Monday-and-Thursday 09:00 series, never generated, with no end. */
export function aSeries(orgId: string, clientId: string, overrides: Partial<BookingSeries> = {}): BookingSeries {
  return {
    id: randomUUID(),
    orgId,
    clientId,
    addressId: null,
    serviceId: null,
    rule: { freq: 'weekly', interval: 1, weekdays: ['mon', 'thu'] },
    startDate: '2026-05-04',
    localTime: '09:00',
    durationMinutes: 120,
    timeZone: 'Europe/London',
    end: { count: null, until: null },
    teamId: null,
    workerIds: [],
    notes: null,
    priceEstimateMinor: 9000,
    currency: 'GBP',
    generatedThrough: null,
    endedOn: null,
    createdAt: SCHEDULING_CREATED_AT,
    updatedAt: SCHEDULING_CREATED_AT,
    ...overrides,
  };
}

/** Resolves once `check` returns true, polling; rejects with `what` after `timeoutMs`. */
export async function eventually(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Runs `fn` and returns the AppError-like error it throws (fails the test when it does not). */
export async function caught(fn: () => Promise<unknown>): Promise<{ code?: string; kind?: string; message: string }> {
  try {
    await fn();
  } catch (err) {
    return err as { code?: string; kind?: string; message: string };
  }
  throw new Error('expected an error, none was thrown');
}
