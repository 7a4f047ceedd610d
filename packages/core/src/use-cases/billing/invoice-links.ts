/**
 * Public invoice links: a token a client opens without signing in (`/v1/public/invoices/{token}`).
 * The token is `<link id>.<256 random bits>`; only the SHA-256 of the whole token is stored, so a
 * database read does not yield a working link, and revoking the row kills it. Shared by every use
 * case that mails a link (issuing an invoice, dunning, overdue reminders).
 */
import { timingSafeEqual } from 'node:crypto';
import type { RequestContext } from '../../context.js';
import type { InvoicePublicLink } from '../../domain/billing/invoice.js';
import type { SecretTokens } from '../../ports/credentials.port.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { TenantRepositories } from '../../ports/unit-of-work.port.js';

export interface InvoiceLinkDeps {
  readonly ids: IdGenerator;
  readonly tokens: SecretTokens;
}

/** Creates a live link to the invoice in the caller's unit of work; returns the token (mail it sealed, never store it). */
export async function createInvoiceLink(deps: InvoiceLinkDeps, repos: TenantRepositories, ctx: RequestContext, invoiceId: string): Promise<{ readonly link: InvoicePublicLink; readonly token: string }> {
  const id = deps.ids.next();
  const token = `${id}.${deps.tokens.random(32)}`;
  const link: InvoicePublicLink = { id, orgId: ctx.orgId, invoiceId, tokenHash: deps.tokens.hash(token), createdAt: ctx.now, revokedAt: null };
  await repos.invoiceLinks.insert(link);
  return { link, token };
}

/** The link id a token names, or null when the token is not shaped like one. */
export function invoiceLinkId(token: string): string | null {
  const dot = token.indexOf('.');
  if (dot <= 0 || dot > 64 || token.length > 200) return null;
  return token.slice(0, dot);
}

/** Whether `token` opens `link`: its hash matches (compared in constant time) and it is not revoked. */
export function invoiceLinkOpens(tokens: SecretTokens, link: InvoicePublicLink, token: string): boolean {
  if (link.revokedAt !== null) return false;
  const a = Buffer.from(tokens.hash(token), 'utf8');
  const b = Buffer.from(link.tokenHash, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
