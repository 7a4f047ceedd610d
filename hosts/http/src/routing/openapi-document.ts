/**
 * OpenAPI 3.1 generated from the route declarations and the use cases' contracts: the document
 * cannot disagree with the router or the core because all three come from the same objects.
 * Every schema named with `$id` (and every contract's request and response) is one component
 * under `components.schemas`, referenced with `$ref`. Error answers are derived from what the
 * route is (audience, method, inputs), each with the problem schema and its stable `code` enum.
 * Permissions appear as `x-permission` and the roles holding them as `x-roles`.
 */
import type { TSchema } from '@sinclair/typebox';
import { ERROR_CODES, PERMISSIONS } from '@cws/core';
import { HOST_PROBLEMS } from '../http/problem-details.js';
import { isAdminSurface, isWrite } from '../auth/request-guards.js';
import { API_TAGS } from './api-tags.js';
import { addExamples } from './openapi-examples.js';
import { contractRequest } from './contract-request.js';
import type { ResponseHeader, RouteDefinition } from './route-definition.js';
import { wireSchema } from './wire-schema.js';

type Json = Record<string, unknown>;

/** `/v1/admin/leads/:id` → `/v1/admin/leads/{id}` */
export function openApiPath(koaPath: string): string {
  return koaPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/** Every problem code the API answers with, for the Problem schema's `code` enum. */
export function problemCodes(): string[] {
  return [...Object.keys(ERROR_CODES), ...Object.keys(HOST_PROBLEMS)].sort();
}

/** The error answers the document describes once and operations reference. */
const STANDARD_ERRORS: Record<number, { name: string; description: string; headers?: readonly string[] }> = {
  400: { name: 'BadRequest', description: 'The body is not valid JSON (request.malformed)' },
  401: { name: 'Unauthorized', description: 'Missing, wrong or expired credentials, or an ended session', headers: ['WWW-Authenticate'] },
  403: { name: 'Forbidden', description: 'The role lacks the permission, a temporary password must be changed first, or the address is not allowed' },
  404: { name: 'NotFound', description: 'Not found in this org (another org’s id answers the same)' },
  409: { name: 'Conflict', description: 'Conflicts with the current state (the problem’s code says which)' },
  413: { name: 'PayloadTooLarge', description: 'The body is larger than the limit (request.too_large)' },
  415: { name: 'UnsupportedMediaType', description: 'The body is not application/json' },
  422: { name: 'ValidationFailed', description: 'Invalid input; errors[] names each field (pointer, detail, in)' },
  431: { name: 'RequestHeaderFieldsTooLarge', description: 'The request line or headers are too large (request.headers_too_large)' },
  429: { name: 'TooManyRequests', description: 'Too many requests; Retry-After says when to retry', headers: ['Retry-After'] },
  500: { name: 'InternalError', description: 'An unexpected error; the request_id finds it in the logs' },
  503: { name: 'ServiceUnavailable', description: 'The database is unavailable or migrations are pending; retry later', headers: ['Retry-After'] },
};

const HEADERS: Record<string, Json> = {
  'X-Request-ID': { description: 'The request id (the caller’s X-Request-ID when valid, else generated); in every log line of the request', schema: { type: 'string' } },
  Location: { description: 'Where the created or linked resource is', schema: { type: 'string' } },
  'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer', minimum: 0 } },
  'WWW-Authenticate': { description: 'The authentication scheme to use (Bearer or Basic)', schema: { type: 'string' } },
  'Idempotent-Replayed': { description: '`true` when this is the stored answer to an earlier request with the same Idempotency-Key', schema: { type: 'string', enum: ['true'] } },
  'Cache-Control': { description: '`no-store` (or `private, no-store`): the answer carries credentials or personal data and must not be cached', schema: { type: 'string' } },
  'Content-Disposition': { description: '`attachment; filename=...`: a file to save under that name', schema: { type: 'string' } },
};

