/** The outbox use cases: delivery (the job) and the operators' dead-letter queue. */
import type { CoreServices } from '../shared/core-services.js';
import { DeliverOutbox } from './deliver-outbox.use-case.js';
import { RecordSmsReply } from './record-sms-reply.use-case.js';
import { GetDeadLetterQueue } from './get-dead-letter-queue.use-case.js';
import { ListDeadLetters } from './list-dead-letters.use-case.js';
import { ReplayOutboxEvent } from './replay-outbox-event.use-case.js';

export function outboxUseCases({ messaging, orgs, uow, systemAudit, ids, clock, outboxObserver }: CoreServices) {
  return {
    deliver: new DeliverOutbox({ messaging, orgs, uow, systemAudit, ids, clock, observer: outboxObserver }),
    recordSmsReply: new RecordSmsReply({ messaging }),
    listDeadLetters: new ListDeadLetters({ uow }),
    replay: new ReplayOutboxEvent({ uow, ids }),
    deadLetterQueue: new GetDeadLetterQueue({ uow }),
  };
}
