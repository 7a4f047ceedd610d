/**
 * The org's workforce and what it sells (guide 000 "Scheduling v2"): teams, workers, services and
 * blackouts. Reading needs schedule.view, changing schedule.manage; setting a worker's portal
 * password is an account matter (iam.manage) and its answer is never cached.
 */
import { Type, type TSchema } from '@sinclair/typebox';
import { defineRoute, type RouteDefinition } from '../../routing/route-definition.js';
import { piiPolicy } from '../../presenters/pii-masking.js';
import { blackoutJson, serviceJson, teamJson, workerJson } from '../../presenters/scheduling-presenters.js';
import { IdParams } from '../../schemas/common.schemas.js';
import {
  BlackoutView,
  CreateBlackoutBody,
  CreateServiceBody,
  CreateTeamBody,
  CreateWorkerBody,
  ListServicesQuery,
  ListWorkersQuery,
  PortalPasswordBody,
  PortalPasswordView,
  ServiceView,
  TeamView,
  UpdateServiceBody,
  UpdateTeamBody,
  UpdateWorkerBody,
  WindowQuery,
  WorkerView,
} from '../../schemas/scheduling.schemas.js';
import { NO_STORE, commonErrors } from '../route-helpers.js';

const tags = ['Workforce'] as const;
const items = <T>(list: readonly T[]) => ({ items: list, next_cursor: null });
const List = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item), next_cursor: Type.Null() });