const HEADER_PARAMETERS: Record<string, string> = {
  'Idempotency-Key':
    'Makes the write safe to retry: the first answer is stored for 48 hours and replayed (with Idempotent-Replayed: true) to a retry with the same key; the same key with another body answers 422.',
  'X-Break-Glass-Token': 'While the admin API is read-only: the token from POST /v1/admin/break-glass/start admits this write (audited).',
};

const headerRefs = (names: readonly string[]) => Object.fromEntries(['X-Request-ID', ...names].map((n) => [n, { $ref: `#/components/headers/${n}` }]));

/** Collects named schemas into components and replaces them with `$ref`s. */
class SchemaComponents {
  readonly schemas: Record<string, Json> = {};
  private readonly texts = new Map<string, string>();

  /** `schema` as plain JSON with every `$id`-named part moved to components. */
  ref(schema: TSchema, name?: string): Json {
    const json = JSON.parse(JSON.stringify(schema)) as Json;
    if (name !== undefined && json['$id'] === undefined) json['$id'] = name;
    return this.walk(json);
  }

  private walk(node: unknown): Json {
    if (Array.isArray(node)) return node.map((n) => this.walk(n)) as unknown as Json;
    if (node === null || typeof node !== 'object') return node as Json;
    const out: Json = {};
    for (const [key, value] of Object.entries(node as Json)) {
      if (key === '$id') continue;
      if (key === 'properties' && value !== null && typeof value === 'object') {
        out[key] = Object.fromEntries(Object.entries(value as Json).map(([k, v]) => [k, this.walk(v)]));
      } else out[key] = typeof value === 'object' ? this.walk(value) : value;
    }
    const literals = Array.isArray(out['anyOf']) ? (out['anyOf'] as Json[]) : null;
    if (literals !== null && literals.length > 0 && literals.every((b) => typeof b['const'] === 'string')) {
      // A union of string literals reads better (and generates better clients) as an enum.
      const { anyOf: _anyOf, ...rest } = out;
      return this.named(node as Json, { ...rest, type: 'string', enum: literals.map((b) => b['const']) });
    }
    return this.named(node as Json, out);
  }

  private named(original: Json, schema: Json): Json {
    const id = original['$id'];
    if (typeof id !== 'string') return schema;
    const text = JSON.stringify(schema);
    const seen = this.texts.get(id);
    if (seen !== undefined && seen !== text) throw new Error(`Two different schemas are named ${id}`);
    this.texts.set(id, text);
    this.schemas[id] = schema;
    return { $ref: `#/components/schemas/${id}` };
  }
}

function parameters(components: SchemaComponents, schema: TSchema | undefined, location: 'path' | 'query'): Json[] {
  if (schema === undefined) return [];
  const properties = (schema['properties'] ?? {}) as Record<string, TSchema>;
  const required = new Set((schema['required'] ?? []) as string[]);
  return Object.entries(properties).map(([name, prop]) => {
    const json = components.ref(prop);
    const description = (json['description'] as string | undefined) ?? (prop['description'] as string | undefined);
    return {
      name,
      in: location,
      required: location === 'path' || required.has(name),
      ...(description !== undefined ? { description } : {}),
      schema: json,
      ...(prop['type'] === 'array' ? { style: 'form', explode: true } : {}),
    };
  });
}

const pascal = (operationId: string) => operationId.charAt(0).toUpperCase() + operationId.slice(1);

/** The error statuses a route can answer with, from what it is. */
function errorStatuses(route: RouteDefinition, hasBody: boolean): number[] {
  // Any request can be too large in its line or headers: Node's parser answers before any route.
  if (route.audience === 'infra') return [431];
  const statuses = new Set<number>([429, 431, 500, 503]);
  if (route.audience === 'staff') [401, 403].forEach((s) => statuses.add(s));
  if (route.audience === 'worker') statuses.add(401);
  if (route.path.includes(':')) statuses.add(404);
  if (route.audience === 'staff' && route.method !== 'GET') statuses.add(409);
  if (hasBody) [400, 413, 415].forEach((s) => statuses.add(s));
  // Every route refuses what it does not know (an unknown query parameter, a malformed id): 422.
  statuses.add(422);
  return [...statuses];
}

