/** Liveness, readiness, metrics, the OpenAPI document, the docs page (Redoc) and its assets, and problem type pages. */
import { Type } from '@sinclair/typebox';
import { metricsAccess } from '@cws/composition';
import type { Registry } from 'prom-client';
import { AppError, ERROR_CODES } from '@cws/core';
import { CODE_STATUS, HOST_PROBLEMS, KIND_STATUS, hostProblem, problemType } from '../../http/problem-details.js';
import { DOCS_ASSET_CACHE_CONTROL, DOCS_ASSETS_PATH, docsAssets, docsPage, type ProblemTypeLink } from '../../routing/docs-page.js';
import { buildOpenApiDocument } from '../../routing/openapi-document.js';
import { defineRoute, type RouteDefinition } from '../../routing/route-definition.js';
import { ProblemSchema } from '../../schemas/common.schemas.js';
import { ReadinessView, readiness } from './readiness.js';

const API_VERSION = '0.1.0';

export function problemCatalogue(): Array<{ code: string; status: number; title: string }> {
  return [
    ...Object.entries(ERROR_CODES).map(([code, info]) => ({ code, status: CODE_STATUS[code] ?? KIND_STATUS[info.kind], title: info.title })),
    ...Object.entries(HOST_PROBLEMS).map(([code, info]) => ({ code, status: info.status, title: info.title })),
  ].sort((a, b) => (a.code < b.code ? -1 : 1));
}

