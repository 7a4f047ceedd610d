export {
  DEFAULT_STRIPE_MAX_NETWORK_RETRIES,
  DEFAULT_STRIPE_TIMEOUT_MS,
  STRIPE_WEBHOOK_TOLERANCE_SECONDS,
  StripePaymentGateway,
  type StripePaymentGatewayOptions,
} from './stripe-payment-gateway.js';
