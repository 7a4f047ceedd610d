/** The audit use cases, each built from the core's shared services (explicit wiring, no container). */
import type { CoreServices } from '../shared/core-services.js';
import { ListAuditLogs } from './list-audit-logs.use-case.js';

export function auditUseCases({ uow }: CoreServices) {
  return {
    list: new ListAuditLogs({ uow }),
  };
}
