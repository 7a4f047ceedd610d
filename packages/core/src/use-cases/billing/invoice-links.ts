/**
 * Public invoice links (the page a client opens without signing in, with a pay button). A link's
 * token is `<org id>.<link id>.<secret>`: the org says which tenant to look in (the lookup runs
 * under that org's row level security), the link id finds the row, and only the secret's hash is
 * stored, so a database read never yields a working link. Every mail that carries a link gets a
 * fresh one (the token cannot be recovered from its hash); voiding revokes them all.
 * Shared by whatever sends a link: issuing/sending an invoice, payment-failure dunning, overdue
 * reminders.
 */
import { timingSafeEqual } from 'node:crypto';
import type { RequestContext } from '../../context.js';
import type { InvoicePublicLink } from '../../domain/billing/invoice.js';
import { AppError } from '../../errors/app-error.js';
import type { SecretTokens } from '../../ports/credentials.port.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { TenantRepositories } from '../../ports/unit-of-work.port.js';

export interface InvoiceLinkDeps {
  readonly ids: IdGenerator;
  readonly tokens: SecretTokens;
}

/**
 * A new link and its token, not yet stored: a caller that sends the token only if its message is
 * new (a deduplicated reminder) stores the link after the enqueue, so no link exists unsent.
 */
export function newInvoiceLink(deps: InvoiceLinkDeps, ctx: RequestContext, invoiceId: string): { readonly link: InvoicePublicLink; readonly token: string } {
  const secret = deps.tokens.random(32);
  const link: InvoicePublicLink = { id: deps.ids.next(), orgId: ctx.orgId, invoiceId, tokenHash: deps.tokens.hash(secret), createdAt: ctx.now, revokedAt: null };
  return { link, token: formatInvoiceLinkToken(link.orgId, link.id, secret) };
}

/** Creates and stores a live link to the invoice in the caller's unit; the token goes only into a sealed message secret. */
export async function createInvoiceLink(
  deps: InvoiceLinkDeps,
  repos: TenantRepositories,
  ctx: RequestContext,
  invoiceId: string,
): Promise<{ readonly link: InvoicePublicLink; readonly token: string }> {
  const created = newInvoiceLink(deps, ctx, invoiceId);
  await repos.invoiceLinks.insert(created.link);
  return created;
}

export function formatInvoiceLinkToken(orgId: string, linkId: string, secret: string): string {
  return `${orgId}.${linkId}.${secret}`;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const TOKEN = new RegExp(`^(${UUID})\\.(${UUID})\\.([A-Za-z0-9_-]{32,100})$`, 'i');

/** The parts of a link token, or null when it is not one (check before any lookup). */
export function parseInvoiceLinkToken(token: unknown): { readonly orgId: string; readonly linkId: string; readonly secret: string } | null {
  if (typeof token !== 'string' || token.length > 200) return null;
  const match = TOKEN.exec(token);
  return match === null ? null : { orgId: match[1]!.toLowerCase(), linkId: match[2]!.toLowerCase(), secret: match[3]! };
}

/**
 * The live link a token names, in the unit of the token's org.
 * @throws invoice.link_invalid — unknown link, wrong secret, or revoked (one answer for all three).
 */
export async function findLiveInvoiceLink(deps: Pick<InvoiceLinkDeps, 'tokens'>, repos: TenantRepositories, parsed: { readonly linkId: string; readonly secret: string }): Promise<InvoicePublicLink> {
  const link = await repos.invoiceLinks.findById(parsed.linkId);
  if (link === null || link.revokedAt !== null || !sameHash(link.tokenHash, deps.tokens.hash(parsed.secret))) {
    throw new AppError('invoice.link_invalid', 'The invoice link is not valid or was revoked');
  }
  return link;
}

/** Constant-time comparison of two stored-form hashes. */
function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
