/**
 * The dispatcher's questions (guide 000 "Scheduling v2 endpoints & usage", "Operator
 * productivity queues"): what blocks a window, who could take it, the board, and the
 * assignments queue. Conflicts, suggestions and the queue need dispatcher rights
 * (schedule.manage); the board is readable by viewers, with personal data masked.
 */
import { CheckConflicts, GetScheduleBoard, ListAssignmentQueue, SuggestAssignees } from '@cws/core';
import { defineContractRoute, type RouteDefinition } from '../../routing/route-definition.js';
import { pageJson } from '../../presenters/presenters.js';
import { piiPolicy } from '../../presenters/pii-masking.js';
import { boardJson, conflictReportJson, queueItemJson, suggestionsJson } from '../../presenters/scheduling-presenters.js';

const tags = ['Schedule'] as const;

export function scheduleRoutes(): RouteDefinition[] {
  return [
    defineContractRoute({
      method: 'GET',
      path: '/v1/admin/schedule/conflicts',
      operationId: 'checkScheduleConflicts',
      summary: 'What blocks [start, end) (at most 7 days): bookings, blackouts, worker clashes, each with its reason',
      description:
        'team_id and worker_id name who would take it; booking_id ignores that booking (the one being moved) and, alone, checks its own people. Ids of another org are 404; an empty or over-long window is 422. Outside working hours is a warning (blocking: false).',
      tags,
      audience: 'staff',
      permission: 'schedule.manage',
      contract: CheckConflicts.contract,
      responses: {
        200: { description: 'The conflicts; available is true when none blocks', schema: 'output' },
        404: { description: 'No such team, worker or booking in this org (another org’s id answers the same)' },
      },
      async handler({ runtime, ctx, input }) {
        return { status: 200, body: conflictReportJson(await runtime.core.schedule.conflicts.execute(ctx, input)) };
      },
    }),
    defineContractRoute({
      method: 'GET',
      path: '/v1/admin/schedule/suggestions',
      operationId: 'suggestScheduleAssignees',
      summary: 'The best teams and workers free for [start, end) (at most 7 days), with the reasons and how many qualified',
      description:
        'skill_tags (comma-separated or repeated, at most 20) keeps workers with at least one of the tags and ranks by how many they have; then within working hours, then least booked that day. Workers whose team is booked or blacked out are left out; booking_id ignores that booking (404 when it is not the org’s). limit (default 20, at most 100) caps each list; total counts every team and worker that qualified. Workers, teams and the org’s time zone may be up to a few seconds old when changed through another server process; the day’s bookings and blackouts are always current. An empty or over-long window is 422.',
      tags,
      audience: 'staff',
      permission: 'schedule.manage',
      contract: SuggestAssignees.contract,
      responses: { 200: { description: 'The suggestions', schema: 'output' }, 404: { description: 'No such booking in this org (another org’s id answers the same)' } },
      async handler({ runtime, ctx, input }) {
        return { status: 200, body: suggestionsJson(await runtime.core.schedule.suggestions.execute(ctx, input)) };
      },
    }),
    defineContractRoute({
      method: 'GET',
      path: '/v1/admin/schedule/board',
      operationId: 'getScheduleBoard',
      summary: 'The day/week board: bookings (not cancelled) of up to 14 days, per worker, and the unassigned ones; without start and end: today and the next 6 days in the org’s zone',
      description:
        'Each booking carries its client’s name, the address (as the client’s addresses show it, masked for viewers) and its local start and end with the offset. Without start and end the window is today in the org’s time zone and the 6 days after; with only one, the other is 7 days away. `window` echoes the window shown. A range holding more than 5,000 bookings is 422: ask for a shorter one.',
      tags,
      audience: 'staff',
      permission: 'schedule.view',
      contract: GetScheduleBoard.contract,
      responses: { 200: { description: 'The board', schema: 'output' }, 404: { description: 'No such team in this org (another org’s id answers the same)' } },
      async handler({ runtime, ctx, input }) {
        return { status: 200, body: boardJson(await runtime.core.schedule.board.execute(ctx, input), piiPolicy(ctx)) };
      },
    }),
    defineContractRoute({
      method: 'GET',
      path: '/v1/admin/queue/assignments',
      operationId: 'listAssignmentQueue',
      summary: 'Unassigned pending or confirmed bookings in the next `days` (default 7, at most 30), soonest first',
      description: 'Bookings with no team and no worker that start from now on, soonest first; urgent: starts within 24 hours. Cursor pagination.',
      tags,
      audience: 'staff',
      permission: 'schedule.manage',
      contract: ListAssignmentQueue.contract,
      responses: { 200: { description: 'A page of the queue', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        const page = await runtime.core.schedule.assignmentQueue.execute(ctx, input);
        return { status: 200, body: pageJson(page, (item) => queueItemJson(item)) };
      },
    }),
  ];
}