export interface DocumentInfo {
  readonly version: string;
  readonly serverUrl: string | null;
}

export function buildOpenApiDocument(routes: readonly RouteDefinition[], info: DocumentInfo) {
  const components = new SchemaComponents();
  const problem = components.ref(
    {
      type: 'object',
      $id: 'Problem',
      description: 'RFC 9457 problem details',
      required: ['type', 'title', 'status', 'detail', 'instance', 'code', 'request_id'],
      properties: {
        type: { type: 'string', description: 'URI of the problem type; documented at that address' },
        title: { type: 'string' },
        status: { type: 'integer', minimum: 400, maximum: 599 },
        detail: { type: 'string' },
        instance: { type: 'string', description: 'The path of the request' },
        code: { type: 'string', enum: problemCodes(), description: 'Stable machine-readable code' },
        request_id: { type: 'string' },
        errors: {
          type: 'array',
          items: {
            type: 'object',
            required: ['pointer', 'detail', 'in'],
            properties: {
              pointer: { type: 'string', description: 'JSON pointer to the field (RFC 6901); for a header, / and its name (/Idempotency-Key)' },
              detail: { type: 'string' },
              in: { type: 'string', enum: ['body', 'query', 'path', 'header'] },
            },
          },
        },
      },
    } as unknown as TSchema,
  );
  const problemContent = { 'application/problem+json': { schema: problem } };
  const usedTags = new Set<string>();
  const usedHeaders = new Set<string>(['X-Request-ID']);
  const usedErrors = new Set<number>();
  const usedParameters = new Map<string, Json>();
  const paths: Record<string, Record<string, unknown>> = {};

  for (const route of routes) {
    const path = openApiPath(route.path);
    const operationName = pascal(route.operationId);
    let params: Json[] = [];
    let requestBody: Json | null = null;
    if (route.contract !== undefined) {
      const request = contractRequest(route);
      params = [...parameters(components, request.pathSchema, 'path')];
      if (request.inputIn === 'query') params.push(...parameters(components, request.restSchema, 'query'));
      else requestBody = { required: request.bodyRequired, content: { 'application/json': { schema: components.ref(request.restSchema, `${operationName}Request`) } } };
      for (const header of request.headers) {
        usedParameters.set(header.header, components.ref(header.schema));
        params.push({ $ref: `#/components/parameters/${header.header}` });
      }
    } else {
      params = [...parameters(components, route.params, 'path'), ...parameters(components, route.query, 'query')];
      if (route.body) requestBody = { required: route.bodyRequired ?? true, content: { 'application/json': { schema: components.ref(route.body, `${operationName}Request`) } } };
      if (route.rawBody) requestBody = { required: true, content: { [route.rawBody.mediaType]: { schema: components.ref(route.rawBody.schema, `${operationName}Request`) } } };
      if (route.formBody) requestBody = { required: true, content: { 'application/x-www-form-urlencoded': { schema: components.ref(route.formBody, `${operationName}Request`) } } };
    }

    if (route.audience === 'staff' && isWrite(route.method) && route.readOnlyExempt !== true && (route.adminSurface === true || isAdminSurface(route.path))) {
      usedParameters.set('X-Break-Glass-Token', { type: 'string', minLength: 1, maxLength: 512 });
      params.push({ $ref: '#/components/parameters/X-Break-Glass-Token' });
    }
    const responses: Record<string, unknown> = {};
    const successSchemas = Object.entries(route.responses).filter(([status, spec]) => Number(status) < 400 && spec.schema !== undefined && spec.schema !== 'output').length;
    for (const [status, spec] of Object.entries(route.responses)) {
      const code = Number(status);
      if (code >= 400 && (spec.schema === undefined || spec.contentType === 'application/problem+json')) {
        responses[status] = { description: spec.description, headers: headerRefs(STANDARD_ERRORS[code]?.headers ?? []), content: problemContent };
        (STANDARD_ERRORS[code]?.headers ?? []).forEach((h) => usedHeaders.add(h));
        continue;
      }
      const schema =
        spec.schema === 'output'
          ? route.contract?.output
            ? components.ref(wireSchema(route.contract.output), `${operationName}Response`)
            : null
          : spec.schema
            ? components.ref(spec.schema, spec.contentType === undefined || spec.contentType.includes('json') ? `${operationName}Response${successSchemas > 1 ? status : ''}` : undefined)
            : null;
      (spec.headers ?? []).forEach((h: ResponseHeader) => usedHeaders.add(h));
      responses[status] = {
        description: spec.description,
        headers: headerRefs(spec.headers ?? []),
        ...(schema !== null || spec.contentType ? { content: { [spec.contentType ?? 'application/json']: schema !== null ? { schema } : {} } } : {}),
      };
    }
    for (const status of errorStatuses(route, requestBody !== null)) {
      if (responses[String(status)] !== undefined) continue;
      usedErrors.add(status);
      responses[String(status)] = { $ref: `#/components/responses/${STANDARD_ERRORS[status]!.name}` };
    }

    route.tags.forEach((t) => usedTags.add(t));
    (paths[path] ??= {})[route.method.toLowerCase()] = {
      operationId: route.operationId,
      summary: route.summary,
      description: route.description,
      tags: route.tags,
      ...(params.length > 0 ? { parameters: params } : {}),
      ...(requestBody !== null ? { requestBody } : {}),
      responses,
      security:
        route.audience === 'worker'
          ? [{ workerBearerAuth: [] }]
          : route.audience !== 'staff'
            ? []
            : route.sessionOnly === true
              ? [{ bearerAuth: [] }]
              : [{ bearerAuth: [] }, { basicAuth: [] }],
      ...(route.permission ? { 'x-permission': route.permission, 'x-roles': [...PERMISSIONS[route.permission]] } : {}),
    };
  }

  for (const status of usedErrors) (STANDARD_ERRORS[status]!.headers ?? []).forEach((h) => usedHeaders.add(h));

  const document = {
    openapi: '3.1.0',
    info: {
      title: 'CleanWithSnapshot API',
      version: info.version,
      description:
        'Operations back end for cleaning and home-service businesses. Errors are RFC 9457 application/problem+json with a stable `code` and the `request_id`. Lists use cursor pagination (`next_cursor`). Every answer carries `X-Request-ID`; send your own (1 to 128 visible characters) to correlate logs.',
      license: { name: 'MIT', identifier: 'MIT' },
      contact: { name: 'CleanWithSnapshot maintainers', url: 'https://github.com/cleanwithsnapshot/cleanwithsnapshot' },
    },
    servers: [{ url: info.serverUrl ?? '/', description: info.serverUrl ? 'This server' : 'The server that serves this document' }],
    tags: [...usedTags].sort().map((name) => ({ name, description: (API_TAGS as Record<string, string>)[name] ?? name })),
    paths,
    components: {
      schemas: components.schemas,
      responses: Object.fromEntries(
        [...usedErrors]
          .sort()
          .map((status) => [STANDARD_ERRORS[status]!.name, { description: STANDARD_ERRORS[status]!.description, headers: headerRefs(STANDARD_ERRORS[status]!.headers ?? []), content: problemContent }]),
      ),
      headers: Object.fromEntries([...usedHeaders].sort().map((name) => [name, HEADERS[name]])),
      parameters: Object.fromEntries(
        [...usedParameters].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, schema]) => [name, { name, in: 'header', required: false, description: HEADER_PARAMETERS[name] ?? name, schema }]),
      ),
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
  addExamples(document as unknown as Record<string, unknown>);
  return document;
}
