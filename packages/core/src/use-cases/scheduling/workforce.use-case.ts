/**
 * Teams, workers, services and blackouts: the org's workforce and what it sells. Every change is
 * audited with before/after; the worker portal password is audited without its hash.
 */
import type { RequestContext } from '../../context.js';
import { auditEntry, snapshot } from '../../domain/audit/audit-builder.js';
import { checkSkills, checkWorkingHours, type Blackout, type BlackoutScope, type Service, type Team, type Worker } from '../../domain/scheduling/workforce.js';
import { normaliseEmail, normalisePhone } from '../../domain/shared/contact.js';
import { InputChecks } from '../../domain/shared/input-checks.js';
import type { PasswordHasher, SecretTokens } from '../../ports/credentials.port.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import { checkNewPassword, temporaryPassword } from '../identity/identity-policy.js';
import type { PasswordStrength } from '../../ports/password-strength.port.js';
import { checkWindow, notFound, optionalUuid, requireTeam } from './scheduling-support.js';

export interface WorkforceDeps {
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
}

/** A worker as shown to staff: the portal password hash never leaves the core. */
export type WorkerView = Omit<Worker, 'portalPasswordHash'> & { readonly hasPortalPassword: boolean };

export function workerView(worker: Worker): WorkerView {
  const { portalPasswordHash, ...rest } = worker;
  return { ...rest, hasPortalPassword: portalPasswordHash !== null };
}

function checkBoolean(checks: InputChecks, pointer: string, value: unknown): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') {
    checks.fail(pointer, 'must be true or false');
    return undefined;
  }
  return value;
}

/** Drops keys whose value is undefined (not given), so a spread leaves those fields alone. */
function given<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>;
}

// ---------------------------------------------------------------- teams

/** @throws validation.failed — missing or long name. */
export class CreateTeam {
  constructor(private readonly deps: WorkforceDeps) {}

  async execute(ctx: RequestContext, input: { name?: unknown }): Promise<Team> {
    const checks = new InputChecks();
    const name = checks.text('/name', input.name, { max: 120 });
    checks.throwIfAny();
    const team: Team = { id: this.deps.ids.next(), orgId: ctx.orgId, name, active: true, createdAt: ctx.now, updatedAt: ctx.now };
    return this.deps.uow.run(ctx, async (repos) => {
      await repos.teams.insert(team);
      await repos.audit.append(auditEntry(ctx, this.deps.ids, { action: 'team.create', resourceType: 'team', resourceId: team.id, after: snapshot(team) }));
      return team;
    });
  }
}

/** @throws validation.failed, team.not_found */
export class UpdateTeam {
  constructor(private readonly deps: WorkforceDeps) {}

  async execute(ctx: RequestContext, input: { id: unknown; name?: unknown; active?: unknown }): Promise<Team> {
    const checks = new InputChecks();
    const id = checks.uuid('/id', input.id);
    const name = input.name === undefined ? undefined : checks.text('/name', input.name, { max: 120 });
    const active = checkBoolean(checks, '/active', input.active);
    checks.throwIfAny();
    return this.deps.uow.run(ctx, async (repos) => {
      const before = await requireTeam(repos, id);
      const after: Team = { ...before, ...given({ name, active }), updatedAt: ctx.now };
      await repos.teams.update(after);
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, { action: 'team.update', resourceType: 'team', resourceId: id, before: snapshot(before), after: snapshot(after) }),
      );
      return after;
    });
  }
}

export class ListTeams {
  constructor(private readonly deps: { uow: UnitOfWork }) {}

  execute(ctx: RequestContext): Promise<readonly Team[]> {
    return this.deps.uow.run(ctx, (repos) => repos.teams.list());
  }
}

// ---------------------------------------------------------------- workers

interface WorkerFieldsInput {
  readonly name?: unknown;
  readonly phone?: unknown;
  readonly email?: unknown;
  readonly skills?: unknown;
  readonly active?: unknown;
  readonly teamId?: unknown;
  readonly workingHours?: unknown;
}

