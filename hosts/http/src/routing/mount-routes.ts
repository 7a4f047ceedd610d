/**
 * Turns route declarations into @koa/router handlers: identity and permission first (so a
 * caller without rights learns nothing from validation) — a staff identity for staff routes, a
 * worker portal token for worker routes — then path, query and body validation, then the
 * handler. Validators are compiled once, at mount time.
 */
import Router from '@koa/router';
import type { ParameterizedContext } from 'koa';
import { AppError, can, schemaErrors, textFaults, type RequestContext, type SessionProof } from '@cws/core';
import type { Runtime } from '@cws/composition';
import { keysToCamel } from '../http/case-conversion.js';
import type { StaffIdentity, StaffIdentityResolver } from '../http/staff-identity.js';
import { isAdminSurface, isWrite, type RequestGuards } from '../auth/request-guards.js';
import { WORKER_CHALLENGE, type WorkerPortalTokens } from '../auth/worker-portal-tokens.js';
import { compileBodyValidator, compileParamsValidator, requestValidationError, type Validator } from './request-validation.js';
import type { HandlerResult, HttpMethod, RouteDefinition, WorkerPortalIdentity } from './route-definition.js';
import { wireSchema } from './wire-schema.js';
import { contractRequest, type ContractRequest } from './contract-request.js';
import { readFormBody } from './form-body.js';
import { readRawBody } from './raw-body.js';

export interface HttpState {
  requestId: string;
  startedAt: bigint;
  clientIp: string;
  /** The matched route's template, for logs and metrics. */
  routePath?: string;
  identity?: StaffIdentity;
  /** The worker of a worker portal request (for logs). */
  worker?: { readonly orgId: string; readonly workerId: string };
  /** Where the fields of a validation error are (body, query or path). */
  fieldsIn?: 'body' | 'query' | 'path';
  /** Facts a handler adds to the request's log line (a webhook's event id and outcome); never secrets or payloads. */
  logFields?: Record<string, string | number | boolean | null>;
}

export type HttpContext = ParameterizedContext<HttpState>;

const BODY_METHODS: readonly HttpMethod[] = ['POST', 'PUT', 'PATCH'];

function hasBody(ctx: HttpContext): boolean {
  const length = ctx.request.length;
  return (length !== undefined && length > 0) || ctx.get('transfer-encoding') !== '';
}

/** Text that cannot be text (NUL, lone surrogates) first, whatever the route declares; then the route's schema. */
function validateOrThrow(ctx: HttpContext, validator: Validator | null, value: unknown, where: 'body' | 'query' | 'path'): void {
  const faults = textFaults(value);
  const errors = faults.length > 0 ? faults : validator === null ? null : validator(value);
  if (errors !== null) {
    ctx.state.fieldsIn = where;
    throw requestValidationError(errors);
  }
}

export interface MountDeps {
  readonly runtime: Runtime;
  readonly identity: StaffIdentityResolver;
  readonly guards: RequestGuards;
  readonly workerTokens: WorkerPortalTokens;
  /** Check each JSON answer against its declared schema (tests; see HttpAppOptions). */
  readonly checkResponses?: boolean;
}

/** A portal session the core ended (password reset, deactivation) answers with the portal's challenge. */
function withWorkerChallenge(err: unknown): unknown {
  if (err instanceof AppError && err.kind === 'unauthenticated' && err.details['www_authenticate'] === undefined) {
    return new AppError(err.code, err.message, { details: { ...err.details, www_authenticate: WORKER_CHALLENGE }, errors: err.errors, cause: err });
  }
  return err;
}

