/**
 * The dispatcher's questions (guide 000 "Scheduling v2 endpoints & usage", "Operator
 * productivity queues"): what blocks a window, who could take it, the board, and the
 * assignments queue. Conflicts, suggestions and the queue need dispatcher rights
 * (schedule.manage); the board is readable by viewers, with personal data masked.
 */
import { defineRoute, type RouteDefinition } from '../../routing/route-definition.js';
import { pageJson } from '../../presenters/presenters.js';
import { piiPolicy } from '../../presenters/pii-masking.js';
import { boardJson, conflictReportJson, queueItemJson, suggestionsJson } from '../../presenters/scheduling-presenters.js';
import { Page } from '../../schemas/common.schemas.js';
import { BoardQuery, BoardView, ConflictReportView, ConflictsQuery, QueueItemView, QueueQuery, SuggestionsQuery, SuggestionsView } from '../../schemas/scheduling.schemas.js';
import { commonErrors } from '../route-helpers.js';

const tags = ['Schedule'] as const;

export function scheduleRoutes(): RouteDefinition[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/v1/admin/schedule/conflicts',
      operationId: 'checkScheduleConflicts',
      summary: 'What blocks [start, end) (at most 7 days): bookings, blackouts, worker clashes, each with its reason',
      description:
        'team_id and worker_id name who would take it; booking_id ignores that booking (the one being moved) and, alone, checks its own people. Ids of another org are 404; an empty or over-long window is 422. Outside working hours is a warning (blocking: false).',
      tags,
      audience: 'staff',
      permission: 'schedule.manage',
      query: ConflictsQuery,
      inputIn: 'query',
      responses: { 200: { description: 'The conflicts; available is true when none blocks', schema: ConflictReportView }, ...commonErrors },
      async handler({ runtime, ctx, query }) {
        const report = await runtime.core.schedule.conflicts.execute(ctx, {
          start: query.start,
          end: query.end,
          ...(query.team_id !== undefined ? { teamId: query.team_id } : {}),
          ...(query.worker_id !== undefined ? { workerId: query.worker_id } : {}),
          ...(query.booking_id !== undefined ? { bookingId: query.booking_id } : {}),
        });
        return { status: 200, body: conflictReportJson(report) };
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/v1/admin/schedule/suggestions',
      operationId: 'suggestScheduleAssignees',
      summary: 'Teams and workers free for [start, end) (at most 7 days), best first, with the reasons',
      description:
        'skill_tags (comma-separated or repeated) keeps workers with at least one of the tags and ranks by how many they have; then within working hours, then least booked that day. Workers whose team is booked or blacked out are left out; booking_id ignores that booking.',
      tags,
      audience: 'staff',
      permission: 'schedule.manage',
      query: SuggestionsQuery,
      inputIn: 'query',
      responses: { 200: { description: 'The suggestions', schema: SuggestionsView }, ...commonErrors },
      async handler({ runtime, ctx, query }) {
        const suggestions = await runtime.core.schedule.suggestions.execute(ctx, {
          start: query.start,
          end: query.end,
          ...(query.skill_tags !== undefined ? { skillTags: query.skill_tags.flatMap((t) => t.split(',')) } : {}),
          ...(query.booking_id !== undefined ? { bookingId: query.booking_id } : {}),
        });
        return { status: 200, body: suggestionsJson(suggestions, piiPolicy(ctx)) };
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/v1/admin/schedule/board',
      operationId: 'getScheduleBoard',
      summary: 'The day/week board: bookings (not cancelled) of up to 14 days, per worker, and the unassigned ones; without start and end: today and the next 6 days in the org’s zone',
      description:
        'Each booking carries its client’s name, the address (as the client’s addresses show it, masked for viewers) and its local start and end with the offset. Without start and end the window is today in the org’s time zone and the 6 days after; with only one, the other is 7 days away. `window` echoes the window shown.',
      tags,
      audience: 'staff',
      permission: 'schedule.view',
      query: BoardQuery,
      inputIn: 'query',
      responses: { 200: { description: 'The board', schema: BoardView }, ...commonErrors },
      async handler({ runtime, ctx, query }) {
        const board = await runtime.core.schedule.board.execute(ctx, {
          ...(query.start !== undefined ? { start: query.start } : {}),
          ...(query.end !== undefined ? { end: query.end } : {}),
          ...(query.team_id !== undefined ? { teamId: query.team_id } : {}),
        });
        return { status: 200, body: boardJson(board, piiPolicy(ctx)) };
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/v1/admin/queue/assignments',
      operationId: 'listAssignmentQueue',
      summary: 'Unassigned pending or confirmed bookings in the next `days` (default 7, at most 30), soonest first',
      description: 'urgent: starts within 24 hours.',
      tags,
      audience: 'staff',
      permission: 'schedule.manage',
      query: QueueQuery,
      inputIn: 'query',
      responses: { 200: { description: 'A page of the queue', schema: Page(QueueItemView) }, ...commonErrors },
      async handler({ runtime, ctx, query }) {
        const page = await runtime.core.schedule.assignmentQueue.execute(ctx, {
          ...(query.days !== undefined ? { days: query.days } : {}),
          ...(query.cursor !== undefined ? { cursor: query.cursor } : {}),
          ...(query.limit !== undefined ? { limit: query.limit } : {}),
        });
        return { status: 200, body: pageJson(page, (item) => queueItemJson(item)) };
      },
    }),
  ];
}
