export { createHttpApp, type HttpApp, type HttpAppOptions } from './app.js';
export { DEFAULT_HTTP_SERVER_LIMITS, startHttpServer, type RunningHttpServer } from './http-server.js';
export type { RouteDefinition } from './routing/route-definition.js';
export { buildOpenApiDocument } from './routing/openapi-document.js';
export { AccessTokens, type AccessClaims } from './auth/access-tokens.js';
export { createHttpMetrics } from './http/http-metrics.js';