export function mountRoutes(router: Router<HttpState>, routes: readonly RouteDefinition[], deps: MountDeps): void {
  for (const route of routes) {
    if ((route.audience === 'staff') !== (route.permission !== null)) {
      throw new Error(`${route.method} ${route.path}: staff routes need a permission, other routes must not have one`);
    }
    const contract: ContractRequest | null = route.contract ? contractRequest(route) : null;
    const params = route.params ? compileParamsValidator(route.params) : null;
    const query = route.query ? compileParamsValidator(route.query) : null;
    const body = route.body ? compileBodyValidator(route.body) : null;
    const bodyRequired = route.bodyRequired ?? BODY_METHODS.includes(route.method);

    router.register(route.path, [route.method], async (ctx: HttpContext) => {
      // A signed-in user's session, confirmed live by the request's units of work; when none ran
      // (or the request failed before one did), it is checked here before anything is answered.
      const held: { proof: SessionProof | null; context: RequestContext | null } = { proof: null, context: null };
      const confirmSession = async () => {
        if (held.proof === null || held.proof.confirmed || held.context === null) return;
        await deps.runtime.core.identity.resolveSession.execute(held.context, { sessionId: held.proof.sessionId });
      };
      try {
        await serve(ctx, held);
      } catch (err) {
        await confirmSession();
        throw err;
      }
      await confirmSession();
    });

    const serve = async (ctx: HttpContext, held: { proof: SessionProof | null; context: RequestContext | null }) => {
      ctx.state.routePath = route.path;
      const now = deps.runtime.clock.now();
      const adminSurface = route.adminSurface === true || isAdminSurface(route.path);
      // Set when read-only mode needs this write to be admitted under break-glass.
      let breakGlassToken: string | null = null;
      if (route.audience !== 'infra') await deps.guards.apiRateLimit(ctx.state.clientIp);
      if (adminSurface) deps.guards.adminIpAllowed(ctx.state.clientIp);
      let identity: StaffIdentity | undefined;
      let worker: WorkerPortalIdentity | null = null;
      let requestContext: RequestContext = { orgId: '', actor: { kind: 'public', id: 'anonymous', role: null }, requestId: ctx.state.requestId, now };
      if (route.audience === 'staff') {
        identity = await deps.identity.resolve({
          authorization: ctx.get('authorization') || undefined,
          testOrg: ctx.get('x-test-org') || undefined,
          requestId: ctx.state.requestId,
          now,
        });
        ctx.state.identity = identity;
        requestContext = {
          orgId: identity.orgId,
          actor: identity.actor,
          requestId: ctx.state.requestId,
          now,
          ...(identity.sessionProof !== null ? { session: identity.sessionProof } : {}),
        };
        held.proof = identity.sessionProof;
        held.context = requestContext;
        if (identity.mustChangePassword && route.allowedWithTemporaryPassword !== true) {
          throw new AppError('auth.password_change_required', 'Change your temporary password first (POST /v1/auth/change-password)');
        }
        if (route.sessionOnly === true && identity.sessionId === null) {
          throw new AppError('auth.unauthenticated', 'This route acts on a signed-in session: sign in (POST /v1/auth/login) and send the Bearer token', {
            details: { www_authenticate: 'Bearer realm="cleanwithsnapshot"' },
          });
        }
        if (!can(identity.actor.role, route.permission!)) {
          throw new AppError('auth.forbidden', `The ${identity.actor.role} role may not ${route.permission}`, { details: { permission: route.permission } });
        }
        if (adminSurface) {
          deps.guards.adminMfa(identity);
          if (isWrite(route.method)) {
            await deps.guards.adminWriteRateLimit(identity);
            if (route.readOnlyExempt !== true) breakGlassToken = deps.guards.readOnlyToken(ctx.get('x-break-glass-token') || undefined);
          }
        }
      }

      if (route.audience === 'worker') {
        // Only a worker portal token: staff tokens and Basic Auth are refused (another key).
        const claims = await deps.workerTokens.fromAuthorization(ctx.get('authorization') || undefined, now);
        worker = { orgId: claims.orgId, session: { workerId: claims.workerId, issuedAt: claims.issuedAt } };
        ctx.state.worker = { orgId: claims.orgId, workerId: claims.workerId };
        requestContext = { orgId: claims.orgId, actor: { kind: 'worker', id: claims.workerId, role: null }, requestId: ctx.state.requestId, now };
      }

      let contractInput: Record<string, unknown> | null = null;
      let bodyValue: unknown = {};
      let rawBody: Uint8Array | null = null;
      const queryValue: Record<string, unknown> = { ...ctx.query };
      if (contract !== null) {
        contractInput = contract.read(ctx, queryValue, (where) => readJsonBody(ctx, where === 'required'));
      } else {
        validateOrThrow(ctx, params, { ...ctx.params }, 'path');
        validateOrThrow(ctx, query ?? (Object.keys(queryValue).length > 0 ? rejectAllQuery : null), queryValue, 'query');
        if (route.rawBody !== undefined) {
          rawBody = await readRawBody(ctx, route.rawBody.mediaType, route.rawBody.limitBytes);
        } else if (route.formBody !== undefined) {
          bodyValue = await readFormBody(ctx, deps.runtime.config.http.bodyLimitBytes);
        } else if (body !== null) {
          bodyValue = readJsonBody(ctx, bodyRequired);
          validateOrThrow(ctx, body, bodyValue, 'body');
        }
      }

      if (breakGlassToken !== null) {
        // Admitted (and audited, with the reason) only once the request is well-formed, just
        // before it runs, like sudo: a write that then fails stays on record with its request id.
        await deps.runtime.core.identity.authorizeBreakGlassWrite.execute(requestContext, { token: breakGlassToken, method: route.method, path: ctx.path });
      }

      ctx.state.fieldsIn = contract?.inputIn ?? route.inputIn ?? 'body';
      const run = route.handler({
        ...(contractInput !== null ? { input: contractInput } : {}),
        params: ctx.params as never,
        query: queryValue as never,
        body: (route.formBody !== undefined ? bodyValue : keysToCamel(bodyValue)) as Record<string, unknown>,
        rawBody,
        requestId: ctx.state.requestId,
        now,
        runtime: deps.runtime,
        ctx: requestContext,
        identity: identity ?? null,
        worker,
        clientIp: ctx.state.clientIp,
        koa: ctx,
      });
      const result = route.audience === 'worker' ? await run.catch((err: unknown) => Promise.reject(withWorkerChallenge(err))) : await run;
      if (deps.checkResponses === true) checkResponse(route, result);
      ctx.status = result.status;
      for (const [name, value] of Object.entries(result.headers ?? {})) ctx.set(name, value);
      if (result.body !== undefined) {
        ctx.body = result.body;
        if (result.contentType !== undefined) ctx.type = result.contentType;
      }
    };
  }
}

