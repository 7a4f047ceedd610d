/** The workforce use cases, each built from the core's shared services (explicit wiring, no container). */
import type { CoreServices } from '../shared/core-services.js';
import { CreateBlackout } from './create-blackout.use-case.js';
import { CreateService } from './create-service.use-case.js';
import { CreateTeam } from './create-team.use-case.js';
import { CreateWorker } from './create-worker.use-case.js';
import { DeleteBlackout } from './delete-blackout.use-case.js';
import { GetWorker } from './get-worker.use-case.js';
import { ListBlackouts } from './list-blackouts.use-case.js';
import { ListServices } from './list-services.use-case.js';
import { ListTeams } from './list-teams.use-case.js';
import { ListWorkers } from './list-workers.use-case.js';
import { SetWorkerPortalPassword } from './set-worker-portal-password.use-case.js';
import { UpdateService } from './update-service.use-case.js';
import { UpdateTeam } from './update-team.use-case.js';
import { UpdateWorker } from './update-worker.use-case.js';

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
