/**
 * Builds every use case from plain port instances, so any Node app can embed the core without a
 * DI container: `const core = createCore({ uow, orgs, ... }); await core.leads.create.execute(ctx, input)`.
 */
import { SystemClock } from './defaults/system-clock.js';
import { RandomIdGenerator } from './defaults/random-id-generator.js';
import type { SystemAuditLog } from './ports/audit-log.port.js';
import type { Clock } from './ports/clock.port.js';
import type { IdGenerator } from './ports/id-generator.port.js';
import type { JobMonitor } from './ports/job-monitor.port.js';
import type { OrgDirectory } from './ports/org-directory.port.js';
import type { UnitOfWork } from './ports/unit-of-work.port.js';
import { ListAuditLogs } from './use-cases/audit/list-audit-logs.use-case.js';
import { AddClientAddress, RemoveClientAddress, UpdateClientAddress } from './use-cases/clients/client-addresses.use-case.js';
import { CreateClient } from './use-cases/clients/create-client.use-case.js';
import { GetClient } from './use-cases/clients/get-client.use-case.js';
import { ListClients } from './use-cases/clients/list-clients.use-case.js';
import { UpdateClient } from './use-cases/clients/update-client.use-case.js';
import { ArchiveLead } from './use-cases/leads/archive-lead.use-case.js';
import { ArchiveStaleLeads } from './use-cases/leads/archive-stale-leads.use-case.js';
import { ConvertLead } from './use-cases/leads/convert-lead.use-case.js';
import { CreateLead } from './use-cases/leads/create-lead.use-case.js';
import { GetLead } from './use-cases/leads/get-lead.use-case.js';
import { ListLeads } from './use-cases/leads/list-leads.use-case.js';
import { SubmitPublicLead } from './use-cases/leads/submit-public-lead.use-case.js';
import { UpdateLead } from './use-cases/leads/update-lead.use-case.js';
import { GetJobsStatus } from './use-cases/ops/get-jobs-status.use-case.js';
import { CreateOrg } from './use-cases/orgs/create-org.use-case.js';
import { GetOrgSettings, UpdateOrgSettings } from './use-cases/orgs/org-settings.use-case.js';

export interface CorePorts {
  readonly uow: UnitOfWork;
  readonly orgs: OrgDirectory;
  readonly systemAudit: SystemAuditLog;
  readonly jobMonitor: JobMonitor;
  readonly ids?: IdGenerator;
  readonly clock?: Clock;
}

export interface CoreOptions {
  /** Age after which a job runner's heartbeat counts as stale (guide default 180 s). */
  readonly jobHeartbeatTtlSeconds?: number;
}

export function createCore(ports: CorePorts, options: CoreOptions = {}) {
  const ids = ports.ids ?? new RandomIdGenerator();
  const clock = ports.clock ?? new SystemClock();
  const { uow, orgs, systemAudit } = ports;
  return {
    clock,
    ids,
    leads: {
      create: new CreateLead({ uow, ids }),
      get: new GetLead({ uow }),
      list: new ListLeads({ uow }),
      update: new UpdateLead({ uow, ids }),
      archive: new ArchiveLead({ uow, ids }),
      convert: new ConvertLead({ uow, ids }),
      submitPublic: new SubmitPublicLead({ uow, orgs, ids }),
      archiveStale: new ArchiveStaleLeads({ uow, orgs, systemAudit, ids }),
    },
    clients: {
      create: new CreateClient({ uow, ids }),
      get: new GetClient({ uow }),
      list: new ListClients({ uow }),
      update: new UpdateClient({ uow, ids }),
      addAddress: new AddClientAddress({ uow, ids }),
      updateAddress: new UpdateClientAddress({ uow, ids }),
      removeAddress: new RemoveClientAddress({ uow, ids }),
    },
    orgs: {
      create: new CreateOrg({ orgs, ids }),
      getSettings: new GetOrgSettings({ uow }),
      updateSettings: new UpdateOrgSettings({ uow, ids }),
    },
    audit: {
      list: new ListAuditLogs({ uow }),
    },
    ops: {
      jobsStatus: new GetJobsStatus({ jobs: ports.jobMonitor, heartbeatTtlSeconds: options.jobHeartbeatTtlSeconds ?? 180 }),
    },
  };
}

export type Core = ReturnType<typeof createCore>;
