/**
 * OpenAPI 3.1 generated from the route declarations: the document cannot disagree with the
 * router because both come from the same list. Permissions appear as `x-permission`.
 */
import type { TSchema } from '@sinclair/typebox';
import { PERMISSIONS } from '@cws/core';
import type { RouteDefinition } from './route-definition.js';

/** `/v1/admin/leads/:id` → `/v1/admin/leads/{id}` */
export function openApiPath(koaPath: string): string {
  return koaPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/** Plain JSON: TypeBox marks schemas with symbol keys, which JSON.stringify drops anyway. */
function plain(schema: TSchema): Record<string, unknown> {
  const json = JSON.parse(JSON.stringify(schema)) as Record<string, unknown>;
  delete json['$id'];
  return json;
}

function parameters(schema: TSchema | undefined, location: 'path' | 'query'): unknown[] {
  if (schema === undefined) return [];
  const properties = (schema['properties'] ?? {}) as Record<string, TSchema>;
  const required = new Set((schema['required'] ?? []) as string[]);
  return Object.entries(properties).map(([name, prop]) => {
    const isArray = prop['type'] === 'array';
    return {
      name,
      in: location,
      required: location === 'path' || required.has(name),
      ...(typeof prop['description'] === 'string' ? { description: prop['description'] } : {}),
      schema: plain(prop),
      ...(isArray ? { style: 'form', explode: true } : {}),
    };
  });
}

export function buildOpenApiDocument(routes: readonly RouteDefinition[], info: { version: string; serverUrl: string | null }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = openApiPath(route.path);
    const responses: Record<string, unknown> = {};
    for (const [status, spec] of Object.entries(route.responses)) {
      responses[status] = {
        description: spec.description,
        ...(spec.schema || spec.contentType
          ? { content: { [spec.contentType ?? 'application/json']: spec.schema ? { schema: plain(spec.schema) } : {} } }
          : {}),
      };
    }
    (paths[path] ??= {})[route.method.toLowerCase()] = {
      operationId: route.operationId,
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      tags: route.tags,
      parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
      ...(route.body
        ? { requestBody: { required: route.bodyRequired ?? true, content: { 'application/json': { schema: plain(route.body) } } } }
        : {}),
      responses,
      security:
        route.audience === 'worker'
          ? [{ workerBearerAuth: [] }]
          : route.audience !== 'staff'
            ? []
            : route.sessionOnly === true
              ? [{ bearerAuth: [] }]
              : [{ bearerAuth: [] }, { basicAuth: [] }],
      ...(route.permission
        ? { 'x-permission': route.permission, 'x-roles': [...PERMISSIONS[route.permission]] }
        : {}),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'CleanWithSnapshot API',
      version: info.version,
      description:
        'Operations back end for cleaning and home-service businesses. Errors are RFC 9457 application/problem+json with a stable `code` and the `request_id`. Lists use cursor pagination (`next_cursor`).',
    },
    ...(info.serverUrl ? { servers: [{ url: info.serverUrl }] } : {}),
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'access_token from POST /v1/auth/login or /v1/auth/refresh' },
        basicAuth: { type: 'http', scheme: 'basic', description: 'Legacy Basic Auth pairs from the environment (LEGACY_BASIC_AUTH_ENABLED; not MFA-capable)' },
        workerBearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'access_token from POST /v1/worker/portal/login or change-password (12 hours; ends when the worker is deactivated, signs out or their password changes)',
        },
      },
    },
  };
}