function checkWorkerFields(checks: InputChecks, input: WorkerFieldsInput, creating: boolean) {
  return given({
    name: creating || input.name !== undefined ? checks.text('/name', input.name, { max: 120 }) : undefined,
    phone: normalisePhone(checks, '/phone', input.phone),
    email: normaliseEmail(checks, '/email', input.email),
    skills: input.skills === undefined ? undefined : checkSkills(checks, '/skills', input.skills),
    active: checkBoolean(checks, '/active', input.active),
    teamId: optionalUuid(checks, '/teamId', input.teamId),
    workingHours: input.workingHours === undefined ? undefined : checkWorkingHours(checks, '/workingHours', input.workingHours),
  });
}

/** @throws validation.failed, team.not_found, worker.contact_taken */
export class CreateWorker {
  constructor(private readonly deps: WorkforceDeps) {}

  async execute(ctx: RequestContext, input: WorkerFieldsInput): Promise<WorkerView> {
    const checks = new InputChecks();
    const fields = checkWorkerFields(checks, input, true);
    checks.throwIfAny();
    const worker: Worker = {
      id: this.deps.ids.next(),
      orgId: ctx.orgId,
      name: fields.name ?? '',
      phone: fields.phone ?? null,
      email: fields.email ?? null,
      skills: fields.skills ?? [],
      active: fields.active ?? true,
      teamId: fields.teamId ?? null,
      workingHours: fields.workingHours ?? null,
      portalPasswordHash: null,
      mustChangePortalPassword: false,
      credentialsChangedAt: null,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    };
    return this.deps.uow.run(ctx, async (repos) => {
      if (worker.teamId !== null) await requireTeam(repos, worker.teamId);
      await repos.workers.insert(worker);
      const view = workerView(worker);
      await repos.audit.append(auditEntry(ctx, this.deps.ids, { action: 'worker.create', resourceType: 'worker', resourceId: worker.id, after: snapshot(view) }));
      return view;
    });
  }
}

/**
 * Changes a worker. Deactivating keeps their bookings (a dispatcher reassigns them from the
 * queue); it ends their portal sessions.
 * @throws validation.failed, worker.not_found, team.not_found, worker.contact_taken
 */
export class UpdateWorker {
  constructor(private readonly deps: WorkforceDeps) {}

  async execute(ctx: RequestContext, input: WorkerFieldsInput & { id: unknown }): Promise<WorkerView> {
    const checks = new InputChecks();
    const id = checks.uuid('/id', input.id);
    const fields = checkWorkerFields(checks, input, false);
    checks.throwIfAny();
    return this.deps.uow.run(ctx, async (repos) => {
      const before = await repos.workers.findById(id, { forUpdate: true });
      if (before === null) throw notFound.worker(id);
      if (fields.teamId !== undefined && fields.teamId !== null) await requireTeam(repos, fields.teamId);
      const deactivated = before.active && fields.active === false;
      const after: Worker = { ...before, ...fields, credentialsChangedAt: deactivated ? ctx.now : before.credentialsChangedAt, updatedAt: ctx.now };
      await repos.workers.update(after);
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, {
          action: 'worker.update',
          resourceType: 'worker',
          resourceId: id,
          before: snapshot(workerView(before)),
          after: snapshot(workerView(after)),
        }),
      );
      return workerView(after);
    });
  }
}

export class GetWorker {
  constructor(private readonly deps: { uow: UnitOfWork }) {}

  /** @throws validation.failed, worker.not_found */
  async execute(ctx: RequestContext, input: { id: unknown }): Promise<WorkerView> {
    const checks = new InputChecks();
    const id = checks.uuid('/id', input.id);
    checks.throwIfAny();
    const worker = await this.deps.uow.run(ctx, (repos) => repos.workers.findById(id));
    if (worker === null) throw notFound.worker(id);
    return workerView(worker);
  }
}

export class ListWorkers {
  constructor(private readonly deps: { uow: UnitOfWork }) {}

  /** By name. @throws validation.failed */
  async execute(ctx: RequestContext, input: { teamId?: unknown; active?: unknown }): Promise<readonly WorkerView[]> {
    const checks = new InputChecks();
    const teamId = optionalUuid(checks, '/teamId', input.teamId) ?? null;
    const active = checkBoolean(checks, '/active', input.active) ?? null;
    checks.throwIfAny();
    const workers = await this.deps.uow.run(ctx, (repos) => repos.workers.list({ teamId, active }));
    return workers.map(workerView);
  }
}

