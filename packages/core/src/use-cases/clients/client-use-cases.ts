/** The clients use cases, each built from the core's shared services (explicit wiring, no container). */
import type { CoreServices } from '../shared/core-services.js';
import { AddClientAddress } from './add-client-address.use-case.js';
import { CreateClient } from './create-client.use-case.js';
import { GetClient } from './get-client.use-case.js';
import { ListClients } from './list-clients.use-case.js';
import { RemoveClientAddress } from './remove-client-address.use-case.js';
import { UpdateClientAddress } from './update-client-address.use-case.js';
import { UpdateClient } from './update-client.use-case.js';

export function clientUseCases({ uow, ids, searches }: CoreServices) {
  return {
    create: new CreateClient({ uow, ids }),
    get: new GetClient({ uow }),
    list: new ListClients({ uow, searches }),
    update: new UpdateClient({ uow, ids }),
    addAddress: new AddClientAddress({ uow, ids }),
    updateAddress: new UpdateClientAddress({ uow, ids }),
    removeAddress: new RemoveClientAddress({ uow, ids }),
  };
}
