/** The schedule use cases, each built from the core's shared services (explicit wiring, no container). */
import type { CoreServices } from '../shared/core-services.js';
import { CheckConflicts, GetScheduleBoard, ListAssignmentQueue, SuggestAssignees } from '../scheduling/schedule-queries.use-case.js';

export function scheduleUseCases({ uow }: CoreServices) {
  return {
    conflicts: new CheckConflicts({ uow }),
    suggestions: new SuggestAssignees({ uow }),
    board: new GetScheduleBoard({ uow }),
    assignmentQueue: new ListAssignmentQueue({ uow }),
  };
}
