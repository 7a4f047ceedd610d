/** The outbox use cases: delivery (the job) and the operators' dead-letter queue. */
import type { CoreServices } from '../shared/core-services.js';

export function outboxUseCases(_services: CoreServices) {
  return {};
}
