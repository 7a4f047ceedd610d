import { paymentGatewayContract, type PaymentPeerFailure, type PeerCheckoutSession } from '@cws/contract-tests';
import { startFakeStripeServer, type StripeFailure } from '@cws/test-support';
import { StripePaymentGateway } from '@cws/adapter-payments-stripe';

const FAILURES: Record<PaymentPeerFailure, StripeFailure> = {
  // Stripe names the card in some decline texts; the adapter must not pass it on.
  declined: { status: 402, type: 'card_error', code: 'card_declined', declineCode: 'insufficient_funds', message: 'Your card 4242 4242 4242 4242 (4242424242424242) has insufficient funds.' },
  server_error: { status: 500 },
  rate_limited: { status: 429 },
  key_refused: { status: 401 },
};

const strings = (value: unknown): Record<string, string> => (typeof value === 'object' && value !== null ? (value as Record<string, string>) : {});

paymentGatewayContract('stripe', async () => {
  const peer = await startFakeStripeServer();
  const networkRetries = 1;
  const gateway = new StripePaymentGateway({ secretKey: peer.secretKey, webhookSecret: peer.webhookSecret, apiBaseUrl: peer.baseUrl, timeoutMs: 2_000, maxNetworkRetries: networkRetries });

  return {
    gateway,
    networkRetries,
    secrets: [peer.secretKey, peer.webhookSecret],
    checkoutSessions: async () =>
      peer.checkoutSessions.map((s): PeerCheckoutSession => {
        const params = peer.checkoutSessionParams(s.id) ?? {};
        const item = (params['line_items'] as Array<Record<string, Record<string, Record<string, string>>>> | undefined)?.[0];
        return {
          id: s.id,
          amountMinor: s['amount_total'] as number,
          currency: String(s['currency']).toUpperCase(),
          description: item?.['price_data']?.['product_data']?.['name'] ?? '',
          successUrl: s['success_url'] as string,
          cancelUrl: s['cancel_url'] as string,
          customerId: s['customer'] as string | null,
          customerEmail: s['customer_email'] as string | null,
          metadata: strings(s['metadata']),
          paymentMetadata: strings(strings(params['payment_intent_data'] as unknown)['metadata']),
        };
      }),
    customerCount: async () => peer.customers.length,
    addCustomer: async ({ orgId, clientId, email }) => peer.addCustomer({ email, name: 'Made elsewhere', metadata: { org_id: orgId, client_id: clientId } }).id,
    createPayment: async ({ amountMinor, currency, status, metadata, failureMessage }) =>
      peer.createPaymentIntent({
        amount: amountMinor,
        currency,
        status: status === 'failed' ? 'requires_payment_method' : status,
        ...(metadata === undefined ? {} : { metadata }),
        ...(status === 'failed' ? { failureMessage: failureMessage ?? 'Your card was declined.' } : {}),
      }).id,
    completeCheckout: async (sessionId) => peer.completeCheckoutSession(sessionId).paymentIntent.id,
    refundsOf: async (reference) => peer.refunds.filter((r) => r['payment_intent'] === reference).map((r) => r['amount'] as number),
    webhook: async (type, subject, options = {}) => {
      let object: Record<string, unknown>;
      const intent = subject === null ? null : peer.paymentIntent(subject);
      switch (type) {
        case 'checkout.session.completed':
          object = peer.checkoutSessions.find((s) => s.id === subject)!;
          break;
        case 'payment_intent.succeeded':
        case 'payment_intent.payment_failed':
          object = intent!;
          break;
        case 'charge.refunded':
          object = peer.charge(intent!['latest_charge'] as string)!;
          break;
        case 'invoice.payment_failed':
          object = {
            id: 'in_fake0000000001',
            object: 'invoice',
            amount_due: intent!['amount'],
            currency: intent!['currency'],
            status: 'open',
            payment_intent: intent!.id,
            metadata: intent!['metadata'],
          };
          break;
        default:
          object = { id: 'cus_unrelated0001', object: 'customer', email: null, metadata: {} };
      }
      const timestamp = Math.floor((options.signedAt ?? new Date()).getTime() / 1000);
      const signed = peer.signedEvent(type, object, { timestamp, ...(options.wrongSecret ? { secret: `whsec_other${'x'.repeat(24)}` } : {}) });
      return { body: Buffer.from(signed.payload, 'utf8'), header: signed.header, id: signed.event.id };
    },
    requestCount: () => peer.requests.length,
    failNext: (failure, times = 1) => peer.failNext(...Array.from({ length: times }, () => FAILURES[failure])),
    dispose: () => peer.close(),
  };
});
