/** The payment use cases (manual payments, refunds, credit, checkout, deposits), built from the core's shared services. */
import type { CoreServices } from '../shared/core-services.js';
import { CreateDepositCheckout } from './create-deposit-checkout.use-case.js';
import { CreateInvoiceCheckout } from './create-invoice-checkout.use-case.js';
import { CreatePublicInvoiceCheckout } from './create-public-invoice-checkout.use-case.js';
import { GetClientCredit } from './get-client-credit.use-case.js';
import { ListInvoicePayments } from './list-invoice-payments.use-case.js';
import { RecordManualDeposit } from './record-manual-deposit.use-case.js';
import { RecordManualPayment } from './record-manual-payment.use-case.js';
import { RefundPayment } from './refund-payment.use-case.js';

export function paymentUseCases({ billing, limiter }: CoreServices) {
  return {
    recordManual: new RecordManualPayment(billing),
    refund: new RefundPayment(billing),
    listForInvoice: new ListInvoicePayments(billing),
    clientCredit: new GetClientCredit(billing),
    createInvoiceCheckout: new CreateInvoiceCheckout(billing),
    createPublicInvoiceCheckout: new CreatePublicInvoiceCheckout({ ...billing, limiter }),
    createDepositCheckout: new CreateDepositCheckout(billing),
    recordManualDeposit: new RecordManualDeposit(billing),
  };
}
