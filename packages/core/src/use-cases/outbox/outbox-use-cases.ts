/** The outbox use cases: delivery (the job) and the operators' dead-letter queue. */
import type { CoreServices } from '../shared/core-services.js';
import { RecordSmsReply } from './record-sms-reply.use-case.js';

export function outboxUseCases({ messaging }: CoreServices) {
  return {
    recordSmsReply: new RecordSmsReply({ messaging }),
  };
}