export function infraRoutes(options: { metricsRegistry: Registry; routes: () => readonly RouteDefinition[] }): RouteDefinition[] {
  let openapi: ReturnType<typeof buildOpenApiDocument> | null = null;
  const document = (serverUrl: string | null) => (openapi ??= buildOpenApiDocument(options.routes(), { version: API_VERSION, serverUrl }));
  const catalogue = problemCatalogue();
  const problemLinks: ProblemTypeLink[] = catalogue.map((p) => ({ ...p, href: problemType(p.code, null) }));
  const assets = docsAssets();
  const redocScript = `${DOCS_ASSETS_PATH}/${assets.redoc.name}`;
  return [
    defineRoute({
      method: 'GET',
      path: '/healthz',
      operationId: 'liveness',
      summary: 'Liveness: the process answers',
      description: 'Answers 200 while the process can serve requests; checks nothing else (no database), so an orchestrator restarts only a stuck process.',
      tags: ['Health'],
      audience: 'infra',
      permission: null,
      responses: { 200: { description: 'Alive', schema: Type.Object({ status: Type.Literal('ok') }) } },
      async handler() {
        return { status: 200, body: { status: 'ok' } };
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/readyz',
      operationId: 'readiness',
      summary: 'Readiness: database, migrations at head, job heartbeat (503 when any fails)',
      description: 'checks[] reports each check (db with a 2 s timeout, migrations current against the build, the jobs heartbeat when JOBS_ENABLED or JOB_HEARTBEAT_REQUIRED) with its time; the legacy top-level keys stay for older probes. Never cached.',
      tags: ['Health'],
      audience: 'infra',
      permission: null,
      responses: { 200: { description: 'Ready', schema: ReadinessView }, 503: { description: 'Not ready; checks[] says why', schema: ReadinessView } },
      async handler({ runtime }) {
        const result = await readiness(runtime);
        return { status: result.status, body: result.body, headers: { 'Cache-Control': 'no-store' } };
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/metrics',
      operationId: 'metrics',
      summary: 'Prometheus metrics (Authorization: Bearer METRICS_TOKEN when one is set)',
      description: 'Request counts and durations by route template and status, 5xx counts, job outcomes and Node process metrics, in the Prometheus text format. 404 when metrics are disabled; 401 without the bearer token when METRICS_TOKEN is set.',
      tags: ['Health'],
      audience: 'infra',
      permission: null,
      responses: {
        200: { description: 'Prometheus text format', contentType: 'text/plain' },
        401: { description: 'Missing or wrong bearer token', schema: ProblemSchema, contentType: 'application/problem+json' },
        404: { description: 'Metrics are disabled', schema: ProblemSchema, contentType: 'application/problem+json' },
      },
      async handler({ runtime, koa, requestId }) {
        const access = metricsAccess(runtime.config.metrics, koa.get('authorization') || undefined);
        if (access === 'disabled') {
          koa.status = 404;
          return { status: 404 };
        }
        if (access === 'unauthorized') {
          return {
            status: 401,
            body: hostProblem('metrics.unauthorized', 'Send Authorization: Bearer <METRICS_TOKEN>', { requestId, instance: koa.path, baseUrl: runtime.config.http.publicBaseUrl }),
            contentType: 'application/problem+json',
            headers: { 'WWW-Authenticate': 'Bearer realm="metrics"' },
          };
        }
        return { status: 200, body: await options.metricsRegistry.metrics(), contentType: options.metricsRegistry.contentType };
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/openapi.json',
      operationId: 'openApiDocument',
      summary: 'This API as an OpenAPI 3.1 document',
      description: 'Generated from the route declarations and the use cases’ contracts (named components, error answers, examples); the typed client is generated from it.',
      tags: ['Docs'],
      audience: 'infra',
      permission: null,
      responses: { 200: { description: 'OpenAPI 3.1', schema: Type.Object({ openapi: Type.Literal('3.1.0') }, { additionalProperties: true, $id: 'OpenApiDocument' }) } },
      async handler({ runtime }) {
        return { status: 200, body: document(runtime.config.http.publicBaseUrl) };
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/docs',
      operationId: 'docsPage',
      summary: 'Readable API reference (Redoc)',
      description:
        'An HTML page that renders /openapi.json with Redoc, served by this host (no third-party origin), with a list of the problem types. ' +
        'It carries its own Content-Security-Policy: scripts from this origin and the inline init script by a per-response nonce; never cached.',
      tags: ['Docs'],
      audience: 'infra',
      permission: null,
      responses: { 200: { description: 'HTML', contentType: 'text/html' } },
      async handler() {
        const page = docsPage({ title: 'CleanWithSnapshot API reference', specUrl: '/openapi.json', redocScript, problems: problemLinks });
        return {
          status: 200,
          body: page.html,
          contentType: 'text/html; charset=utf-8',
          headers: { 'Content-Security-Policy': page.contentSecurityPolicy, 'Cache-Control': 'no-store' },
        };
      },
    }),
    defineRoute({
      method: 'GET',
      path: `${DOCS_ASSETS_PATH}/:name`,
      operationId: 'docsAsset',
      summary: 'A static file of the docs page (the Redoc bundle)',
      description:
        'Files the /docs page loads, served from the installed packages. Each name carries the version of its content, so an answer may be cached for a year; ' +
        'any other name answers 404.',
      tags: ['Docs'],
      audience: 'infra',
      permission: null,
      params: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
      responses: {
        200: { description: 'The file', contentType: 'application/javascript' },
        404: { description: 'No such asset', schema: ProblemSchema, contentType: 'application/problem+json' },
      },
      async handler({ params, koa }) {
        const asset = assets.byName.get(params.name);
        if (asset === undefined) {
          koa.status = 404;
          return { status: 404 };
        }
        return { status: 200, body: await asset.read(), contentType: asset.contentType, headers: { 'Cache-Control': DOCS_ASSET_CACHE_CONTROL } };
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/problems/:area/:reason',
      operationId: 'problemType',
      summary: 'What a problem type means (the target of every problem `type`)',
      description: 'The code, HTTP status and title of a problem type; an unknown type answers 404.',
      tags: ['Docs'],
      audience: 'infra',
      permission: null,
      params: Type.Object({ area: Type.String({ pattern: '^[a-z_]{1,40}$' }), reason: Type.String({ pattern: '^[a-z_]{1,60}$' }) }, { additionalProperties: false }),
      responses: {
        200: {
          description: 'The problem type',
          schema: Type.Object({ type: Type.String(), code: Type.String(), status: Type.Integer(), title: Type.String() }, { additionalProperties: false, $id: 'ProblemType' }),
        },
        404: { description: 'Unknown type', schema: ProblemSchema, contentType: 'application/problem+json' } },
      async handler({ params, runtime, koa }) {
        const code = `${params.area}.${params.reason}`;
        const entry = catalogue.find((p) => p.code === code);
        if (entry === undefined) {
          // No such page, as for any unknown address: 404 route.not_found.
          koa.status = 404;
          return { status: 404 };
        }
        return { status: 200, body: { type: problemType(code, runtime.config.http.publicBaseUrl), code, status: entry.status, title: entry.title } };
      },
    }),
  ];
}
