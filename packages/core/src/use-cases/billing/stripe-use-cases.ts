/** Stripe's webhook and the events it left: the Stripe events view. */
import type { CoreServices } from '../shared/core-services.js';
import { GetStripeEvents } from './get-stripe-events.use-case.js';
import { HandlePaymentWebhook } from './handle-payment-webhook.use-case.js';

export function stripeUseCases({ billing, orgs }: CoreServices) {
  return {
    handleWebhook: new HandlePaymentWebhook({ billing, orgs }),
    events: new GetStripeEvents({ uow: billing.uow }),
  };
}
