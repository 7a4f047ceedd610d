import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { auditEntry, snapshot } from '../../domain/audit/audit-builder.js';
import { workerChanges } from '../../domain/scheduling/workforce-input.js';
import { WorkerFields, WorkerName, WorkerView, workerView } from '../../domain/scheduling/workforce-schemas.js';
import type { Worker } from '../../domain/scheduling/workforce.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import { requireTeam } from '../scheduling/scheduling-support.js';

export interface CreateWorkerDeps {
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
}

const contract = defineContract({
  name: 'CreateWorker',
  input: Type.Object({ name: WorkerName, ...WorkerFields }, { additionalProperties: false }),
  output: WorkerView,
});

export type CreateWorkerInput = ContractInput<typeof contract>;

/**
 * Adds a worker to the caller's org: active, no skills, no team and always available unless
 * given; no portal password until staff set one. Audited as `worker.create` (without any hash).
 * @throws validation.failed — a field the contract refuses, or working spans out of order or overlapping.
 * @throws team.not_found — the team is not the org's.
 * @throws worker.contact_taken — another worker of the org has the phone or the email.
 */
export class CreateWorker {
  static readonly contract = contract;

  constructor(private readonly deps: CreateWorkerDeps) {}

  async execute(ctx: RequestContext, input: CreateWorkerInput): Promise<WorkerView> {
    const checked = checkInput(contract, input);
    const fields = workerChanges(checked);
    const worker: Worker = {
      id: this.deps.ids.next(),
      orgId: ctx.orgId,
      name: checked.name,
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
