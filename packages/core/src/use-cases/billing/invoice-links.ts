/**
 * Public invoice links: a token `<org id>.<link id>.<secret>` (256 random bits) of which only the
 * secret's SHA-256 is stored, as invitation tokens are (a secret that long needs no key to
 * resist guessing). The org id says whose unit of work to look in, the link id which row.
 */
import { timingSafeEqual } from 'node:crypto';
import { tenantContextFor, type RequestContext, type SystemContext } from '../../context.js';
import type { Invoice, InvoicePublicLink } from '../../domain/billing/invoice.js';
import type { SecretTokens } from '../../ports/credentials.port.js';
import type { TenantRepositories } from '../../ports/unit-of-work.port.js';
import type { BillingDeps } from './billing-support.js';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const TOKEN = new RegExp(`^(${UUID})\\.(${UUID})\\.([A-Za-z0-9_-]{43,64})$`, 'i');

export interface ParsedInvoiceToken {
  readonly orgId: string;
  readonly linkId: string;
  readonly secret: string;
}

export function parseInvoiceToken(token: unknown): ParsedInvoiceToken | null {
  if (typeof token !== 'string' || token.length > 160) return null;
  const m = TOKEN.exec(token);
  return m === null ? null : { orgId: m[1]!.toLowerCase(), linkId: m[2]!.toLowerCase(), secret: m[3]! };
}

/** A new link to `invoiceId`, stored in the caller's unit; the token is returned once, for the mail. */
export async function createInvoiceLink(ctx: RequestContext, deps: Pick<BillingDeps, 'ids' | 'tokens'>, repos: TenantRepositories, invoiceId: string): Promise<{ link: InvoicePublicLink; token: string }> {
  const secret = deps.tokens.random(32);
  const link: InvoicePublicLink = { id: deps.ids.next(), orgId: ctx.orgId, invoiceId, tokenHash: deps.tokens.hash(secret), createdAt: ctx.now, revokedAt: null };
  await repos.invoiceLinks.insert(link);
  return { link, token: `${ctx.orgId}.${link.id}.${secret}` };
}

/** Compared against when there is no row, so a miss costs what a hit does. */
const NO_HASH = '0'.repeat(64);

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The context a public link's request acts under: the public, in the link's org. */
export function publicInvoiceContext(parsed: ParsedInvoiceToken, viewer: { readonly requestId: string; readonly now: Date }, reason: string): RequestContext {
  const system: SystemContext = { actor: { kind: 'public', id: 'public-invoice-link', role: null }, requestId: viewer.requestId, now: viewer.now, reason };
  return tenantContextFor(system, parsed.orgId);
}

/**
 * THE check of a public link, shared by the public invoice page and its pay button, run in a unit
 * of the token's org (`publicInvoiceContext`): the link exists, its stored hash equals the
 * secret's (constant-time), it is not revoked, and its invoice is issued and not void. Null
 * otherwise, whatever was wrong.
 */
export async function findLiveInvoiceLink(repos: TenantRepositories, tokens: SecretTokens, parsed: ParsedInvoiceToken): Promise<{ readonly link: InvoicePublicLink; readonly invoice: Invoice } | null> {
  const hash = tokens.hash(parsed.secret);
  const link = await repos.invoiceLinks.findById(parsed.linkId);
  const matches = sameHash(link?.tokenHash ?? NO_HASH, hash);
  if (link === null || !matches || link.revokedAt !== null) return null;
  const invoice = await repos.invoices.findById(link.invoiceId);
  return invoice === null || invoice.status === 'VOID' || invoice.status === 'DRAFT' ? null : { link, invoice };
}
