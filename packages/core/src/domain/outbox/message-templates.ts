/**
 * Every message the system sends, in one place: its typed data (what the outbox row holds, no
 * secrets) and how it reads. Rendered at delivery, so a retry after a wording fix sends the fix,
 * in the org's name, time zone and locale. Every value is escaped in the HTML part by the `html`
 * tag (there is no way to interpolate unescaped), and the plain-text part is always there.
 */

import { minorToDecimalString } from '../billing/currency.js';

/** Instants travel as ISO 8601 strings: payloads are JSON. */
type Instant = string;

export interface TemplateDataMap {
  readonly invitation: { readonly orgName: string; readonly role: string; readonly expiresAt: Instant };
  readonly password_reset: { readonly expiresAt: Instant };
  readonly second_factor_reset: { readonly expiresAt: Instant };
  /** An admin reset the password; with EMAIL_TEMP_PASSWORDS the temporary one rides sealed. */
  readonly password_reset_by_admin: { readonly orgName: string; readonly includesPassword: boolean };
  /** An admin added a new account to the org (onboarding); the temporary password rides sealed under the same rule. */
  readonly account_created: { readonly orgName: string; readonly role: string; readonly includesPassword: boolean };
  readonly booking_confirmed: BookingMessageData;
  readonly booking_rescheduled: BookingMessageData & { readonly previousStartsAt: Instant };
  readonly booking_cancelled: BookingMessageData & { readonly reason: string | null };
  readonly booking_reminder: BookingMessageData;
  readonly worker_assignment: BookingMessageData & { readonly change: 'assigned' | 'changed' | 'unassigned' };
  readonly security_totp_replay: { readonly at: Instant; readonly clientIp: string | null };
  /** An issued invoice; the sealed secret is its public link's token. */
  readonly invoice_sent: InvoiceMessageData;
  /** A payment was received (manual or by card). */
  readonly payment_receipt: InvoiceMessageData & { readonly paidCents: number; readonly tipCents: number };
  /** Dunning: a card payment failed (once per invoice); the sealed secret is a pay link's token. */
  readonly invoice_payment_failed: InvoiceMessageData;
  /** Dunning: the invoice is `daysOverdue` days past due (once per step of the org's schedule). */
  readonly invoice_overdue_reminder: InvoiceMessageData & { readonly daysOverdue: number };
}

export interface InvoiceMessageData {
  readonly invoiceId: string;
  readonly invoiceNumber: string;
  readonly recipientName: string;
  /** Minor units of `currency`. */
  readonly totalCents: number;
  readonly outstandingCents: number;
  readonly currency: string;
  /** The due date in the org's zone (YYYY-MM-DD). */
  readonly dueDate: string | null;
}

export interface BookingMessageData {
  readonly bookingId: string;
  readonly recipientName: string;
  readonly serviceName: string | null;
  readonly startsAt: Instant;
  readonly endsAt: Instant;
  /** The zone the booking is shown in (falls back to the org's). */
  readonly timeZone: string | null;
  readonly address: string | null;
}

export type MessageTemplateName = keyof TemplateDataMap;
export type TemplateData<T extends MessageTemplateName> = TemplateDataMap[T];

export const MESSAGE_TEMPLATE_NAMES = [
  'invitation',
  'password_reset',
  'second_factor_reset',
  'password_reset_by_admin',
  'account_created',
  'booking_confirmed',
  'booking_rescheduled',
  'booking_cancelled',
  'booking_reminder',
  'worker_assignment',
  'security_totp_replay',
  'invoice_sent',
  'payment_receipt',
  'invoice_payment_failed',
  'invoice_overdue_reminder',
] as const satisfies readonly MessageTemplateName[];

/** Who sends: the org as the reader knows it, and how its dates read. */
export interface SenderContext {
  readonly orgName: string;
  readonly timeZone: string;
  /** BCP 47 (`en-GB`); unknown tags fall back to `en`. */
  readonly locale: string;
  /** Base URL of the public API (PUBLIC_BASE_URL), for links; null prints the route instead. */
  readonly publicBaseUrl: string | null;
}

export interface RenderedMessage {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** The text message (kind sms): short, no HTML. */
  readonly sms: string;
}

