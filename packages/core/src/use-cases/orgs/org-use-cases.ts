/** The orgs use cases, each built from the core's shared services (explicit wiring, no container). */
import type { CoreServices } from '../shared/core-services.js';
import { GetOrgSettings } from './get-org-settings.use-case.js';
import { UpdateOrgSettings } from './update-org-settings.use-case.js';

export function orgUseCases({ uow, ids, createOrg }: CoreServices) {
  return {
    create: createOrg,
    getSettings: new GetOrgSettings({ uow }),
    updateSettings: new UpdateOrgSettings({ uow, ids }),
  };
}
