import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { auditEntry, snapshot } from '../../domain/audit/audit-builder.js';
import { PriceMinor, ServiceDepositCents, ServiceDepositPercentBasis, ServiceDuration, ServiceName, ServiceView } from '../../domain/scheduling/workforce-schemas.js';
import { assertOneDepositRule } from '../../domain/scheduling/workforce-input.js';
import type { Service } from '../../domain/scheduling/workforce.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';

export interface CreateServiceDeps {
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
}

const contract = defineContract({
  name: 'CreateService',
  input: Type.Object(
    {
      name: ServiceName,
      durationMinutes: ServiceDuration,
      priceMinor: PriceMinor,
      depositPercentBasis: Type.Optional(ServiceDepositPercentBasis),
      depositCents: Type.Optional(ServiceDepositCents),
      active: Type.Optional(Type.Boolean({ description: 'Default true' })),
    },
    { additionalProperties: false },
  ),
  output: ServiceView,
});

export type CreateServiceInput = ContractInput<typeof contract>;

/**
 * Something the org sells, with the default duration and price of its bookings; active unless
 * said otherwise. Audited as `service.create`.
 * @throws validation.failed — a missing or malformed name, duration or price; both deposit rules set.
 */
export class CreateService {
  static readonly contract = contract;

  constructor(private readonly deps: CreateServiceDeps) {}

  async execute(ctx: RequestContext, input: CreateServiceInput): Promise<Service> {
    const checked = checkInput(contract, input);
    const service: Service = {
      id: this.deps.ids.next(),
      orgId: ctx.orgId,
      name: checked.name,
      durationMinutes: checked.durationMinutes,
      priceMinor: checked.priceMinor,
      depositPercentBasis: checked.depositPercentBasis ?? null,
      depositCents: checked.depositCents ?? null,
      active: checked.active ?? true,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    };
    assertOneDepositRule(service);
    return this.deps.uow.run(ctx, async (repos) => {
      await repos.services.insert(service);
      await repos.audit.append(auditEntry(ctx, this.deps.ids, { action: 'service.create', resourceType: 'service', resourceId: service.id, after: snapshot(service) }));
      return service;
    });
  }
}
