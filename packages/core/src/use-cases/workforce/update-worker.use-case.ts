import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { Uuid } from '../../contracts/schema-vocabulary.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { auditEntry, snapshot } from '../../domain/audit/audit-builder.js';
import { workerChanges } from '../../domain/scheduling/workforce-input.js';
import { WorkerFields, WorkerName, WorkerView, workerView } from '../../domain/scheduling/workforce-schemas.js';
import type { Worker } from '../../domain/scheduling/workforce.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import { notFound, requireTeam } from '../scheduling/scheduling-support.js';

export interface UpdateWorkerDeps {
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
}

const contract = defineContract({
  name: 'UpdateWorker',
  input: Type.Object(
    { id: Uuid(), name: Type.Optional(WorkerName), ...WorkerFields },
    { additionalProperties: false, minProperties: 2, description: 'At least one field besides the id' },
  ),
  output: WorkerView,
});

export type UpdateWorkerInput = ContractInput<typeof contract>;

/**
 * Changes the given fields of a worker (absent fields keep their value, null clears).
 * Deactivating keeps their bookings (a dispatcher reassigns them from the queue) and ends their
 * portal sessions. Audited as `worker.update` with before and after (without any hash).
 * @throws validation.failed — a field the contract refuses, nothing to change, or working spans
 *   out of order or overlapping.
 * @throws worker.not_found, team.not_found, worker.contact_taken
 */
export class UpdateWorker {
  static readonly contract = contract;

  constructor(private readonly deps: UpdateWorkerDeps) {}

  async execute(ctx: RequestContext, input: UpdateWorkerInput): Promise<WorkerView> {
    const { id, ...rest } = checkInput(contract, input);
    const fields = workerChanges(rest);
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
