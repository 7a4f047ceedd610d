/** The schedule area: the dispatcher's questions (each with its contract), their schemas and their wiring. */
export * from './check-conflicts.use-case.js';
export * from './suggest-assignees.use-case.js';
export * from './get-schedule-board.use-case.js';
export * from './list-assignment-queue.use-case.js';
export type { ConflictKind, ScheduleConflict } from './schedule-support.js';
export * from '../../domain/scheduling/schedule-schemas.js';
export * from '../../domain/scheduling/schedule-window.js';
export * from './schedule-use-cases.js';
