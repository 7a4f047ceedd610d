import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { Uuid } from '../../contracts/schema-vocabulary.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { auditEntry, snapshot } from '../../domain/audit/audit-builder.js';
import { PriceMinor, ServiceDepositCents, ServiceDepositPercentBasis, ServiceDuration, ServiceName, ServiceView } from '../../domain/scheduling/workforce-schemas.js';
import { assertOneDepositRule } from '../../domain/scheduling/workforce-input.js';
import type { Service } from '../../domain/scheduling/workforce.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import { notFound } from '../scheduling/scheduling-support.js';

export interface UpdateServiceDeps {
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
}

const contract = defineContract({
  name: 'UpdateService',
  input: Type.Object(
    {
      id: Uuid(),
      name: Type.Optional(ServiceName),
      durationMinutes: Type.Optional(ServiceDuration),
      priceMinor: Type.Optional(PriceMinor),
      depositPercentBasis: Type.Optional(ServiceDepositPercentBasis),
      depositCents: Type.Optional(ServiceDepositCents),
      active: Type.Optional(Type.Boolean({ description: 'false: new bookings cannot use it' })),
    },
    { additionalProperties: false, minProperties: 2, description: 'At least one field besides the id' },
  ),
  output: ServiceView,
});

export type UpdateServiceInput = ContractInput<typeof contract>;

/**
 * Changes the given fields of a service (existing bookings keep their price estimate). Audited
 * as `service.update` with before and after.
 * @throws validation.failed — a malformed id or field, nothing to change, or both deposit rules set
 *   (setting one does not clear the other: send null for it).
 * @throws service.not_found
 */
export class UpdateService {
  static readonly contract = contract;

  constructor(private readonly deps: UpdateServiceDeps) {}

  async execute(ctx: RequestContext, input: UpdateServiceInput): Promise<Service> {
    const { id, name, durationMinutes, priceMinor, depositPercentBasis, depositCents, active } = checkInput(contract, input);
    return this.deps.uow.run(ctx, async (repos) => {
      const before = await repos.services.findById(id);
      if (before === null) throw notFound.service(id);
      const after: Service = {
        ...before,
        ...(name !== undefined ? { name } : {}),
        ...(durationMinutes !== undefined ? { durationMinutes } : {}),
        ...(priceMinor !== undefined ? { priceMinor } : {}),
        ...(depositPercentBasis !== undefined ? { depositPercentBasis } : {}),
        ...(depositCents !== undefined ? { depositCents } : {}),
        ...(active !== undefined ? { active } : {}),
        updatedAt: ctx.now,
      };
      assertOneDepositRule(after);
      await repos.services.update(after);
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, { action: 'service.update', resourceType: 'service', resourceId: id, before: snapshot(before), after: snapshot(after) }),
      );
      return after;
    });
  }
}
