/** The schedule use cases, each built from the core's shared services (explicit wiring, no container). */
import type { CoreServices } from '../shared/core-services.js';
import { CheckConflicts } from './check-conflicts.use-case.js';
import { GetScheduleBoard } from './get-schedule-board.use-case.js';
import { ListAssignmentQueue } from './list-assignment-queue.use-case.js';
import { SuggestAssignees } from './suggest-assignees.use-case.js';

export function scheduleUseCases({ uow, rosters }: CoreServices) {
  return {
    conflicts: new CheckConflicts({ uow }),
    suggestions: new SuggestAssignees({ uow, rosters }),
    board: new GetScheduleBoard({ uow }),
    assignmentQueue: new ListAssignmentQueue({ uow }),
  };
}