/**
 * Sets a worker's portal password (the one given, or a generated one shown once) and ends their
 * portal sessions. Either way the password is temporary: staff know it, so the worker must
 * choose their own before the portal shows them anything but themselves. The guide's audit
 * action `worker.password_reset` names the worker by phone.
 * @throws validation.failed, worker.not_found
 */
export class SetWorkerPortalPassword {
  constructor(private readonly deps: WorkforceDeps & { hasher: PasswordHasher; tokens: SecretTokens; strength: PasswordStrength }) {}

  async execute(ctx: RequestContext, input: { id: unknown; password?: unknown }): Promise<{ worker: WorkerView; temporaryPassword: string | null }> {
    const checks = new InputChecks();
    const id = checks.uuid('/id', input.id);
    const chosen = input.password === undefined || input.password === null ? null : checkNewPassword(checks, '/password', input.password, this.deps.strength, []);
    checks.throwIfAny();
    const generated = chosen === null ? temporaryPassword(this.deps.tokens) : null;
    const hash = await this.deps.hasher.hash(chosen ?? generated!);
    return this.deps.uow.run(ctx, async (repos) => {
      const before = await repos.workers.findById(id, { forUpdate: true });
      if (before === null) throw notFound.worker(id);
      const after: Worker = { ...before, portalPasswordHash: hash, mustChangePortalPassword: true, credentialsChangedAt: ctx.now, updatedAt: ctx.now };
      await repos.workers.update(after);
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, {
          action: 'worker.password_reset',
          resourceType: 'worker',
          resourceId: id,
          metadata: { phone: before.phone, email: before.email, generated: generated !== null, must_change_password: true },
        }),
      );
      return { worker: workerView(after), temporaryPassword: generated };
    });
  }
}

// ---------------------------------------------------------------- services

interface ServiceFieldsInput {
  readonly name?: unknown;
  readonly durationMinutes?: unknown;
  readonly priceMinor?: unknown;
  readonly active?: unknown;
}

function checkServiceFields(checks: InputChecks, input: ServiceFieldsInput, creating: boolean) {
  const required = (v: unknown) => (creating && v === undefined ? null : v);
  return given({
    name: creating || input.name !== undefined ? checks.text('/name', input.name, { max: 120 }) : undefined,
    durationMinutes: checks.integer('/durationMinutes', required(input.durationMinutes), { min: 15, max: 24 * 60 }),
    priceMinor: checks.integer('/priceMinor', required(input.priceMinor), { min: 0, max: 100_000_000 }),
    active: checkBoolean(checks, '/active', input.active),
  });
}

/** @throws validation.failed */
export class CreateService {
  constructor(private readonly deps: WorkforceDeps) {}

  async execute(ctx: RequestContext, input: ServiceFieldsInput): Promise<Service> {
    const checks = new InputChecks();
    const f = checkServiceFields(checks, input, true);
    checks.throwIfAny();
    const service: Service = {
      id: this.deps.ids.next(),
      orgId: ctx.orgId,
      name: f.name!,
      durationMinutes: f.durationMinutes!,
      priceMinor: f.priceMinor!,
      active: f.active ?? true,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    };
    return this.deps.uow.run(ctx, async (repos) => {
      await repos.services.insert(service);
      await repos.audit.append(auditEntry(ctx, this.deps.ids, { action: 'service.create', resourceType: 'service', resourceId: service.id, after: snapshot(service) }));
      return service;
    });
  }
}

/** @throws validation.failed, service.not_found */
export class UpdateService {
  constructor(private readonly deps: WorkforceDeps) {}

