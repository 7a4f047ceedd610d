/**
 * Moved to use-cases/schedule/ (one file per use case). This re-export remains only because the
 * package index (not this area's file) still names this path: delete it with those lines.
 */
export type { ConflictKind, ScheduleConflict } from '../schedule/schedule-support.js';
export type { ConflictReport } from '../schedule/check-conflicts.use-case.js';
export type { Suggestions, TeamSuggestion, WorkerSuggestion } from '../schedule/suggest-assignees.use-case.js';
export type { ScheduleBoard } from '../schedule/get-schedule-board.use-case.js';
export type { QueueItem } from '../schedule/list-assignment-queue.use-case.js';
export { MAX_BOARD_DAYS, MAX_CHECK_HOURS } from '../../domain/scheduling/schedule-window.js';
