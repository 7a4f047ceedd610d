import type { RequestContext } from '../../context.js';
import type { Client } from '../../domain/clients/client.js';
import { InputChecks } from '../../domain/shared/input-checks.js';
import { parseCommonList, type CommonListInput } from '../../domain/shared/list-input.js';
import { pageFrom, type Page } from '../../domain/shared/pagination.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';

export interface ListClientsDeps {
  readonly uow: UnitOfWork;
}

export type ListClientsInput = CommonListInput;

/**
 * Clients of the caller's org, newest first, with their addresses. Filters: created range,
 * `q` (name, email or phone), archived (excluded by default).
 * @throws validation.failed — bad dates, bad cursor, limit outside 1..200.
 */
export class ListClients {
  constructor(private readonly deps: ListClientsDeps) {}

  async execute(ctx: RequestContext, input: ListClientsInput): Promise<Page<Client>> {
    const checks = new InputChecks();
    const common = parseCommonList(checks, input);
    checks.throwIfAny();
    const rows = await this.deps.uow.run(ctx, (repos) => repos.clients.list({ ...common, limit: common.limit + 1 }));
    return pageFrom(rows, common.limit);
  }
}
