import type { Registry } from 'prom-client';
import type { InboundSmsVerifier } from '@cws/core';
import type { Runtime } from '@cws/composition';
import type { AccessTokens } from '../auth/access-tokens.js';
import type { WorkerPortalTokens } from '../auth/worker-portal-tokens.js';
import type { RouteDefinition } from '../routing/route-definition.js';
import { authRoutes } from './auth/auth.routes.js';
import { accountTokenRoutes } from './auth/account-tokens.routes.js';
import { iamRoutes } from './iam/iam.routes.js';
import { safetyRoutes } from './admin/safety.routes.js';
import { clientRoutes } from './admin/clients.routes.js';
import { jobsRoutes } from './admin/jobs.routes.js';
import { outboxRoutes } from './admin/outbox.routes.js';
import { financeRoutes } from './admin/finance.routes.js';
import { leadRoutes } from './admin/leads.routes.js';
import { orgRoutes } from './admin/org.routes.js';
import { infraRoutes } from './infra/infra.routes.js';
import { publicLeadRoutes } from './public/public-leads.routes.js';
import { publicSmsRoutes, runtimeInboundSms } from './public/public-sms.routes.js';
import { workforceRoutes } from './admin/workforce.routes.js';
import { bookingRoutes } from './admin/bookings.routes.js';
import { seriesRoutes } from './admin/series.routes.js';
import { scheduleRoutes } from './admin/schedule.routes.js';
import { workerPortalRoutes } from './worker/worker-portal.routes.js';
import { invoiceRoutes } from './admin/invoices.routes.js';
import { publicInvoiceRoutes } from './public/public-invoices.routes.js';
import { stripeWebhookRoutes } from './payments/stripe-webhook.routes.js';
import { stripeEventRoutes } from './admin/stripe-events.routes.js';

/** Every route the host serves, in one list: the router, the docs and the tests all read it. */
export function allRoutes(options: {
  metricsRegistry: Registry;
  accessTokens: AccessTokens;
  workerTokens: WorkerPortalTokens;
  extraRoutes?: readonly RouteDefinition[];
  /** Where the inbound SMS route finds its signature check (default: the runtime's). */
  inboundSms?: (runtime: Runtime) => InboundSmsVerifier | null;
}): RouteDefinition[] {
  const routes: RouteDefinition[] = [];
  routes.push(
    ...infraRoutes({ metricsRegistry: options.metricsRegistry, routes: () => routes }),
    ...authRoutes({ accessTokens: options.accessTokens }),
    ...accountTokenRoutes(),
    ...orgRoutes(),
    ...iamRoutes(),
    ...safetyRoutes(),
    ...leadRoutes(),
    ...clientRoutes(),
    ...jobsRoutes(),
    ...outboxRoutes(),
    ...financeRoutes(),
    ...workforceRoutes(),
    ...bookingRoutes(),
    ...seriesRoutes(),
    ...scheduleRoutes(),
    ...invoiceRoutes(),
    ...publicLeadRoutes(),
    ...publicInvoiceRoutes(),
    ...publicSmsRoutes({ inboundSms: options.inboundSms ?? runtimeInboundSms }),
    ...workerPortalRoutes({ workerTokens: options.workerTokens }),
    ...stripeWebhookRoutes(),
    ...stripeEventRoutes(),
    ...(options.extraRoutes ?? []),
  );
  return routes;
}
