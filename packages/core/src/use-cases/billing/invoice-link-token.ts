/**
 * Public invoice links (`/v1/public/invoices/{token}`): the one place a token is made and
 * checked, so the public invoice page and its pay button accept exactly the same tokens.
 *
 * A token is `<orgId>.<linkId>.<secret>`: the org says which tenant unit to open (links live
 * under row level security like every org row), the link id finds the row, and the secret is
 * proved against the stored keyed hash (HMAC under the server key, bound to the link id) with a
 * constant-time compare. Only the hash is stored; a revoked link, a void invoice and any
 * malformed or unknown token are all `invoice.link_invalid`, so a caller learns nothing about
 * which part was wrong.
 */
import { timingSafeEqual } from 'node:crypto';
import type { RequestContext } from '../../context.js';
import type { Invoice, InvoicePublicLink } from '../../domain/billing/invoice.js';
import { AppError } from '../../errors/app-error.js';
import type { SecretTokens } from '../../ports/credentials.port.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { TenantRepositories } from '../../ports/unit-of-work.port.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** base64url of 32 random bytes. */
const SECRET = /^[A-Za-z0-9_-]{43}$/;
export const MAX_INVOICE_LINK_TOKEN_LENGTH = 36 + 1 + 36 + 1 + 43;

export interface InvoiceLinkToken {
  readonly orgId: string;
  readonly linkId: string;
  readonly secret: string;
}

export const invoiceLinkInvalid = () => new AppError('invoice.link_invalid', 'The invoice link is not valid or was revoked');

/** The stored form of a link's secret: keyed, and bound to its link so a hash cannot be moved to another row. */
export function invoiceLinkHash(tokens: SecretTokens, linkId: string, secret: string): string {
  return tokens.fingerprint(`invoice-link:v1:${linkId}:${secret}`);
}

/**
 * Splits a token into its parts; shape only, nothing is looked up.
 * @throws invoice.link_invalid
 */
export function parseInvoiceLinkToken(token: string): InvoiceLinkToken {
  if (typeof token !== 'string' || token.length > MAX_INVOICE_LINK_TOKEN_LENGTH) throw invoiceLinkInvalid();
  const parts = token.split('.');
  if (parts.length !== 3) throw invoiceLinkInvalid();
  const [orgId, linkId, secret] = parts as [string, string, string];
  if (!UUID.test(orgId) || !UUID.test(linkId) || !SECRET.test(secret)) throw invoiceLinkInvalid();
  return { orgId, linkId, secret };
}

/** A new link for an invoice and the token to hand out (only the hash is kept). */
export function newInvoiceLink(deps: { readonly ids: IdGenerator; readonly tokens: SecretTokens }, ctx: RequestContext, invoiceId: string): { readonly link: InvoicePublicLink; readonly token: string } {
  const id = deps.ids.next();
  const secret = deps.tokens.random(32);
  const link: InvoicePublicLink = { id, orgId: ctx.orgId, invoiceId, tokenHash: invoiceLinkHash(deps.tokens, id, secret), createdAt: ctx.now, revokedAt: null };
  return { link, token: `${ctx.orgId}.${id}.${secret}` };
}

/** The context a public link's request acts under, in the link's org. */
export function publicInvoiceContext(token: InvoiceLinkToken, request: { readonly requestId: string; readonly now: Date }): RequestContext {
  return { orgId: token.orgId, actor: { kind: 'public', id: 'public-invoice-link', role: null }, requestId: request.requestId, now: request.now };
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The live link and its invoice, in a unit of the token's org (`publicInvoiceContext`).
 * @throws invoice.link_invalid — unknown link, wrong secret, revoked, or the invoice is gone or void.
 */
export async function resolveInvoiceLink(repos: TenantRepositories, tokens: SecretTokens, token: InvoiceLinkToken): Promise<{ readonly link: InvoicePublicLink; readonly invoice: Invoice }> {
  const link = await repos.invoiceLinks.findById(token.linkId);
  // Hash even when the row is missing, so a miss and a wrong secret take the same time.
  const presented = invoiceLinkHash(tokens, token.linkId, token.secret);
  if (link === null || !sameHash(presented, link.tokenHash) || link.orgId !== token.orgId || link.revokedAt !== null) throw invoiceLinkInvalid();
  const invoice = await repos.invoices.findById(link.invoiceId);
  if (invoice === null || invoice.status === 'VOID' || invoice.status === 'DRAFT') throw invoiceLinkInvalid();
  return { link, invoice };
}
