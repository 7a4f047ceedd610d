/** The leads use cases, each built from the core's shared services (explicit wiring, no container). */
import type { CoreServices } from '../shared/core-services.js';
import { ArchiveLead } from './archive-lead.use-case.js';
import { ArchiveStaleLeads } from './archive-stale-leads.use-case.js';
import { ConvertLead } from './convert-lead.use-case.js';
import { CreateLead } from './create-lead.use-case.js';
import { GetLead } from './get-lead.use-case.js';
import { ListLeads } from './list-leads.use-case.js';
import { SubmitPublicLead } from './submit-public-lead.use-case.js';
import { UpdateLead } from './update-lead.use-case.js';

export function leadUseCases({ uow, ids, orgs, systemAudit, searches, limiter, jobs }: CoreServices) {
  return {
    create: new CreateLead({ uow, ids }),
    get: new GetLead({ uow }),
    list: new ListLeads({ uow, searches }),
    update: new UpdateLead({ uow, ids }),
    archive: new ArchiveLead({ uow, ids }),
    convert: new ConvertLead({ uow, ids }),
    submitPublic: new SubmitPublicLead({ uow, orgs, ids, limiter, systemAudit }),
    archiveStale: new ArchiveStaleLeads({ uow, orgs, systemAudit, ids, jobs }),
  };
}
