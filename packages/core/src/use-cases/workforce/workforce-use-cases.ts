/** The workforce use cases, each built from the core's shared services (explicit wiring, no container). */
import type { CoreServices } from '../shared/core-services.js';
import { CreateBlackout, CreateService, CreateTeam, CreateWorker, DeleteBlackout, GetWorker, ListBlackouts, ListServices, ListTeams, ListWorkers, SetWorkerPortalPassword, UpdateService, UpdateTeam, UpdateWorker } from '../scheduling/workforce.use-case.js';

export function workforceUseCases({ uow, ids, credentials }: CoreServices) {
  return {
    createTeam: new CreateTeam({ uow, ids }),
    updateTeam: new UpdateTeam({ uow, ids }),
    listTeams: new ListTeams({ uow }),
    createWorker: new CreateWorker({ uow, ids }),
    updateWorker: new UpdateWorker({ uow, ids }),
    getWorker: new GetWorker({ uow }),
    listWorkers: new ListWorkers({ uow }),
    setWorkerPassword: new SetWorkerPortalPassword({ uow, ids, hasher: credentials.hasher, tokens: credentials.tokens, strength: credentials.strength }),
    createService: new CreateService({ uow, ids }),
    updateService: new UpdateService({ uow, ids }),
    listServices: new ListServices({ uow }),
    createBlackout: new CreateBlackout({ uow, ids }),
    deleteBlackout: new DeleteBlackout({ uow, ids }),
    listBlackouts: new ListBlackouts({ uow }),
  };
}
