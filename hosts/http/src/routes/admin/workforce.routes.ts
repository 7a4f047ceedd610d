/**
 * The org's workforce and what it sells (guide 000 "Scheduling v2"): teams, workers, services and
 * blackouts. Reading needs schedule.view, changing schedule.manage; setting a worker's portal
 * password is an account matter (iam.manage) and its answer is never cached. Each route's input
 * is its use case's contract; the lists answer everything in one page (next_cursor is null).
 */
import {
  CreateBlackout,
  CreateService,
  CreateTeam,
  CreateWorker,
  DeleteBlackout,
  GetWorker,
  ListBlackouts,
  ListServices,
  ListTeams,
  ListWorkers,
  SetWorkerPortalPassword,
  UpdateService,
  UpdateTeam,
  UpdateWorker,
} from '@cws/core';
import { defineContractRoute, type RouteDefinition } from '../../routing/route-definition.js';
import { piiPolicy } from '../../presenters/pii-masking.js';
import { blackoutJson, serviceJson, teamJson, workerJson } from '../../presenters/scheduling-presenters.js';
import { NO_STORE } from '../route-helpers.js';

const tags = ['Workforce'] as const;
const items = <T>(list: readonly T[]) => ({ items: list, next_cursor: null });

export function workforceRoutes(): RouteDefinition[] {
  return [
    // ---------------------------------------------------------------- teams
    defineContractRoute({
      method: 'GET',
      path: '/v1/admin/teams',
      operationId: 'listTeams',
      summary: 'Teams of your org, by name',
      description: 'Every team, active or not, in one page; next_cursor is always null.',
      tags,
      audience: 'staff',
      permission: 'schedule.view',
      contract: ListTeams.contract,
      responses: { 200: { description: 'The teams', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        return { status: 200, body: items((await runtime.core.workforce.listTeams.execute(ctx, input)).map(teamJson)) };
      },
    }),
    defineContractRoute({
      method: 'POST',
      path: '/v1/admin/teams',
      operationId: 'createTeam',
      summary: 'Create a team',
      description: 'A new team is active. Workers join it by their team_id; a booking given to a team occupies its active members.',
      tags,
      audience: 'staff',
      permission: 'schedule.manage',
      contract: CreateTeam.contract,
      responses: { 201: { description: 'The new team', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        return { status: 201, body: teamJson(await runtime.core.workforce.createTeam.execute(ctx, input)) };
      },
    }),
    defineContractRoute({
      method: 'PATCH',
      path: '/v1/admin/teams/:id',
      operationId: 'updateTeam',
      summary: 'Rename a team or (de)activate it',
      description: 'Fields not sent keep their value. An inactive team cannot be given new bookings (409 team.inactive there); its existing bookings stay.',
      tags,
      audience: 'staff',
      permission: 'schedule.manage',
      contract: UpdateTeam.contract,
      responses: { 200: { description: 'The updated team', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        return { status: 200, body: teamJson(await runtime.core.workforce.updateTeam.execute(ctx, input)) };
      },
    }),

    // ---------------------------------------------------------------- workers
    defineContractRoute({
      method: 'GET',
      path: '/v1/admin/workers',
      operationId: 'listWorkers',
      summary: 'Workers of your org, by name (viewers see phone and email masked)',
      description: 'All matching workers in one page (filter by team_id and active); next_cursor is always null. A portal password hash is never shown: has_portal_password says whether one is set.',
      tags,
      audience: 'staff',
      permission: 'schedule.view',
      contract: ListWorkers.contract,
      responses: { 200: { description: 'The workers', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        const workers = await runtime.core.workforce.listWorkers.execute(ctx, input);
        const view = piiPolicy(ctx);
        return { status: 200, body: items(workers.map((w) => workerJson(w, view))) };
      },
    }),
    defineContractRoute({
      method: 'POST',
      path: '/v1/admin/workers',
      operationId: 'createWorker',
      summary: 'Add a worker (phone and email, unique in the org, are their portal logins)',
      description:
        'Active, no skills, no team and always available unless given. Skills are lower-cased tags; working_hours lists spans per weekday in the org’s zone (ends after starts, not overlapping). 409 worker.contact_taken when another worker of the org has the phone or email; 404 team.not_found for a team not in the org.',
      tags,
      audience: 'staff',
      permission: 'schedule.manage',
      contract: CreateWorker.contract,
      responses: { 201: { description: 'The new worker', schema: 'output', headers: ['Location'] } },
      async handler({ runtime, ctx, input }) {
        const worker = await runtime.core.workforce.createWorker.execute(ctx, input);
        return { status: 201, body: workerJson(worker), headers: { Location: `/v1/admin/workers/${worker.id}` } };
      },
    }),
    defineContractRoute({
      method: 'GET',
      path: '/v1/admin/workers/:id',
      operationId: 'getWorker',
      summary: 'Get one worker',
      description: 'Another org’s worker answers 404 like a missing one. Viewers see phone and email masked.',
      tags,
      audience: 'staff',
      permission: 'schedule.view',
      contract: GetWorker.contract,
      responses: { 200: { description: 'The worker', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        return { status: 200, body: workerJson(await runtime.core.workforce.getWorker.execute(ctx, input), piiPolicy(ctx)) };
      },
    }),
    defineContractRoute({
      method: 'PATCH',
      path: '/v1/admin/workers/:id',
      operationId: 'updateWorker',
      summary: 'Change a worker (active: false ends their portal sessions; their bookings stay)',
      description: 'Fields not sent keep their value; null clears phone, email, team_id or working_hours. 409 worker.contact_taken when the phone or email is another worker’s.',
      tags,
      audience: 'staff',
      permission: 'schedule.manage',
      contract: UpdateWorker.contract,
      responses: { 200: { description: 'The updated worker', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        return { status: 200, body: workerJson(await runtime.core.workforce.updateWorker.execute(ctx, input)) };
      },
    }),
    defineContractRoute({
      method: 'POST',
      path: '/v1/admin/workers/:id/portal-password',
      operationId: 'setWorkerPortalPassword',
      summary: 'Set a worker’s portal password (or a generated one, shown once); ends their portal sessions',
      description:
        'The body is optional: without a password one is generated and answered once as temporary_password. Either way the password is temporary: staff know it, so at sign-in the worker gets must_change_password: true and only me, change-password and logout answer until they choose their own. A chosen password follows the staff password rule (422 otherwise).',
      tags,
      audience: 'staff',
      permission: 'iam.manage',
      contract: SetWorkerPortalPassword.contract,
      responses: { 200: { description: 'The worker, with temporary_password when none was given', schema: 'output', headers: ['Cache-Control'] } },
      async handler({ runtime, ctx, input }) {
        const result = await runtime.core.workforce.setWorkerPassword.execute(ctx, input);
        return { status: 200, body: { worker: workerJson(result.worker), temporary_password: result.temporaryPassword }, headers: NO_STORE };
      },
    }),

    // ---------------------------------------------------------------- services
    defineContractRoute({
      method: 'GET',
      path: '/v1/admin/services',
      operationId: 'listServices',
      summary: 'Services your org sells, with default duration and price',
      description: 'All matching services in one page (filter by active), by name; next_cursor is always null.',
      tags,
      audience: 'staff',
      permission: 'schedule.view',
      contract: ListServices.contract,
      responses: { 200: { description: 'The services', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        return { status: 200, body: items((await runtime.core.workforce.listServices.execute(ctx, input)).map(serviceJson)) };
      },
    }),
    defineContractRoute({
      method: 'POST',
      path: '/v1/admin/services',
      operationId: 'createService',
      summary: 'Add a service',
      description: 'A name, the default duration of its bookings (15 to 1440 minutes) and its price in minor units of the org’s currency. Active unless said otherwise.',
      tags,
      audience: 'staff',
      permission: 'schedule.manage',
      contract: CreateService.contract,
      responses: { 201: { description: 'The new service', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        return { status: 201, body: serviceJson(await runtime.core.workforce.createService.execute(ctx, input)) };
      },
    }),
    defineContractRoute({
      method: 'PATCH',
      path: '/v1/admin/services/:id',
      operationId: 'updateService',
      summary: 'Change a service (existing bookings keep their price estimate)',
      description: 'Fields not sent keep their value. An inactive service cannot be used by new bookings.',
      tags,
      audience: 'staff',
      permission: 'schedule.manage',
      contract: UpdateService.contract,
      responses: { 200: { description: 'The updated service', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        return { status: 200, body: serviceJson(await runtime.core.workforce.updateService.execute(ctx, input)) };
      },
    }),

    // ---------------------------------------------------------------- blackouts
    defineContractRoute({
      method: 'GET',
      path: '/v1/admin/blackouts',
      operationId: 'listBlackouts',
      summary: 'Blackouts overlapping [start, end) (at most 366 days), by start',
      description: 'The org’s, its teams’ and its workers’ blackouts, in one page; next_cursor is always null. Viewers see the reason withheld.',
      tags,
      audience: 'staff',
      permission: 'schedule.view',
      contract: ListBlackouts.contract,
      responses: { 200: { description: 'The blackouts', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        const list = await runtime.core.workforce.listBlackouts.execute(ctx, input);
        const view = piiPolicy(ctx);
        return { status: 200, body: items(list.map((b) => blackoutJson(b, view))) };
      },
    }),
    defineContractRoute({
      method: 'POST',
      path: '/v1/admin/blackouts',
      operationId: 'createBlackout',
      summary: 'Block a time range for the org, a team or a worker (holiday, training, leave)',
      description:
        'scope org (the default) names no one; team needs team_id, worker needs worker_id. end is after start and at most 366 days later. Bookings are refused in it (409 booking.blacked_out); existing bookings are not touched.',
      tags,
      audience: 'staff',
      permission: 'schedule.manage',
      contract: CreateBlackout.contract,
      responses: { 201: { description: 'The new blackout', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        return { status: 201, body: blackoutJson(await runtime.core.workforce.createBlackout.execute(ctx, input)) };
      },
    }),
    defineContractRoute({
      method: 'DELETE',
      path: '/v1/admin/blackouts/:id',
      operationId: 'deleteBlackout',
      summary: 'Remove a blackout',
      description: 'Bookings may then be made in its time again. A removed or unknown blackout answers 404 blackout.not_found.',
      tags,
      audience: 'staff',
      permission: 'schedule.manage',
      contract: DeleteBlackout.contract,
      responses: { 204: { description: 'Removed' } },
      async handler({ runtime, ctx, input }) {
        await runtime.core.workforce.deleteBlackout.execute(ctx, input);
        return { status: 204 };
      },
    }),
  ];
}