/** HTML with every interpolated value escaped; nest with `html` again to keep markup. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

export function html(strings: TemplateStringsArray, ...values: ReadonlyArray<string | number | SafeHtml | readonly SafeHtml[]>): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, i) => {
    const part = Array.isArray(value) ? value.map((v: SafeHtml) => v.value).join('') : value instanceof SafeHtml ? value.value : escapeHtml(String(value));
    out += part + strings[i + 1]!;
  });
  return new SafeHtml(out);
}

/**
 * Formatters already built, by style, locale and zones. Building an Intl.DateTimeFormat costs
 * ~0.1–0.3 ms (it loads locale and zone data), several times a booking message's whole rendering
 * otherwise: a delivery batch renders the same few combinations over and over (PB3). Bounded:
 * locales and zones come from org settings and payloads, so the set is cleared when it grows.
 */
const formats = new Map<string, Intl.DateTimeFormat>();
const MAX_CACHED_FORMATS = 500;

function cachedFormat(style: 'dateTime' | 'time', sender: SenderContext, zone: string | null): Intl.DateTimeFormat {
  const options: Intl.DateTimeFormatOptions = style === 'dateTime' ? { dateStyle: 'full', timeStyle: 'short' } : { timeStyle: 'short' };
  const key = `${style}\u0000${sender.locale}\u0000${zone ?? ''}\u0000${sender.timeZone}`;
  let format = formats.get(key);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat(sender.locale, { ...options, timeZone: zone ?? sender.timeZone });
    } catch {
      // An unknown locale or zone: English in the org's zone (which may throw in turn, as before).
      format = new Intl.DateTimeFormat('en', { ...options, timeZone: sender.timeZone });
    }
    if (formats.size >= MAX_CACHED_FORMATS) formats.clear();
    formats.set(key, format);
  }
  return format;
}

function when(sender: SenderContext, instant: Instant, zone: string | null = null): string {
  const at = new Date(instant);
  return Number.isNaN(at.getTime()) ? instant : cachedFormat('dateTime', sender, zone).format(at);
}

function timeOnly(sender: SenderContext, instant: Instant, zone: string | null): string {
  const at = new Date(instant);
  return Number.isNaN(at.getTime()) ? instant : cachedFormat('time', sender, zone).format(at);
}

function link(sender: SenderContext, route: string): string {
  return sender.publicBaseUrl === null ? route : `${sender.publicBaseUrl.replace(/\/+$/, '')}${route}`;
}

interface Draft {
  readonly subject: string;
  /** Paragraphs, plain text. */
  readonly paragraphs: readonly string[];
  readonly sms: string;
}

function bookingLines(sender: SenderContext, d: BookingMessageData): string[] {
  return [
    `${d.serviceName ?? 'Visit'}: ${when(sender, d.startsAt, d.timeZone)} – ${timeOnly(sender, d.endsAt, d.timeZone)}`,
    ...(d.address === null ? [] : [`Address: ${d.address}`]),
  ];
}

type Drafter<T extends MessageTemplateName> = (sender: SenderContext, data: TemplateData<T>, secret: string | null) => Draft;

const tokenLines = (sender: SenderContext, route: string, secret: string | null): string[] =>
  secret === null ? [] : [`Your single-use token: ${secret}`, `Send it to ${link(sender, route)} as {"token": "…"} (or paste it where your app asks).`];

/** EMAIL_TEMP_PASSWORDS: the password itself, or only where to get it. */
const temporaryPasswordLines = (includesPassword: boolean, secret: string | null): string[] =>
  includesPassword && secret !== null
    ? [`Your temporary password: ${secret}`, 'Sign in with it and choose a new one straight away.']
    : ['Ask them for your temporary password; you will choose a new one when you sign in.'];

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** An amount in minor units as the org's locale writes it (`£1,234.50`), without a float in between. */
function money(sender: SenderContext, amountCents: number, currency: string): string {
  const key = `${sender.locale}|${currency}`;
  let format = moneyFormats.get(key);
  if (format === undefined) {
    try {
      format = new Intl.NumberFormat(sender.locale, { style: 'currency', currency });
    } catch {
      format = new Intl.NumberFormat('en', { style: 'currency', currency });
    }
    moneyFormats.set(key, format);
  }
  // A decimal string is formatted exactly (Intl takes strings as decimals).
  return format.format(minorToDecimalString(amountCents, currency) as unknown as number);
}