export function workforceRoutes(): RouteDefinition[] {
  return [
    // ---------------------------------------------------------------- teams
    defineRoute({
      method: 'GET',
      path: '/v1/admin/teams',
      operationId: 'listTeams',
      summary: 'Teams of your org, by name',
      description: 'All teams in one page; next_cursor is always null.',
      tags,
      audience: 'staff',
      permission: 'schedule.view',
      responses: { 200: { description: 'The teams', schema: List(TeamView) }, ...commonErrors },
      async handler({ runtime, ctx }) {
        return { status: 200, body: items((await runtime.core.workforce.listTeams.execute(ctx)).map(teamJson)) };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/v1/admin/teams',
      operationId: 'createTeam',
      summary: 'Create a team',
      tags,
      audience: 'staff',
      permission: 'schedule.manage',
      body: CreateTeamBody,
      responses: { 201: { description: 'The new team', schema: TeamView }, ...commonErrors },
      async handler({ runtime, ctx, body }) {
        const team = await runtime.core.workforce.createTeam.execute(ctx, body);
        return { status: 201, body: teamJson(team) };
      },
    }),
    defineRoute({
      method: 'PATCH',
      path: '/v1/admin/teams/:id',
      operationId: 'updateTeam',
      summary: 'Rename a team or (de)activate it',
      description: 'An inactive team cannot be given new bookings; its existing bookings stay.',
      tags,
      audience: 'staff',
      permission: 'schedule.manage',
      params: IdParams,
      body: UpdateTeamBody,
      responses: { 200: { description: 'The updated team', schema: TeamView }, ...commonErrors },
      async handler({ runtime, ctx, params, body }) {
        return { status: 200, body: teamJson(await runtime.core.workforce.updateTeam.execute(ctx, { ...body, id: params.id })) };
      },
    }),

    // ---------------------------------------------------------------- workers
    defineRoute({
      method: 'GET',
      path: '/v1/admin/workers',
      operationId: 'listWorkers',
      summary: 'Workers of your org, by name (viewers see phone and email masked)',
      description: 'All matching workers in one page; next_cursor is always null.',
      tags,
      audience: 'staff',
      permission: 'schedule.view',
      query: ListWorkersQuery,
      inputIn: 'query',
      responses: { 200: { description: 'The workers', schema: List(WorkerView) }, ...commonErrors },
      async handler({ runtime, ctx, query }) {
        const workers = await runtime.core.workforce.listWorkers.execute(ctx, {
          ...(query.team_id !== undefined ? { teamId: query.team_id } : {}),
          ...(query.active !== undefined ? { active: query.active } : {}),
        });
        const view = piiPolicy(ctx);
        return { status: 200, body: items(workers.map((w) => workerJson(w, view))) };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/v1/admin/workers',
      operationId: 'createWorker',
      summary: 'Add a worker (phone and email, unique in the org, are their portal logins)',
      tags,
      audience: 'staff',
      permission: 'schedule.manage',
      body: CreateWorkerBody,
      responses: { 201: { description: 'The new worker', schema: WorkerView }, ...commonErrors },
      async handler({ runtime, ctx, body }) {
        const worker = await runtime.core.workforce.createWorker.execute(ctx, body);
        return { status: 201, body: workerJson(worker), headers: { Location: `/v1/admin/workers/${worker.id}` } };
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/v1/admin/workers/:id',
      operationId: 'getWorker',
      summary: 'Get one worker',
      tags,
      audience: 'staff',
      permission: 'schedule.view',
      params: IdParams,
      responses: { 200: { description: 'The worker', schema: WorkerView }, ...commonErrors },
      async handler({ runtime, ctx, params }) {
        return { status: 200, body: workerJson(await runtime.core.workforce.getWorker.execute(ctx, { id: params.id }), piiPolicy(ctx)) };
      },
    }),
    defineRoute({
      method: 'PATCH',
      path: '/v1/admin/workers/:id',
      operationId: 'updateWorker',
      summary: 'Change a worker (active: false ends their portal sessions; their bookings stay)',
      tags,
      audience: 'staff',
      permission: 'schedule.manage',
      params: IdParams,
      body: UpdateWorkerBody,
      responses: { 200: { description: 'The updated worker', schema: WorkerView }, ...commonErrors },
      async handler({ runtime, ctx, params, body }) {
        return { status: 200, body: workerJson(await runtime.core.workforce.updateWorker.execute(ctx, { ...body, id: params.id })) };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/v1/admin/workers/:id/portal-password',
      operationId: 'setWorkerPortalPassword',
      summary: 'Set a worker’s portal password (or a generated one, shown once); ends their portal sessions',
      description:
        'Either way the password is temporary: staff know it, so at sign-in the worker gets must_change_password: true and only me, change-password and logout answer until they choose their own.',
      tags,
      audience: 'staff',
      permission: 'iam.manage',
      params: IdParams,
      body: PortalPasswordBody,
      bodyRequired: false,
      responses: { 200: { description: 'The worker, with temporary_password when none was given', schema: PortalPasswordView }, ...commonErrors },
      async handler({ runtime, ctx, params, body }) {
        const result = await runtime.core.workforce.setWorkerPassword.execute(ctx, { id: params.id, password: body['password'] });
        return { status: 200, body: { worker: workerJson(result.worker), temporary_password: result.temporaryPassword }, headers: NO_STORE };
      },
    }),

    // ---------------------------------------------------------------- services
    defineRoute({
      method: 'GET',
      path: '/v1/admin/services',
      operationId: 'listServices',
      summary: 'Services your org sells, with default duration and price',
      description: 'All matching services in one page; next_cursor is always null.',
      tags,
      audience: 'staff',
      permission: 'schedule.view',
      query: ListServicesQuery,
      inputIn: 'query',
      responses: { 200: { description: 'The services', schema: List(ServiceView) }, ...commonErrors },
      async handler({ runtime, ctx, query }) {
        const services = await runtime.core.workforce.listServices.execute(ctx, query.active !== undefined ? { active: query.active } : {});
        return { status: 200, body: items(services.map(serviceJson)) };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/v1/admin/services',
      operationId: 'createService',
      summary: 'Add a service',
      tags,
      audience: 'staff',
      permission: 'schedule.manage',
      body: CreateServiceBody,
      responses: { 201: { description: 'The new service', schema: ServiceView }, ...commonErrors },
      async handler({ runtime, ctx, body }) {
        const service = await runtime.core.workforce.createService.execute(ctx, body);
        return { status: 201, body: serviceJson(service) };
      },
    }),
    defineRoute({
      method: 'PATCH',
      path: '/v1/admin/services/:id',
      operationId: 'updateService',
      summary: 'Change a service (existing bookings keep their price estimate)',
      tags,
      audience: 'staff',
      permission: 'schedule.manage',
      params: IdParams,
      body: UpdateServiceBody,
      responses: { 200: { description: 'The updated service', schema: ServiceView }, ...commonErrors },
      async handler({ runtime, ctx, params, body }) {
        return { status: 200, body: serviceJson(await runtime.core.workforce.updateService.execute(ctx, { ...body, id: params.id })) };
      },
    }),

    // ---------------------------------------------------------------- blackouts
    defineRoute({
      method: 'GET',
      path: '/v1/admin/blackouts',
      operationId: 'listBlackouts',
      summary: 'Blackouts overlapping [start, end) (at most 366 days), by start',
      tags,
      audience: 'staff',
      permission: 'schedule.view',
      query: WindowQuery,
      inputIn: 'query',
      responses: { 200: { description: 'The blackouts', schema: List(BlackoutView) }, ...commonErrors },
      async handler({ runtime, ctx, query }) {
        const list = await runtime.core.workforce.listBlackouts.execute(ctx, { start: query.start, end: query.end });
        const view = piiPolicy(ctx);
        return { status: 200, body: items(list.map((b) => blackoutJson(b, view))) };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/v1/admin/blackouts',
      operationId: 'createBlackout',
      summary: 'Block a time range for the org, a team or a worker (holiday, training, leave)',
      description: 'Bookings are refused in it (409 booking.blacked_out); existing bookings are not touched.',
      tags,
      audience: 'staff',
      permission: 'schedule.manage',
      body: CreateBlackoutBody,
      responses: { 201: { description: 'The new blackout', schema: BlackoutView }, ...commonErrors },
      async handler({ runtime, ctx, body }) {
        const blackout = await runtime.core.workforce.createBlackout.execute(ctx, body);
        return { status: 201, body: blackoutJson(blackout) };
      },
    }),
    defineRoute({
      method: 'DELETE',
      path: '/v1/admin/blackouts/:id',
      operationId: 'deleteBlackout',
      summary: 'Remove a blackout',
      tags,
      audience: 'staff',
      permission: 'schedule.manage',
      params: IdParams,
      responses: { 204: { description: 'Removed' }, ...commonErrors },
      async handler({ runtime, ctx, params }) {
        await runtime.core.workforce.deleteBlackout.execute(ctx, { id: params.id });
        return { status: 204 };
      },
    }),
  ];
}
