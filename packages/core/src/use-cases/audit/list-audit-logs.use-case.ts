import type { RequestContext } from '../../context.js';
import type { AuditEntry } from '../../domain/audit/audit-entry.js';
import { InputChecks } from '../../domain/shared/input-checks.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, decodeCursor, pageFrom, type Page, type PageKey } from '../../domain/shared/pagination.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';

export interface ListAuditLogsDeps {
  readonly uow: UnitOfWork;
}

export interface ListAuditLogsInput {
  readonly resourceType?: string;
  readonly resourceId?: string;
  readonly action?: string;
  readonly actorId?: string;
  readonly createdFrom?: Date | string;
  readonly createdTo?: Date | string;
  readonly cursor?: string;
  readonly limit?: number;
}

/**
 * The caller's org audit log, newest first, filtered by resource, action, actor and time.
 * @throws validation.failed — bad dates, cursor or limit.
 */
export class ListAuditLogs {
  constructor(private readonly deps: ListAuditLogsDeps) {}

  async execute(ctx: RequestContext, input: ListAuditLogsInput): Promise<Page<AuditEntry>> {
    const checks = new InputChecks();
    const text = (pointer: string, v: string | undefined) => checks.optionalText(pointer, v, { max: 200 }) ?? null;
    const createdFrom = checks.date('/createdFrom', input.createdFrom) ?? null;
    const createdTo = checks.date('/createdTo', input.createdTo) ?? null;
    if (createdFrom && createdTo && createdTo <= createdFrom) checks.fail('/createdTo', 'must be after createdFrom');
    const limit = checks.integer('/limit', input.limit, { min: 1, max: MAX_PAGE_SIZE }) ?? DEFAULT_PAGE_SIZE;
    let after: PageKey | null = null;
    if (input.cursor !== undefined) {
      try {
        after = decodeCursor(input.cursor);
      } catch {
        checks.fail('/cursor', 'is not a cursor returned by this API');
      }
    }
    const query = {
      resourceType: text('/resourceType', input.resourceType),
      resourceId: text('/resourceId', input.resourceId),
      action: text('/action', input.action),
      actorId: text('/actorId', input.actorId),
      createdFrom,
      createdTo,
      after,
      limit: limit + 1,
    };
    checks.throwIfAny();
    const rows = await this.deps.uow.run(ctx, (repos) => repos.audit.list(query));
    return pageFrom(rows, limit);
  }
}
