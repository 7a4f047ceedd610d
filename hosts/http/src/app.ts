/**
 * The Koa application: middleware in the order that keeps every promise of the host.
 *   1. request id (accepted or created, echoed), client IP
 *   2. access log line + metrics, after everything below has settled
 *   3. problem+json: every error, and every bare 404/405/501, becomes RFC 9457
 *   4. security headers, CORS, then 503 for API routes while migrations are pending
 *   5. JSON body parsing with a size limit
 *   6. routes (each: API rate limit, admin allowlist, identity, permission, MFA, read-only,
 *      admin write limit, validation, handler), then 405/501 for known paths with the wrong method
 * No listen() here: tests drive `app.callback()`; main.ts owns the socket.
 */
import { randomUUID } from 'node:crypto';
import Koa from 'koa';
import Router from '@koa/router';
import cors from '@koa/cors';
import helmet from 'koa-helmet';
import { koaBody } from 'koa-body';
import type { Registry } from 'prom-client';
import type { Logger, Runtime } from '@cws/composition';
import type { InboundSmsVerifier } from '@cws/core';
import { createClientIpResolver } from './http/client-ip.js';
import { createHttpMetrics, type HttpMetrics } from './http/http-metrics.js';
import { hostProblem, toProblem, type ProblemContext } from './http/problem-details.js';
import { StaffIdentityResolver } from './http/staff-identity.js';
import { AccessTokens } from './auth/access-tokens.js';
import { RequestGuards } from './auth/request-guards.js';
import { WorkerPortalTokens } from './auth/worker-portal-tokens.js';
import { mountRoutes, type HttpContext, type HttpState } from './routing/mount-routes.js';
import type { RouteDefinition } from './routing/route-definition.js';
import { allRoutes } from './routes/index.js';
import { migrationGate } from './routes/infra/migration-gate.js';

export interface HttpAppOptions {
  readonly logger: Logger;
  /** Shared with the job host in one process so /metrics shows both. */
  readonly registry?: Registry;
  /** Extra routes (tests); the declared routes are always mounted. */
  readonly extraRoutes?: readonly RouteDefinition[];
  /**
   * Check every JSON answer against the schema its route declares for that status and fail the
   * request (500, logged) when it does not conform. For tests: it costs a schema check per answer.
   */
  readonly checkResponses?: boolean;
  /** The inbound SMS signature check (tests); default the runtime's, when SMS_MODE=twilio. */
  readonly inboundSms?: InboundSmsVerifier | null;
}