/** Throws when `result` is not what the route declares for its status (a programmer error: 500). */
function checkResponse(route: RouteDefinition, result: HandlerResult): void {
  const spec = route.responses[result.status];
  if (spec === undefined) throw new Error(`${route.method} ${route.path} answered ${result.status}, which it does not declare`);
  const declared = spec.schema === 'output' ? (route.contract?.output ?? undefined) : spec.schema;
  if (declared === undefined || declared === null || result.body === undefined || typeof result.body === 'string' || result.body instanceof Uint8Array) return;
  const schema = spec.schema === 'output' ? wireSchema(declared) : declared;
  const errors = schemaErrors(schema, JSON.parse(JSON.stringify(result.body)));
  if (errors.length > 0) {
    throw new Error(`${route.method} ${route.path} answered ${result.status} with a body its schema refuses: ${errors.map((e) => `${e.pointer} ${e.detail}`).join('; ')}`);
  }
}

/** The JSON body (`{}` when absent and optional); 415 for another media type, 422 when required and absent. */
function readJsonBody(ctx: HttpContext, required: boolean): unknown {
  const present = hasBody(ctx);
  if (present && !ctx.is('application/json', '+json')) {
    throw Object.assign(new Error('unsupported media type'), { status: 415, expose: true });
  }
  if (!present && required) {
    ctx.state.fieldsIn = 'body';
    throw requestValidationError([{ pointer: '/', detail: 'a JSON body is required' }]);
  }
  return present ? ctx.request.body : {};
}

/** Routes that declare no query schema accept no query parameters. */
const rejectAllQuery: Validator = (value) => {
  const names = Object.keys(value as Record<string, unknown>);
  return names.length === 0 ? null : names.map((n) => ({ pointer: `/${n}`, detail: 'is not a known parameter' }));
};
