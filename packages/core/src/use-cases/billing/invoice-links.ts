/**
 * Public invoice links: a token `<org id>.<link id>.<secret>` (256 random bits) of which only the
 * secret's SHA-256 is stored, as invitation tokens are (a secret that long needs no key to
 * resist guessing). The org id says whose unit of work to look in, the link id which row.
 */
import type { RequestContext } from '../../context.js';
import type { InvoicePublicLink } from '../../domain/billing/invoice.js';
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