/** The invoice's link: the public page carrying the sealed token. */
const invoiceLinkLines = (sender: SenderContext, secret: string | null, verb: string): string[] =>
  secret === null ? [] : [`${verb}: ${link(sender, `/v1/public/invoices/${secret}`)}`];

const invoiceLines = (s: SenderContext, d: InvoiceMessageData): string[] => [
  `Invoice ${d.invoiceNumber}: ${money(s, d.totalCents, d.currency)}${d.dueDate === null ? '' : `, due ${d.dueDate}`}.`,
  ...(d.outstandingCents !== d.totalCents ? [`Left to pay: ${money(s, d.outstandingCents, d.currency)}.`] : []),
];

const DRAFTS: { readonly [T in MessageTemplateName]: Drafter<T> } = {
  invitation: (s, d, secret) => ({
    subject: `You are invited to join ${d.orgName}`,
    paragraphs: [
      `${d.orgName} invites you to join as ${d.role}.`,
      ...tokenLines(s, '/v1/auth/invitations/accept', secret),
      `The invitation expires ${when(s, d.expiresAt)}. If you did not expect it, ignore this message.`,
    ],
    sms: `${d.orgName} invites you to join as ${d.role}.`,
  }),
  password_reset: (s, d, secret) => ({
    subject: 'Reset your password',
    paragraphs: [
      'Someone asked to reset the password of your account.',
      ...tokenLines(s, '/v1/auth/password-reset/confirm', secret),
      `It expires ${when(s, d.expiresAt)}. If it was not you, ignore this message: your password is unchanged.`,
    ],
    sms: 'A password reset was requested for your account.',
  }),
  second_factor_reset: (s, d, secret) => ({
    subject: 'Reset your two-factor sign-in',
    paragraphs: [
      'Someone asked to reset the two-factor sign-in of your account.',
      ...tokenLines(s, '/v1/auth/2fa/reset/confirm', secret),
      `It expires ${when(s, d.expiresAt)}. If it was not you, ignore this message and consider changing your password.`,
    ],
    sms: 'A two-factor reset was requested for your account.',
  }),
  password_reset_by_admin: (_s, d, secret) => ({
    subject: `Your ${d.orgName} password was reset`,
    paragraphs: [
      `An administrator of ${d.orgName} reset your password.`,
      ...temporaryPasswordLines(d.includesPassword, secret),
    ],
    sms: `An administrator of ${d.orgName} reset your password.`,
  }),
  account_created: (_s, d, secret) => ({
    subject: `Your ${d.orgName} account`,
    paragraphs: [
      `An administrator of ${d.orgName} created an account for you, as ${d.role}.`,
      ...temporaryPasswordLines(d.includesPassword, secret),
    ],
    sms: `An administrator of ${d.orgName} created an account for you.`,
  }),
  booking_confirmed: (s, d) => ({
    subject: `${s.orgName}: your booking is confirmed`,
    paragraphs: [`Hello ${d.recipientName},`, 'Your booking is confirmed.', ...bookingLines(s, d)],
    sms: `${s.orgName}: booking confirmed for ${when(s, d.startsAt, d.timeZone)}.`,
  }),
  booking_rescheduled: (s, d) => ({
    subject: `${s.orgName}: your booking has moved`,
    paragraphs: [`Hello ${d.recipientName},`, `Your booking of ${when(s, d.previousStartsAt, d.timeZone)} has moved.`, ...bookingLines(s, d)],
    sms: `${s.orgName}: your booking moved to ${when(s, d.startsAt, d.timeZone)}.`,
  }),
  booking_cancelled: (s, d) => ({
    subject: `${s.orgName}: your booking is cancelled`,
    paragraphs: [
      `Hello ${d.recipientName},`,
      `Your booking of ${when(s, d.startsAt, d.timeZone)} is cancelled.`,
      ...(d.reason === null ? [] : [`Reason: ${d.reason}`]),
    ],
    sms: `${s.orgName}: your booking of ${when(s, d.startsAt, d.timeZone)} is cancelled.`,
  }),
  booking_reminder: (s, d) => ({
    subject: `${s.orgName}: reminder of your visit tomorrow`,
    paragraphs: [`Hello ${d.recipientName},`, 'A reminder of your visit tomorrow.', ...bookingLines(s, d)],
    sms: `${s.orgName}: reminder, we visit ${when(s, d.startsAt, d.timeZone)}.`,
  }),
  worker_assignment: (s, d) => {
    const what = { assigned: 'You have a new job', changed: 'A job of yours changed', unassigned: 'You are no longer on a job' }[d.change];
    return {
      subject: `${s.orgName}: ${what.toLowerCase()}`,
      paragraphs: [`Hello ${d.recipientName},`, `${what}.`, ...bookingLines(s, d)],
      sms: `${s.orgName}: ${what.toLowerCase()} – ${when(s, d.startsAt, d.timeZone)}.`,
    };
  },
  security_totp_replay: (s, d) => ({
    subject: 'A one-time code of yours was used twice',
    paragraphs: [
      `At ${when(s, d.at)} a sign-in presented a one-time code that had already been used${d.clientIp === null ? '' : ` (from ${d.clientIp})`}. It was refused.`,
      'If it was not you, someone may know your password: change it and review your sessions.',
    ],
    sms: 'A reused one-time code of yours was refused. If it was not you, change your password.',
  }),
  invoice_sent: (s, d, secret) => ({
    subject: `${s.orgName}: invoice ${d.invoiceNumber}`,
    paragraphs: [`Hello ${d.recipientName},`, ...invoiceLines(s, d), ...invoiceLinkLines(s, secret, 'View and pay it online')],
    sms: `${s.orgName}: invoice ${d.invoiceNumber} for ${money(s, d.totalCents, d.currency)}.`,
  }),
  payment_receipt: (s, d) => ({
    subject: `${s.orgName}: payment received for ${d.invoiceNumber}`,
    paragraphs: [
      `Hello ${d.recipientName},`,
      `Thank you: we received ${money(s, d.paidCents, d.currency)} for invoice ${d.invoiceNumber}.`,
      ...(d.tipCents > 0 ? [`Your tip of ${money(s, d.tipCents, d.currency)} goes to the crew.`] : []),
      d.outstandingCents > 0 ? `Left to pay: ${money(s, d.outstandingCents, d.currency)}.` : 'The invoice is paid in full.',
    ],
    sms: `${s.orgName}: received ${money(s, d.paidCents, d.currency)} for ${d.invoiceNumber}. Thank you.`,
  }),
  invoice_payment_failed: (s, d, secret) => ({
    subject: `${s.orgName}: your payment for ${d.invoiceNumber} did not go through`,
    paragraphs: [
      `Hello ${d.recipientName},`,
      `Your card payment for invoice ${d.invoiceNumber} (${money(s, d.outstandingCents, d.currency)}) did not go through. No money was taken.`,
      ...invoiceLinkLines(s, secret, 'Please try again here'),
    ],
    sms: `${s.orgName}: your payment for ${d.invoiceNumber} did not go through; please try again.`,
  }),
  invoice_overdue_reminder: (s, d, secret) => ({
    subject: `${s.orgName}: invoice ${d.invoiceNumber} is overdue`,
    paragraphs: [
      `Hello ${d.recipientName},`,
      `A friendly reminder: invoice ${d.invoiceNumber} was due ${d.daysOverdue} day${d.daysOverdue === 1 ? '' : 's'} ago.`,
      ...invoiceLines(s, d),
      ...invoiceLinkLines(s, secret, 'Pay it online'),
    ],
    sms: `${s.orgName}: invoice ${d.invoiceNumber} is overdue (${money(s, d.outstandingCents, d.currency)}).`,
  }),
};

/** The message `template` reads as, for `sender`; `secret` is the opened sealed secret, if any. */
export function renderMessage<T extends MessageTemplateName>(template: T, data: TemplateData<T>, sender: SenderContext, secret: string | null): RenderedMessage {
  const draft = (DRAFTS[template] as Drafter<T>)(sender, data, secret);
  const signature = `— ${sender.orgName}`;
  const text = [...draft.paragraphs, signature].join('\n\n');
  const body = html`<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">${draft.paragraphs.map((p) => html`<p>${p}</p>`)}<p>${signature}</p></body></html>`;
  return { subject: draft.subject, text, html: body.value, sms: draft.sms.slice(0, 320) };
}