  async execute(ctx: RequestContext, input: ServiceFieldsInput & { id: unknown }): Promise<Service> {
    const checks = new InputChecks();
    const id = checks.uuid('/id', input.id);
    const f = checkServiceFields(checks, input, false);
    checks.throwIfAny();
    return this.deps.uow.run(ctx, async (repos) => {
      const before = await repos.services.findById(id);
      if (before === null) throw notFound.service(id);
      const after: Service = { ...before, ...f, updatedAt: ctx.now };
      await repos.services.update(after);
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, { action: 'service.update', resourceType: 'service', resourceId: id, before: snapshot(before), after: snapshot(after) }),
      );
      return after;
    });
  }
}

export class ListServices {
  constructor(private readonly deps: { uow: UnitOfWork }) {}

  async execute(ctx: RequestContext, input: { active?: unknown }): Promise<readonly Service[]> {
    const checks = new InputChecks();
    const active = checkBoolean(checks, '/active', input.active) ?? null;
    checks.throwIfAny();
    return this.deps.uow.run(ctx, (repos) => repos.services.list({ active }));
  }
}

// ---------------------------------------------------------------- blackouts

/** Blackouts may be long (a holiday fortnight), unlike bookings. */
export const MAX_BLACKOUT_DAYS = 366;

/** @throws validation.failed, team.not_found, worker.not_found */
export class CreateBlackout {
  constructor(private readonly deps: WorkforceDeps) {}

  async execute(ctx: RequestContext, input: { scope?: unknown; teamId?: unknown; workerId?: unknown; start?: unknown; end?: unknown; reason?: unknown }): Promise<Blackout> {
    const checks = new InputChecks();
    const scope = checks.oneOf<BlackoutScope>('/scope', input.scope ?? 'org', ['org', 'team', 'worker']);
    const window = checkWindow(checks, input.start, input.end, MAX_BLACKOUT_DAYS * 24);
    const reason = checks.text('/reason', input.reason, { max: 500 });
    const teamId = scope === 'team' ? checks.uuid('/teamId', input.teamId) : null;
    const workerId = scope === 'worker' ? checks.uuid('/workerId', input.workerId) : null;
    if (scope === 'org' && (input.teamId != null || input.workerId != null)) checks.fail('/scope', 'an org-wide blackout names no team or worker');
    checks.throwIfAny();
    const blackout: Blackout = {
      id: this.deps.ids.next(),
      orgId: ctx.orgId,
      scope: scope!,
      teamId,
      workerId,
      startsAt: window.from,
      endsAt: window.to,
      reason,
      createdAt: ctx.now,
    };
    return this.deps.uow.run(ctx, async (repos) => {
      if (teamId !== null) await requireTeam(repos, teamId);
      if (workerId !== null && (await repos.workers.findById(workerId)) === null) throw notFound.worker(workerId);
      await repos.blackouts.insert(blackout);
      await repos.audit.append(auditEntry(ctx, this.deps.ids, { action: 'blackout.create', resourceType: 'blackout', resourceId: blackout.id, after: snapshot(blackout) }));
      return blackout;
    });
  }
}

/** @throws validation.failed, blackout.not_found */
export class DeleteBlackout {
  constructor(private readonly deps: WorkforceDeps) {}

  async execute(ctx: RequestContext, input: { id: unknown }): Promise<void> {
    const checks = new InputChecks();
    const id = checks.uuid('/id', input.id);
    checks.throwIfAny();
    await this.deps.uow.run(ctx, async (repos) => {
      const before = await repos.blackouts.findById(id);
      if (before === null || !(await repos.blackouts.delete(id))) throw notFound.blackout(id);
      await repos.audit.append(auditEntry(ctx, this.deps.ids, { action: 'blackout.delete', resourceType: 'blackout', resourceId: id, before: snapshot(before) }));
    });
  }
}

/** Blackouts overlapping a window (at most 366 days), by start. @throws validation.failed */
export class ListBlackouts {
  constructor(private readonly deps: { uow: UnitOfWork }) {}

  async execute(ctx: RequestContext, input: { start?: unknown; end?: unknown }): Promise<readonly Blackout[]> {
    const checks = new InputChecks();
    const window = checkWindow(checks, input.start, input.end, MAX_BLACKOUT_DAYS * 24);
    checks.throwIfAny();
    return this.deps.uow.run(ctx, (repos) => repos.blackouts.listOverlapping(window, { teamIds: null, workerIds: null }));
  }
}