export interface HttpApp {
  readonly app: Koa<HttpState>;
  readonly routes: readonly RouteDefinition[];
  readonly metrics: HttpMetrics;
  /** PUBLIC_BASE_URL, for problem types written outside Koa (parser errors). */
  readonly publicBaseUrl: string | null;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function createHttpApp(runtime: Runtime, options: HttpAppOptions): HttpApp {
  const { config } = runtime;
  const { logger } = options;
  const app = new Koa<HttpState>({ proxy: false });
  const metrics = createHttpMetrics(options.registry);
  const clientIp = createClientIpResolver(config.http);
  const accessTokens = new AccessTokens(config.auth.secretKey, config.auth.accessTokenTtlMinutes);
  const workerTokens = new WorkerPortalTokens(config.auth.workerPortalSecret);
  const routes = allRoutes({ metricsRegistry: metrics.registry, accessTokens, workerTokens, extraRoutes: options.extraRoutes ?? [],
    ...(options.inboundSms !== undefined ? { inboundSms: () => options.inboundSms ?? null } : {}),
  });
  const problemContext = (ctx: HttpContext): ProblemContext => ({ requestId: ctx.state.requestId, instance: ctx.path, baseUrl: config.http.publicBaseUrl });

  app.use(async (ctx: HttpContext, next) => {
    const given = ctx.get('x-request-id');
    ctx.state.requestId = REQUEST_ID.test(given) ? given : randomUUID();
    ctx.state.startedAt = process.hrtime.bigint();
    ctx.state.clientIp = clientIp(ctx.req.socket.remoteAddress, ctx.get('x-forwarded-for') || undefined);
    ctx.set('X-Request-ID', ctx.state.requestId);
    await next();
  });

  app.use(async (ctx: HttpContext, next) => {
    try {
      await next();
    } finally {
      const seconds = Number(process.hrtime.bigint() - ctx.state.startedAt) / 1e9;
      const path = ctx.state.routePath ?? 'unmatched';
      metrics.observe({ method: ctx.method, path, status: ctx.status, seconds });
      logger.info(
        {
          request_id: ctx.state.requestId,
          org_id: ctx.state.identity?.orgId ?? ctx.state.worker?.orgId ?? null,
          user_id: ctx.state.identity?.actor.id ?? ctx.state.worker?.workerId ?? null,
          role: ctx.state.identity?.actor.role ?? null,
          method: ctx.method,
          path: ctx.path,
          status_code: ctx.status,
          latency_ms: Math.round(seconds * 1e6) / 1e3,
          client_ip: ctx.state.clientIp,
          ...ctx.state.logFields,
        },
        'request',
      );
    }
  });

  app.use(async (ctx: HttpContext, next) => {
    try {
      await next();
      if (ctx.status >= 400 && (ctx.body === undefined || ctx.body === null || ctx.body === '')) {
        const code = ctx.status === 405 ? 'route.method_not_allowed' : ctx.status === 501 ? 'route.not_implemented' : 'route.not_found';
        const detail = code === 'route.not_found' ? `Nothing is served at ${ctx.path}` : `${ctx.method} is not accepted at ${ctx.path}`;
        const problem = hostProblem(code, detail, problemContext(ctx));
        ctx.status = problem.status;
        ctx.body = problem;
        ctx.type = 'application/problem+json';
      }
    } catch (err) {
      const { problem, headers, unexpected, warn } = toProblem(err, problemContext(ctx), ctx.state.fieldsIn ?? 'body');
      if (unexpected) logger.error({ err, request_id: ctx.state.requestId, path: ctx.path }, 'unhandled error');
      else if (warn !== undefined) logger.warn({ ...warn, request_id: ctx.state.requestId, path: ctx.path }, 'value refused by the database');
      ctx.status = problem.status;
      ctx.set(headers);
      ctx.body = problem;
      ctx.type = 'application/problem+json';
    }
  });

  app.use(helmet({ contentSecurityPolicy: { directives: { 'script-src': ["'none'"], 'frame-ancestors': ["'none'"] } } }));
  app.use(
    cors({
      origin: (ctx) => {
        const origin = ctx.get('origin');
        const { corsOrigins, strictCors } = config.http;
        if (corsOrigins.includes(origin)) return origin;
        // Without a list (and without STRICT_CORS) any origin may read, but never with cookies.
        return !strictCors && corsOrigins.length === 0 ? '*' : '';
      },
      exposeHeaders: ['X-Request-ID', 'Retry-After', 'Location', 'Idempotent-Replayed'],
      maxAge: 600,
    }),
  );
  app.use(migrationGate(runtime, logger));
  const parseJson = koaBody({
    json: true,
    urlencoded: false,
    text: false,
    multipart: false,
    jsonLimit: config.http.bodyLimitBytes,
    jsonStrict: true,
    onError: (err) => {
      throw err;
    },
  });
  // Signed webhooks are verified over the bytes as sent: their routes read the stream themselves.
  const rawBodyPaths = new Set(routes.filter((r) => r.rawBody !== undefined).map((r) => r.path));
  app.use((ctx: HttpContext, next) => (rawBodyPaths.has(ctx.path) ? next() : parseJson(ctx, next)));

  const router = new Router<HttpState>();
  mountRoutes(router, routes, {
    runtime,
    identity: new StaffIdentityResolver(runtime, accessTokens),
    guards: new RequestGuards(config, runtime.rateLimiter),
    workerTokens,
    checkResponses: options.checkResponses === true,
  });
  app.use(router.routes());
  app.use(router.allowedMethods());

  app.on('error', (err) => logger.error({ err }, 'koa error'));
  return { app, routes, metrics, publicBaseUrl: config.http.publicBaseUrl };
}
