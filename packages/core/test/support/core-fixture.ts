import { expect } from 'chai';
import {
  AppError,
  createCore,
  systemActor,
  type Client,
  type Core,
  type CoreOptions,
  type ErrorCode,
  type Lead,
  type RequestContext,
  type Role,
  type SystemContext,
} from '@cws/core';
import { createMemoryAdapters, type MemoryAdapters, type MemoryState } from '@cws/adapter-memory';
import { FixedClock } from './fixed-clock.js';
import { InterceptingUnitOfWork } from './intercepting-unit-of-work.js';
import { SequentialIds } from './sequential-ids.js';

/** The instant every fixture starts at. */
export const T0 = new Date('2026-03-02T09:30:00.000Z');

export interface CoreFixture {
  readonly core: Core;
  readonly adapters: MemoryAdapters;
  readonly state: MemoryState;
  readonly clock: FixedClock;
  readonly ids: SequentialIds;
  /** The unit of work the core uses; set `overrides` to inject faults. */
  readonly uow: InterceptingUnitOfWork;
  /** The system context used to create orgs (actor `test-setup`). */
  sys(overrides?: Partial<SystemContext>): SystemContext;
  /** A staff context in `orgId` at the clock's current time. */
  ctx(orgId: string, overrides?: Partial<Omit<RequestContext, 'actor'>> & { role?: Role | null; actorId?: string }): RequestContext;
  /** Creates an org through the core and returns its id. */
  newOrg(slug: string, settings?: { leadAutoArchiveDays?: number | null; timeZone?: string; currency?: string }): Promise<string>;
}

export function coreFixture(options: CoreOptions = {}): CoreFixture {
  const adapters = createMemoryAdapters();
  const clock = new FixedClock(T0);
  const ids = new SequentialIds();
  const uow = new InterceptingUnitOfWork(adapters.uow);
  const core = createCore({ ...adapters, uow, clock, ids }, options);
  const sys = (overrides: Partial<SystemContext> = {}): SystemContext => ({
    actor: systemActor('test-setup'),
    requestId: 'req-system',
    now: clock.now(),
    reason: 'test fixture',
    ...overrides,
  });
  return {
    core,
    adapters,
    state: adapters.state,
    clock,
    ids,
    uow,
    sys,
    ctx(orgId, overrides = {}) {
      const { role = 'admin', actorId = 'user-admin', ...rest } = overrides;
      return { orgId, actor: { kind: 'staff', id: actorId, role }, requestId: 'req-1', now: clock.now(), ...rest };
    },
    async newOrg(slug, settings = {}) {
      const { org } = await core.orgs.create.execute(sys(), { name: `Org ${slug}`, slug, ...settings });
      return org.id;
    },
  };
}

/** Awaits `work`, expecting it to fail with an AppError of `code`; returns the error. */
export async function expectAppError(work: Promise<unknown> | (() => Promise<unknown>), code: ErrorCode): Promise<AppError> {
  let outcome: unknown;
  try {
    outcome = await (typeof work === 'function' ? work() : work);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    expect(err.code, err.message).to.equal(code);
    return err;
  }
  return expect.fail(`expected ${code}, but it succeeded with ${JSON.stringify(outcome)}`);
}

/** The pointers of a validation error, in order. */
export function pointers(err: AppError): string[] {
  return err.errors.map((e) => e.pointer);
}

/** Expects a validation.failed error with exactly these pointers (in order); returns it. */
export async function expectInvalid(work: Promise<unknown> | (() => Promise<unknown>), expected: readonly string[]): Promise<AppError> {
  const err = await expectAppError(work, 'validation.failed');
  expect(err.kind).to.equal('validation');
  expect(pointers(err)).to.deep.equal(expected);
  return err;
}

/** A complete lead row, for writing straight through a repository (e.g. back-dated). */
export function leadRow(orgId: string, id: string, overrides: Partial<Lead> = {}): Lead {
  return {
    id,
    orgId,
    name: 'Row Lead',
    email: `${id.slice(-4)}@example.com`,
    phone: null,
    source: null,
    status: 'new',
    notes: null,
    serviceRequested: null,
    address: null,
    convertedClientId: null,
    convertedAt: null,
    archivedAt: null,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

/** Inserts a lead straight through the lead repository (no audit row). */
export async function insertLead(fx: CoreFixture, lead: Lead): Promise<Lead> {
  await fx.adapters.uow.run(fx.ctx(lead.orgId), (repos) => repos.leads.insert(lead));
  return lead;
}

/** Sets a client's archivedAt through the client repository (there is no archive use case yet). */
export async function archiveClientDirectly(fx: CoreFixture, orgId: string, clientId: string, at: Date): Promise<void> {
  await fx.adapters.uow.run(fx.ctx(orgId), async (repos) => {
    const client = await repos.clients.findById(clientId);
    if (client === null) throw new Error(`no client ${clientId}`);
    await repos.clients.update({ ...client, archivedAt: at });
  });
}

/** All audit rows of an org, oldest first, straight from the memory state. */
export function auditRows(fx: CoreFixture, orgId: string) {
  return fx.state.tables.audit.filter((e) => e.orgId === orgId);
}

export function storedLead(fx: CoreFixture, id: string): Lead | undefined {
  return fx.state.tables.leads.get(id);
}

export function storedClient(fx: CoreFixture, id: string): Omit<Client, 'addresses'> | undefined {
  return fx.state.tables.clients.get(id);
}
