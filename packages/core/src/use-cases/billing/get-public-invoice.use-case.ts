import { Type } from '@sinclair/typebox';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { creditCents, outstandingCents } from '../../domain/billing/invoice.js';
import { milliToQuantity, PublicInvoiceView } from '../../domain/billing/invoice-schemas.js';
import type { LocalDate } from '../../domain/scheduling/zoned-time.js';
import { AppError } from '../../errors/app-error.js';
import type { SecretTokens } from '../../ports/credentials.port.js';
import type { OrgDirectory } from '../../ports/org-directory.port.js';
import type { RateBucket, RateLimiter } from '../../ports/rate-limiter.port.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import { reserveAttempt } from '../identity/identity-policy.js';
import { findLiveInvoiceLink, parseInvoiceToken, publicInvoiceContext } from './invoice-links.js';

const contract = defineContract({
  name: 'GetPublicInvoice',
  input: Type.Object({ token: Type.String({ minLength: 1, maxLength: 200, description: 'The token from the invoice mail' }) }, { additionalProperties: false }),
  output: PublicInvoiceView,
});

export type GetPublicInvoiceInput = ContractInput<typeof contract>;

/** At most 30 invalid invoice links per client address an hour (valid ones are refunded). */
export const PUBLIC_INVOICE_LINKS_BY_IP: RateBucket = { name: 'public-invoice-links-ip', points: 30, windowSeconds: 3600 };

export interface GetPublicInvoiceDeps {
  readonly uow: UnitOfWork;
  readonly orgs: OrgDirectory;
  readonly tokens: SecretTokens;
  readonly limiter: RateLimiter;
}

/** Who opens the link, as the transport knows them. */
export interface PublicViewer {
  readonly requestId: string;
  readonly now: Date;
  readonly clientIp?: string | null;
}

export interface PublicInvoice {
  readonly number: string | null;
  readonly orgName: string;
  readonly status: string;
  readonly currency: string;
  readonly issueDate: LocalDate | null;
  readonly dueDate: LocalDate | null;
  readonly lines: readonly { description: string; quantity: number; unitPriceCents: number; taxRateBasis: number; lineTotalCents: number; lineTaxCents: number }[];
  readonly subtotalCents: number;
  readonly taxableSubtotalCents: number;
  readonly taxCents: number;
  readonly taxRateBasis: number;
  readonly totalCents: number;
  readonly paidCents: number;
  readonly outstandingCents: number;
  readonly creditCents: number;
}

const linkInvalid = () => new AppError('invoice.link_invalid', 'The invoice link is not valid or was revoked');
/**
 * The invoice a public link shows, without sign-in: number, org name, lines, snapshot figures,
 * paid and outstanding, status, dates, currency — never the client's email or phone. The token
 * names the org and the link; the secret's hash is compared in constant time. A malformed,
 * unknown, tampered or revoked token, a void invoice and an org that does not exist all get the
 * same invoice.link_invalid (404), so the answer says nothing about which orgs or invoices exist.
 * Failed attempts spend a per-address budget.
 * @throws invoice.link_invalid
 * @throws request.rate_limited — too many invalid links from the address.
 */
export class GetPublicInvoice {
  static readonly contract = contract;

  constructor(private readonly deps: GetPublicInvoiceDeps) {}

  async execute(viewer: PublicViewer, input: GetPublicInvoiceInput): Promise<PublicInvoice> {
    const { token } = checkInput(contract, input);
    const clientIp = viewer.clientIp ?? null;
    const attempt = await reserveAttempt(this.deps.limiter, clientIp === null ? [] : [{ bucket: PUBLIC_INVOICE_LINKS_BY_IP, key: clientIp, onSuccess: 'refund' }]);
    const parsed = parseInvoiceToken(token);
    if (parsed === null) throw linkInvalid();
    const live = await this.deps.uow.run(publicInvoiceContext(parsed, viewer, 'open a public invoice link'), (repos) => findLiveInvoiceLink(repos, this.deps.tokens, parsed));
    const invoice = live?.invoice ?? null;
    if (invoice === null) throw linkInvalid();
    const org = await this.deps.orgs.findById(parsed.orgId);
    if (org === null) throw linkInvalid();
    await attempt.passed();
    return {
      number: invoice.number,
      orgName: org.name,
      status: invoice.status,
      currency: invoice.currency,
      issueDate: invoice.issueDate,
      dueDate: invoice.dueDate,
      lines: invoice.lines.map((l) => ({
        description: l.description,
        quantity: milliToQuantity(l.quantityMilli),
        unitPriceCents: l.unitPriceCents,
        taxRateBasis: l.taxRateBasis,
        lineTotalCents: l.lineTotalCents,
        lineTaxCents: l.lineTaxCents,
      })),
      subtotalCents: invoice.subtotalCents,
      taxableSubtotalCents: invoice.taxableSubtotalCents,
      taxCents: invoice.taxCents,
      taxRateBasis: invoice.taxRateBasis,
      totalCents: invoice.totalCents,
      paidCents: invoice.paidCents,
      outstandingCents: outstandingCents(invoice),
      creditCents: creditCents(invoice),
    };
  }
}
