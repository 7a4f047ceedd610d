/**
 * What each staff role sees of personal data. The core owns this policy so every surface applies
 * the same one: presenters mask by it, and the list use cases search only the fields an actor
 * sees in full — a search on a masked field answers "is this the value?" and so gives the value
 * away one request at a time (issue 8, item 4; ADR 15).
 *
 * A VIEWER sees enough to recognise a record (the name, the town, the email's first letter and
 * domain, the phone's last two digits), not enough to contact or visit someone: street lines and
 * free text that people type about someone (notes, access notes, cancellation and absence
 * reasons, a request sent through the public form) are withheld entirely.
 */
import type { Actor } from '../context.js';
import { SEARCH_FIELDS, type SearchField } from '../domain/shared/search-fields.js';
import type { Role } from './roles.js';

export const PERSONAL_DATA_KINDS = ['contact', 'street', 'free_text'] as const;
/** contact: email and phone (masked); street: address lines (withheld); free_text: anything typed about someone (withheld). */
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];

const MASKED_FOR_ROLE: Readonly<Record<Role, readonly PersonalDataKind[]>> = {
  owner: [],
  admin: [],
  finance: [],
  dispatcher: [],
  viewer: ['contact', 'street', 'free_text'],
};

/** For each kind of personal data, whether the actor sees it masked. */
export type PersonalDataView = Readonly<Record<PersonalDataKind, boolean>>;

export const FULL_PERSONAL_DATA: PersonalDataView = { contact: false, street: false, free_text: false };

/**
 * The view of a staff member's role. Other actors (jobs, the client and worker portals) are not
 * masked here: their surfaces show only records that are theirs or assigned to them.
 */
export function personalDataView(actor: Actor): PersonalDataView {
  if (actor.kind !== 'staff' || actor.role === null) return FULL_PERSONAL_DATA;
  const masked = MASKED_FOR_ROLE[actor.role];
  return { contact: masked.includes('contact'), street: masked.includes('street'), free_text: masked.includes('free_text') };
}

export function masksAny(view: PersonalDataView): boolean {
  return PERSONAL_DATA_KINDS.some((kind) => view[kind]);
}

/** What a withheld value is shown as. */
export const WITHHELD = '***';

export function maskEmail(email: string | null): string | null {
  if (email === null) return null;
  const at = email.lastIndexOf('@');
  return at <= 0 ? WITHHELD : `${email[0]}${WITHHELD}${email.slice(at)}`;
}

export function maskPhone(phone: string | null): string | null {
  if (phone === null) return null;
  const digits = phone.replace(/\D/g, '');
  return digits.length <= 2 ? WITHHELD : `${WITHHELD}${digits.slice(-2)}`;
}

const withheld = (value: string | null): string | null => (value === null ? null : WITHHELD);

export const showEmail = (view: PersonalDataView, email: string | null) => (view.contact ? maskEmail(email) : email);
export const showPhone = (view: PersonalDataView, phone: string | null) => (view.contact ? maskPhone(phone) : phone);
export const showStreet = (view: PersonalDataView, line: string | null) => (view.street ? withheld(line) : line);
export const showFreeText = (view: PersonalDataView, text: string | null) => (view.free_text ? withheld(text) : text);

/**
 * Personal fields by name, as the core's objects (camelCase) and the API (snake_case) spell them,
 * for values shown as stored snapshots (a booking's history: before, after, metadata).
 */
const FIELD_KINDS: Readonly<Record<string, PersonalDataKind>> = {
  email: 'contact',
  phone: 'contact',
  line1: 'street',
  line2: 'street',
  notes: 'free_text',
  accessNotes: 'free_text',
  access_notes: 'free_text',
  cancellationReason: 'free_text',
  cancellation_reason: 'free_text',
  reason: 'free_text',
  serviceRequested: 'free_text',
  service_requested: 'free_text',
};

function maskField(view: PersonalDataView, key: string, value: unknown): unknown {
  const kind = Object.hasOwn(FIELD_KINDS, key) ? FIELD_KINDS[key]! : null;
  if (kind === null || !view[kind] || value === null || value === undefined) return maskPersonalFields(view, value);
  if (typeof value === 'string' && key === 'email') return maskEmail(value);
  if (typeof value === 'string' && key === 'phone') return maskPhone(value);
  return WITHHELD;
}

/** A copy of `value` with every personal field the view masks masked, at any depth. */
export function maskPersonalFields<T>(view: PersonalDataView, value: T): T {
  if (!masksAny(view) || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => maskPersonalFields(view, item)) as T;
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, maskField(view, key, v)])) as T;
}

const SEARCH_FIELD_KIND: Readonly<Record<SearchField, PersonalDataKind | null>> = { name: null, email: 'contact', phone: 'contact' };

/** The fields `q` may match for this view: only those it sees in full. */
export function searchableFields(view: PersonalDataView): SearchField[] {
  return SEARCH_FIELDS.filter((field) => {
    const kind = SEARCH_FIELD_KIND[field];
    return kind === null || !view[kind];
  });
}
