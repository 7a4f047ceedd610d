/**
 * Contract conformance (issue 9): the served OpenAPI document against the running server.
 *
 * For every operation of the document, requests the document calls valid are generated from it
 * alone (request body schema, query, path and header parameters, every `$ref` resolved against
 * its components) with json-schema-faker, checked with ajv before they are sent (an input the
 * generator got wrong is retried, never blamed on the server), and sent as the operation's
 * audience: staff (a Bearer session, or legacy Basic Auth where the document allows it and the
 * admin role holds the permission), the worker portal, or nobody. Path ids and id fields are
 * drawn from records the route fuzz seeded, so most requests reach the use case.
 *
 * Each answer is judged twice:
 *   - accepted: a 2xx, or an error a `DOMAIN_RULES` entry lists (a rule a schema cannot state:
 *     an id that names nothing, a state conflict, a cross-field rule). Matching is exact on
 *     operation, status and code, and for a 422 every field error's pointer must be one the rule
 *     names, so a disagreement between schema and server cannot hide behind a rule. Anything
 *     else (400, a 422 or 409 no rule lists, any 5xx) is a finding;
 *   - described: the status must be declared for the operation, the content type declared for
 *     that status, and the body (2xx and problem+json alike) valid against the declared schema
 *     (ajv, JSON Schema 2020-12, formats checked).
 *
 * Reproducible: one seed (CONFORMANCE_SEED) fixes every input; CONFORMANCE_RUNS sets the
 * requests per operation.
 */
import { randomUUID } from 'node:crypto';
import { Agent } from 'node:http';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsPkg from 'ajv-formats';
import { generate, type JsonSchema as FakerSchema, type Random } from 'json-schema-faker';
import type { RouteDefinition } from '@cws/host-http';
import { BASIC_USERS, PASSWORDS, type ApiHarness } from '../api-harness.js';
import { excerpt, hashOf, seedFuzzOrg, send, sessionFor, type Seeded, type Session, type WireRequest } from '../fuzz/route-fuzz.js';
import { ID_POOL_BY_FIELD, idPoolOfPath } from '../fuzz/schema-arbitraries.js';

const addFormats = addFormatsPkg.default;

type Json = Record<string, any>;

// ------------------------------------------------------------------ domain rules

/**
 * An error answer to a schema-valid request that is right all the same: a rule the schema cannot
 * express. For a 422, every entry of the answer's `errors[]` must be covered by a rule: its
 * pointer one of `pointers` (`*` stands for one segment, an array index) and its detail matched
 * by `detail`, so a field refused for another reason than the rule's (a format the schema and
 * the server read differently) is still a finding.
 */
export interface DomainRule {
  /** The operation, or `*` for every operation. */
  readonly operationId: string;
  readonly status: number;
  readonly code: string;
  /** 422 (required there): the fields the rule names in `errors[]`. */
  readonly pointers?: readonly string[];
  /** 422 (required there): the wording of the rule in `errors[].detail`. */
  readonly detail?: RegExp;
  readonly reason: string;
}

const notFound = (code: string, what: string): DomainRule => ({ operationId: '*', status: 404, code, reason: `the request names ${what} that does not exist in this org (a random id, or one an earlier request removed)` });

/** A 422 of one field for one reason: the rule's pointer(s) and its wording. */
const field = (operationId: string, pointers: readonly string[], detail: RegExp, reason: string): DomainRule => ({ operationId, status: 422, code: 'validation.failed', pointers, detail, reason });

/** A state the request meets but cannot change (409). */
const conflict = (operationId: string, code: string, reason: string): DomainRule => ({ operationId, status: 409, code, reason });

export const DOMAIN_RULES: readonly DomainRule[] = [
  // A provider webhook: only the provider can sign it (the signature needs its auth token).
  { operationId: 'receiveTwilioSms', status: 403, code: 'auth.forbidden', reason: 'the request is not signed by Twilio (X-Twilio-Signature needs the auth token)' },
  { operationId: 'receiveStripeWebhook', status: 400, code: 'payment.webhook_invalid', reason: 'the request is not signed by Stripe (Stripe-Signature needs the webhook secret)' },
  { operationId: 'receiveStripeWebhook', status: 503, code: 'payment.not_configured', reason: 'the host under test has no Stripe settings' },
  // Ids: the schema says "a UUID"; whether a row has it is the database's to say.
  notFound('lead.not_found', 'a lead'),
  notFound('client.not_found', 'a client'),
  notFound('client.address_not_found', 'an address (of this client)'),
  notFound('team.not_found', 'a team'),
  notFound('worker.not_found', 'a worker'),
  notFound('service.not_found', 'a service'),
  notFound('blackout.not_found', 'a blackout'),
  notFound('booking.not_found', 'a booking (or a job of this worker)'),
  notFound('series.not_found', 'a booking series'),
  notFound('identity.user_not_found', 'a user (a member of this org)'),
  notFound('iam.invitation_not_found', 'an invitation'),
  notFound('org.not_found', 'an organisation'),
  notFound('invoice.not_found', 'an invoice'),
  { operationId: 'docsAsset', status: 404, code: 'route.not_found', reason: 'only the files of the bundled Redoc build exist; any other name is a missing file' },
  { operationId: 'problemType', status: 404, code: 'route.not_found', reason: 'only the problem codes the API answers with have a page' },

  // Secrets the server issued: a generated one matches nothing.
  { operationId: 'login', status: 401, code: 'auth.invalid_credentials', reason: 'the email and password must be those of an account' },
  { operationId: 'skipBookingSeriesOccurrence', status: 409, code: 'booking.invalid_transition', reason: 'the occurrence on that date was already cancelled or has happened' },
  { operationId: 'workerPortalLogin', status: 401, code: 'auth.invalid_credentials', reason: 'the login and password must be those of a worker of the org' },
  { operationId: 'refreshSession', status: 401, code: 'auth.token_invalid', reason: 'a refresh token is a secret the server issued at sign-in' },
  { operationId: 'acceptInvitation', status: 401, code: 'auth.token_invalid', reason: 'an invitation token is a secret the server mailed' },
  { operationId: 'confirmPasswordReset', status: 401, code: 'auth.token_invalid', reason: 'a reset token is a secret the server mailed' },
  { operationId: 'confirmSecondFactorReset', status: 401, code: 'auth.token_invalid', reason: 'a reset token is a secret the server mailed' },
  field('changePassword', ['/current_password'], /^is not correct$/, 'current_password must be the caller’s password'),
  field('enrollTotp', ['/current_password'], /^is not correct$/, 'current_password must be the caller’s password'),
  field('workerPortalChangePassword', ['/current_password'], /^is not correct$/, 'current_password must be the worker’s password'),
  ...['changePassword', 'enrollTotp', 'workerPortalChangePassword'].map(
    (op): DomainRule => ({ operationId: op, status: 429, code: 'request.rate_limited', reason: 'every generated current_password is wrong, and wrong passwords spend the account’s attempt budget' }),
  ),
  ...['inviteUser', 'changeUserRole', 'resetUserPassword', 'deactivateUser', 'logoutUser'].map(
    (op): DomainRule => ({ operationId: op, status: 403, code: 'iam.owner_only', reason: 'only an owner invites or manages an owner (the role asked for, or the member an earlier request made one; Basic Auth calls as admin)' }),
  ),
  conflict('verifyTotp', 'identity.mfa_not_enrolled', 'a code can only be verified after an enrolment started (the generated enrolments carry a wrong password)'),
  field('workerPortalLogin', ['/org'], /^is required: name your organisation by its slug$/, 'without org the server signs in to DEFAULT_ORG_ID or its only org; the test host has many orgs and no default'),

  // Lists and windows: cursors are opaque, and the order and span of two fields is a rule between them.
  field('*', ['/cursor'], /^is not a cursor returned by this API$/, 'a cursor is an opaque token from next_cursor; a made-up one names no page'),
  field('*', ['/created_to'], /^must be after (createdFrom|created_from)$/, 'created_to must be after created_from (a rule between two fields)'),
  ...['listLeads', 'listClients'].flatMap((op): DomainRule[] => [
    { operationId: op, status: 422, code: 'search.too_broad', pointers: ['/q'], detail: /^matches too much to check in time/, reason: 'a text search has a time budget; whether a q fits it depends on the data' },
    { operationId: op, status: 429, code: 'search.busy', reason: 'too many text searches are running at once' },
  ]),
  field('*', ['/end'], /^must be after start$/, 'end must be after start (a rule between two fields)'),
  field('*', ['/end'], /^must be at most \d+ hours after start$/, 'a window or a booking has a longest span (a rule between two fields)'),

  // Leads.
  field('createLead', ['/email'], /^an email or a phone is required$/, 'a lead needs an email or a phone (a rule between two fields)'),
  field('updateLead', ['/email'], /^an email or a phone is required$/, 'a lead must stay reachable by email or phone (a rule between two fields and the stored lead)'),
  field('submitPublicLead', ['/email'], /^an email or a phone is required$/, 'a lead needs an email or a phone (a rule between two fields)'),
  conflict('convertLead', 'lead.already_converted', 'a lead is converted once (an earlier request converted it)'),
  conflict('convertLead', 'lead.archived', 'archived leads are frozen'),
  conflict('updateLead', 'lead.already_converted', 'converted leads are frozen'),
  conflict('updateLead', 'lead.archived', 'archived leads are frozen'),

  // Clients.
  field('createClient', ['/addresses'], /^at most one address can be primary$/, 'at most one primary address (a rule across the items of addresses)'),
  field('updateClientAddress', ['/is_primary'], /^mark another address primary instead of unmarking this one$/, 'a client keeps one primary address: it moves, it is not unset (a rule on the stored addresses)'),
  conflict('removeClientAddress', 'client.address_in_use', 'an address bookings still use cannot be removed'),
  field('addClientAddress', ['/'], /^a client can have at most \d+ addresses$/, 'a client has at most 20 addresses (a rule on the stored addresses)'),

  // Invoices.
  { operationId: 'getPublicInvoice', status: 404, code: 'invoice.link_invalid', reason: 'an invoice link token is a secret the server mailed' },
  ...['createInvoice', 'updateDraftInvoice'].flatMap((op): DomainRule[] => [
    field(op, ['/lines/*/quantity'], /^must have at most 3 decimal places$/, 'a quantity is exact to a thousandth; a JSON number cannot say "3 decimals" (multipleOf 0.001 fails on binary doubles)'),
    field(op, ['/lines', '/lines/*'], /^make a total of at most \d+ minor units/, 'the invoice total has a cap (a rule across the lines)'),
    field(op, ['/lines/*/booking_id'], /^must be one of the invoice’s booking_ids$/, 'a line names a booking of the invoice (a rule between fields)'),
  ]),
  field('createInvoice', ['/lines'], /^must have at least one line/, 'an invoice needs a line or a booking to bill (a rule between two fields)'),
  conflict('createInvoice', 'client.archived', 'archived clients are not invoiced'),
  conflict('createInvoice', 'invoice.booking_not_invoiceable', 'a booking is billed once, and only when completed'),
  conflict('createInvoice', 'invoice.currency_mismatch', 'a booking in another currency cannot be billed in the org’s'),
  conflict('updateDraftInvoice', 'invoice.not_draft', 'only a draft is edited (an earlier request issued or voided it)'),
  conflict('issueInvoice', 'invoice.invalid_transition', 'an invoice is issued once'),
  conflict('voidInvoice', 'invoice.invalid_transition', 'a void or paid invoice cannot be voided'),
  field('createInvoicesFromBookings', ['/to'], /^must (not be before from|be within \d+ days of from \(inclusive\))$/, 'the period is ordered and at most 92 days (a rule between two fields)'),
  field('listInvoices', ['/issued_to'], /^must not be before issuedFrom$/, 'issued_to must not be before issued_from (a rule between two fields)'),

  // Payments.
  notFound('payment.not_found', 'a payment'),
  { operationId: 'createPublicInvoiceCheckout', status: 404, code: 'invoice.link_invalid', reason: 'an invoice link token is a secret the server mailed' },
  { operationId: 'createPublicInvoiceCheckout', status: 429, code: 'request.rate_limited', reason: 'every generated token is invalid, and invalid links spend the address’s budget (shared with the invoice page)' },
  { operationId: 'getPublicInvoice', status: 429, code: 'request.rate_limited', reason: 'every generated token is invalid, and invalid links spend the address’s budget (shared with the pay button)' },
  ...['recordInvoicePayment', 'recordBookingDeposit'].map((op) => field(op, ['/received_at'], /^must not be in the future$/, 'received_at may run at most a minute ahead of the server clock (a rule against now)')),
  ...['createService', 'updateService'].map((op) =>
    field(op, ['/deposit_cents'], /^must be null when deposit_percent_basis is set/, 'a service asks one kind of deposit (a rule between two fields)'),
  ),
  conflict('recordInvoicePayment', 'invoice.invalid_transition', 'a draft or void invoice takes no payment'),
  conflict('refundPayment', 'payment.not_refundable', 'at most what is still refundable (an earlier request may have refunded it)'),
  ...['createInvoiceCheckout', 'createPublicInvoiceCheckout'].flatMap((op): DomainRule[] => [
    conflict(op, 'invoice.invalid_transition', 'a draft or void invoice takes no payment'),
    conflict(op, 'invoice.nothing_outstanding', 'a paid invoice has nothing to check out'),
  ]),
  ...['createInvoiceCheckout', 'createPublicInvoiceCheckout', 'createDepositCheckout', 'refundPayment'].map(
    (op): DomainRule => ({ operationId: op, status: 503, code: 'payment.not_configured', reason: 'the host under test has no Stripe settings' }),
  ),
  ...['recordBookingDeposit', 'createDepositCheckout'].flatMap((op): DomainRule[] => [
    conflict(op, 'deposit.disabled', 'the host under test runs with DEPOSITS_ENABLED off'),
    conflict(op, 'deposit.not_applicable', 'the booking’s service asks no deposit, or it is taken'),
    conflict(op, 'booking.not_plannable', 'a deposit is taken before the visit, on a pending or confirmed booking'),
  ]),

  // Scheduling.
  field('createBlackout', ['/scope'], /^an org-wide blackout names no team or worker$/, 'a blackout’s scope decides which of team_id and worker_id it names (a rule between fields)'),
  field('createBlackout', ['/team_id', '/worker_id'], /^is required for a (team|worker) blackout$/, 'a team or worker blackout needs team_id or worker_id (a rule between fields)'),
  field('updateOrgSettings', ['/time_zone'], /^must be an IANA time zone such as Europe\/London$/, 'the zone must exist in the IANA time zone database (the schema says its form only)'),
  field('createBooking', ['/end'], /^is required when no service gives a duration$/, 'end may be left out only when the service gives the duration (a rule between fields and the stored service)'),
  field('assignBooking', ['/worker_ids'], /^name a team or at least one worker$/, 'an assignment names a team or at least one worker (a rule between two fields)'),
  field('unassignBooking', ['/worker_ids'], /^name a team or at least one worker$/, 'an unassignment names a team or at least one worker (a rule between two fields)'),
  field('changeBookingStatus', ['/reason'], /^(must be a string|must not be empty)$/, 'a cancellation needs a reason (a rule between status and reason)'),
  ...['createBooking', 'updateBooking', 'assignBooking', 'reassignBooking', 'rescheduleBooking'].flatMap((op) => [
    conflict(op, 'booking.blacked_out', 'a blackout covers the time for the worker, team or org'),
    conflict(op, 'booking.slot_unavailable', 'the worker or team is already booked at that time'),
    conflict(op, 'team.inactive', 'an inactive team takes no bookings (an earlier request may have deactivated it)'),
    conflict(op, 'worker.inactive', 'an inactive worker takes no bookings (an earlier request may have deactivated them)'),
  ]),
  ...['updateBookingSeriesFrom', 'skipBookingSeriesOccurrence', 'cancelBookingSeries'].map((op) => conflict(op, 'series.ended', 'an ended (or cancelled) series cannot change')),
  ...['changeBookingStatus', 'cancelBooking', 'workerPortalStartJob', 'workerPortalCompleteJob'].map((op) => conflict(op, 'booking.invalid_transition', 'the booking’s status does not allow that move (an earlier request may have moved it)')),
  field('createBookingSeries', ['/rule'], /^a monthly rule (takes a day of the month or an nth weekday, not both|needs a day of the month or an nth weekday)$/, 'a monthly rule repeats on a day of the month or on an nth weekday: exactly one of the two (a rule between two fields)'),
  field('updateBookingSeriesFrom', ['/rule'], /^a monthly rule (takes a day of the month or an nth weekday, not both|needs a day of the month or an nth weekday)$/, 'a monthly rule repeats on a day of the month or on an nth weekday: exactly one of the two (a rule between two fields)'),
  field('createBookingSeries', ['/duration_minutes'], /^is required when no service gives a duration$/, 'duration_minutes may be left out only when the service gives one (a rule between fields and the stored service)'),
  ...['createBookingSeries', 'updateBookingSeriesFrom'].flatMap((op) => [
    field(op, ['/until'], /^must not be before the start date$/, 'a series ends on or after the date it starts (a rule between two fields)'),
    field(op, ['/'], /^give either count or until, not both$/, 'a series ends after a count or on a date, not both (a rule between two fields)'),
    conflict(op, 'team.inactive', 'an inactive team takes no bookings (an earlier request may have deactivated it)'),
    conflict(op, 'worker.inactive', 'an inactive worker takes no bookings (an earlier request may have deactivated them)'),
  ]),
  conflict('unassignBooking', 'booking.blacked_out', 'the assignees left after the change are under a blackout at that time (every change re-checks the booking)'),
  field('skipBookingSeriesOccurrence', ['/date'], /^is not a date of this series/, 'only a date the series repeats on can be skipped'),
  conflict('replayOutboxEvent', 'outbox.not_dead', 'only a dead event can be replayed (the seeded events are pending; an earlier request may have replayed one)'),
];

// ------------------------------------------------------------------ options and report

export interface ConformanceOptions {
  readonly seed: number;
  /** Valid requests per operation. */
  readonly runs: number;
  /** Only operations whose id matches. */
  readonly only?: RegExp;
  /** Progress lines (one per operation). */
  readonly log?: (line: string) => void;
}

export type FindingKind = 'refused' | 'server-error' | 'undeclared-status' | 'undeclared-content' | 'response-schema' | 'no-answer' | 'not-generated' | 'not-routed';

export interface ConformanceFinding {
  readonly operationId: string;
  readonly kind: FindingKind;
  readonly why: string;
  /** A short, id-free key for grouping (status, code, pointer or schema path). */
  readonly cause: string;
  readonly request: string;
  readonly status: number;
  readonly response: string;
}

export interface OperationStats {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  /** Requests sent. */
  sent: number;
  /** Inputs the generator made that its own schema refused (retried, not sent). */
  regenerated: number;
  /** Answers by status. */
  readonly statuses: Record<string, number>;
  /** Errors accepted, by the rule that accepted them (`status code`). */
  readonly domainRules: Record<string, number>;
  findings: number;
}

export interface ConformanceReport {
  readonly seed: number;
  readonly runs: number;
  readonly operations: number;
  readonly requests: number;
  readonly stats: readonly OperationStats[];
  readonly findings: readonly ConformanceFinding[];
}

export function conformanceOptionsFromEnv(defaults: { seed: number; runs: number }): ConformanceOptions {
  const seed = Number(process.env['CONFORMANCE_SEED'] ?? defaults.seed);
  const runs = Number(process.env['CONFORMANCE_RUNS'] ?? defaults.runs);
  if (!Number.isInteger(seed) || !Number.isInteger(runs) || runs < 1) throw new Error('CONFORMANCE_SEED must be an integer and CONFORMANCE_RUNS a positive integer');
  const only = process.env['CONFORMANCE_ONLY'];
  return { seed, runs, ...(only ? { only: new RegExp(only) } : {}) };
}

// ------------------------------------------------------------------ the document

/** Resolves local `$ref`s (`#/components/...`) of `document`. */
class DocumentRefs {
  constructor(readonly document: Json) {}

  pointer(ref: string): unknown {
    if (!ref.startsWith('#/')) throw new Error(`only local $refs are resolved, not ${ref}`);
    let node: unknown = this.document;
    for (const raw of ref.slice(2).split('/')) {
      const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      if (node === null || typeof node !== 'object' || !(key in node)) throw new Error(`$ref ${ref} names nothing in the document`);
      node = (node as Json)[key];
    }
    return node;
  }

  /** An object that may be a `$ref` to a component (response, parameter), resolved. */
  deref<T = Json>(node: unknown): T {
    let current = node as Json;
    for (let hops = 0; typeof current?.['$ref'] === 'string'; hops++) {
      if (hops > 20) throw new Error('$ref cycle');
      current = this.pointer(current['$ref']) as Json;
    }
    return current as T;
  }
}

/** ajv 2020-12 over the document's components: a validator for any schema of the document. */
class SchemaValidators {
  private readonly ajv: Ajv2020;
  private readonly cache = new Map<string, ValidateFunction>();
  private static readonly DOCUMENT_ID = 'urn:cws:conformance:openapi';

  constructor(document: Json) {
    // Not strict: the document holds OpenAPI words (paths, examples, x-permission) beside the
    // JSON Schema keywords. Strict mode would also refuse unknown formats; they are refused
    // here instead, since an ignored format would check nothing.
    this.ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true, logger: false });
    addFormats(this.ajv);
    const unknown = [...formatsUsed(document)].filter((f) => this.ajv.formats[f] === undefined);
    if (unknown.length > 0) throw new Error(`the document uses formats ajv-formats does not check: ${unknown.join(', ')}`);
    this.ajv.addSchema({ ...document, $id: SchemaValidators.DOCUMENT_ID });
  }

  /** `schema` (from the document; local `$ref`s) as a validator. */
  validator(schema: unknown): ValidateFunction {
    const key = JSON.stringify(schema);
    let validate = this.cache.get(key);
    if (validate === undefined) {
      validate = this.ajv.compile(rebase(schema, SchemaValidators.DOCUMENT_ID) as object);
      this.cache.set(key, validate);
    }
    return validate;
  }

  errors(schema: unknown, value: unknown): ErrorObject[] {
    const validate = this.validator(schema);
    return validate(value) ? [] : [...(validate.errors ?? [])];
  }
}

/** Every `format` of a schema in `node` (a string value of a `format` key outside `properties`). */
function formatsUsed(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => formatsUsed(n, out));
  else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'format' && typeof value === 'string') out.add(value);
      else if (key === 'properties' && value !== null && typeof value === 'object') Object.values(value).forEach((v) => formatsUsed(v, out));
      else formatsUsed(value, out);
    }
  }
  return out;
}

/** `schema` with its local `$ref`s pointing into the document registered as `base`. */
function rebase(schema: unknown, base: string): unknown {
  if (Array.isArray(schema)) return schema.map((s) => rebase(s, base));
  if (schema === null || typeof schema !== 'object') return schema;
  return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `${base}${v}` : rebase(v, base)]));
}

const ajvText = (errors: readonly ErrorObject[], max = 4) =>
  errors
    .slice(0, max)
    .map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}${e.keyword === 'additionalProperties' ? ` (${String((e.params as { additionalProperty?: string }).additionalProperty)})` : ''}`)
    .join('; ');

/** The schema path of an ajv error with indices folded, for grouping. */
const ajvCause = (e: ErrorObject) => `${e.instancePath.replace(/\/\d+(?=\/|$)/g, '/*') || '/'} ${e.keyword}${e.keyword === 'additionalProperties' ? ` ${String((e.params as { additionalProperty?: string }).additionalProperty)}` : ''}`;

interface Operation {
  readonly operationId: string;
  readonly method: string;
  /** OpenAPI form: /v1/admin/leads/{id}. */
  readonly path: string;
  readonly op: Json;
  readonly parameters: readonly Json[];
}

function operationsOf(document: Json, refs: DocumentRefs): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries((document['paths'] ?? {}) as Json)) {
    const shared = ((item as Json)['parameters'] ?? []) as unknown[];
    for (const method of ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']) {
      const op = (item as Json)[method] as Json | undefined;
      if (op === undefined) continue;
      const own = ((op['parameters'] ?? []) as unknown[]).map((p) => refs.deref(p));
      const names = new Set(own.map((p) => `${p['in']}:${p['name']}`));
      const inherited = shared.map((p) => refs.deref(p)).filter((p) => !names.has(`${p['in']}:${p['name']}`));
      out.push({ operationId: String(op['operationId'] ?? `${method} ${path}`), method: method.toUpperCase(), path, op, parameters: [...inherited, ...own] });
    }
  }
  return out;
}

/**
 * What the document itself must be (issue 9): named components, no `$id` anywhere (every named
 * schema is a component, referenced), and every operation with a description, tags and at
 * least one 4xx answer. Answers one line per problem.
 */
export function documentProblems(document: Json): string[] {
  const problems: string[] = [];
  const schemas = document['components']?.['schemas'];
  if (schemas === null || typeof schemas !== 'object' || Object.keys(schemas).length === 0) problems.push('components.schemas is missing or empty');
  const walk = (node: unknown, at: string) => {
    if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${at}/${i}`));
    else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$id') problems.push(`${at} carries $id ${JSON.stringify(value)} (a named schema belongs in components.schemas)`);
        walk(value, `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      }
    }
  };
  walk(document, '#');
  const refs = new DocumentRefs(document);
  for (const { operationId, op } of operationsOf(document, refs)) {
    if (typeof op['description'] !== 'string' || op['description'].trim() === '') problems.push(`${operationId} has no description`);
    if (!Array.isArray(op['tags']) || op['tags'].length === 0) problems.push(`${operationId} has no tags`);
    if (!Object.keys(op['responses'] ?? {}).some((status) => /^4(\d\d|XX)$/.test(status))) problems.push(`${operationId} declares no 4xx answer`);
  }
  return problems;
}

// ------------------------------------------------------------------ generation

/** mulberry32: a small seeded PRNG for the choices the generator does not make. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MINUTE = 60_000;

/**
 * Format generators for instants and dates: json-schema-faker's own draw from 2000 to 2030; these
 * draw from a month ago to two months ahead, on the quarter hour, where bookings and lists live.
 * Still any value of the format: the answers must hold for all of them.
 */
function formats(now: Date): Record<string, (random: Random) => string> {
  const base = Math.floor(now.getTime() / (15 * MINUTE)) * 15 * MINUTE;
  const day = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return {
    'date-time': (random) => new Date(base + random.int(-30 * 96, 60 * 96) * 15 * MINUTE).toISOString(),
    date: (random) => new Date(day + random.int(-7, 60) * 86_400_000).toISOString().slice(0, 10),
  };
}

/** A header carries visible ASCII only: other characters of a generated value are mapped onto letters. */
const fieldValue = (text: string) => [...text].map((ch) => (/^[!-~]$/.test(ch) ? ch : String.fromCharCode(0x61 + ((ch.codePointAt(0) ?? 0) % 26)))).join('');

interface Pools {
  readonly ids: Readonly<Record<string, readonly string[]>>;
  /** Each client's addresses, for /clients/{id}/addresses/{addressId}. */
  readonly addressesOf: Readonly<Record<string, readonly string[]>>;
}

/** The pool of a path's `{id}`, from the collection before it (the fuzz's names, and invitations). */
function poolOfIdPath(path: string): string | null {
  if (/\/invitations\/\{id\}(\/|$)/.test(path)) return 'invitation';
  return idPoolOfPath(path.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1'));
}

/** The pool an id field draws from, by the name of the field (the last non-index segment of its pointer). */
function poolOfPointer(pointer: string): string | null {
  const segments = pointer.split('/').filter((s) => s !== '' && !/^\d+$/.test(s));
  const name = segments[segments.length - 1];
  return name === undefined ? null : (ID_POOL_BY_FIELD[name] ?? null);
}

class RequestGenerator {
  private readonly formats: Record<string, (random: Random) => string>;

  constructor(
    private readonly refs: DocumentRefs,
    private readonly validators: SchemaValidators,
    private readonly pools: Pools,
    now: Date,
  ) {
    this.formats = formats(now);
  }

  /** A value of `schema`, with uuid fields named like ids drawn from the seeded records. */
  async value(schema: unknown, seed: number, pick: () => number): Promise<unknown> {
    return generate(schema as FakerSchema, {
      seed,
      formats: this.formats,
      optionalsProbability: 0.6,
      maxDefaultItems: 3,
      refResolver: (ref) => this.refs.pointer(ref) as FakerSchema,
      outputTransform: (value, s, pointer) => {
        if (typeof value !== 'string' || typeof s !== 'object' || s === null || s['format'] !== 'uuid') return value;
        const pool = poolOfPointer(pointer);
        const ids = pool === null ? undefined : this.pools.ids[pool];
        return ids !== undefined && ids.length > 0 ? ids[Math.floor(pick() * ids.length)] : value;
      },
    });
  }

  /** One request of `operation` the document calls valid, or why none could be made. */
  async request(operation: Operation, seed: number): Promise<{ input: GeneratedInput; regenerated: number } | { error: string; regenerated: number }> {
    let regenerated = 0;
    let lastError = '';
    for (let attempt = 0; attempt < 8; attempt++) {
      const attemptSeed = (seed + attempt * 7919) | 0;
      const pick = prng(attemptSeed ^ 0x5bd1e995);
      try {
        const input = await this.attempt(operation, attemptSeed, pick);
        const invalid = this.invalidity(operation, input);
        if (invalid === null) return { input, regenerated };
        lastError = invalid;
      } catch (err) {
        lastError = `json-schema-faker: ${(err as Error).message}`;
      }
      regenerated++;
    }
    return { error: lastError, regenerated };
  }

  private async attempt(operation: Operation, seed: number, pick: () => number): Promise<GeneratedInput> {
    const path: Record<string, string> = {};
    const query: Record<string, unknown> = {};
    const headers: Record<string, string> = {};
    let n = 0;
    const poolOfPath = poolOfIdPath(operation.path);
    for (const parameter of operation.parameters) {
      const name = String(parameter['name']);
      const where = parameter['in'];
      const required = parameter['required'] === true || where === 'path';
      if (!required && pick() < 0.4) continue;
      let value = await this.value(parameter['schema'] ?? {}, (seed + ++n * 104729) | 0, pick);
      if (where === 'path') {
        const ids = name === 'id' && poolOfPath !== null ? this.pools.ids[poolOfPath] : name === 'addressId' ? this.pools.addressesOf[path['id'] ?? ''] : undefined;
        if (ids !== undefined && ids.length > 0) value = ids[Math.floor(pick() * ids.length)];
        path[name] = typeof value === 'string' ? value : JSON.stringify(value);
      } else if (where === 'query') {
        if (value !== null) query[name] = value;
      } else if (where === 'header') {
        headers[name] = fieldValue(typeof value === 'string' ? value : JSON.stringify(value));
      }
    }
    let body: GeneratedInput['body'] = null;
    const requestBody = operation.op['requestBody'] === undefined ? null : this.refs.deref(operation.op['requestBody']);
    if (requestBody !== null && (requestBody['required'] === true || pick() < 0.75)) {
      const { media, schema } = bodyMedia(requestBody);
      body = { media, value: await this.value(schema ?? {}, (seed + 31337) | 0, pick) };
    }
    return { path, query, headers, body };
  }

  /** Why `input` is not valid by the document itself, or null. */
  private invalidity(operation: Operation, input: GeneratedInput): string | null {
    for (const parameter of operation.parameters) {
      const name = String(parameter['name']);
      const where = parameter['in'];
      const bag: Record<string, unknown> = where === 'path' ? input.path : where === 'query' ? input.query : where === 'header' ? input.headers : {};
      if (!(name in bag)) {
        if (parameter['required'] === true) return `required ${where} parameter ${name} missing`;
        continue;
      }
      const errors = this.validators.errors(parameter['schema'] ?? {}, bag[name]);
      if (errors.length > 0) return `${where} parameter ${name}: ${ajvText(errors)}`;
    }
    if (input.body !== null) {
      const requestBody = this.refs.deref(operation.op['requestBody']);
      const errors = this.validators.errors(bodyMedia(requestBody).schema ?? {}, input.body.value);
      if (errors.length > 0) return `body: ${ajvText(errors)}`;
    }
    return null;
  }
}

interface GeneratedInput {
  readonly path: Record<string, string>;
  readonly query: Record<string, unknown>;
  readonly headers: Record<string, string>;
  readonly body: { media: BodyMedia; value: unknown } | null;
}

type BodyMedia = 'application/json' | 'application/x-www-form-urlencoded';

/** The media type a request body is sent as (JSON where the operation takes it, else a form) and its schema. */
function bodyMedia(requestBody: Json): { media: BodyMedia; schema: Json | undefined } {
  const content = (requestBody['content'] ?? {}) as Json;
  const media: BodyMedia = content['application/json'] === undefined && content['application/x-www-form-urlencoded'] !== undefined ? 'application/x-www-form-urlencoded' : 'application/json';
  return { media, schema: content[media]?.['schema'] };
}

/** A body as its media type writes it: JSON, or a form of the object's fields (non-strings as JSON). */
function bodyText(body: { media: BodyMedia; value: unknown }): string {
  if (body.media === 'application/json') return JSON.stringify(body.value);
  const fields = Object.entries((body.value ?? {}) as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)] as [string, string]);
  return new URLSearchParams(fields).toString();
}

/** Query parameters as OpenAPI's default (style form, explode): arrays repeat the name. */
function queryString(query: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    for (const v of Array.isArray(value) ? value : [value]) parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v))}`);
  }
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}

// ------------------------------------------------------------------ judging

export interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

/** Why the answer is not what the document declares for it, or null. */
function describedProblem(operation: Operation, answer: Answer, refs: DocumentRefs, validators: SchemaValidators): { kind: FindingKind; why: string; cause: string } | null {
  const responses = (operation.op['responses'] ?? {}) as Json;
  const declared = responses[String(answer.status)] ?? responses[`${String(answer.status).charAt(0)}XX`] ?? responses['default'];
  if (declared === undefined) {
    return { kind: 'undeclared-status', why: `status ${answer.status} is not declared (declared: ${Object.keys(responses).join(', ')})`, cause: `${answer.status} ${problemCode(answer) ?? ''}`.trim() };
  }
  const response = refs.deref(declared);
  const content = (response['content'] ?? {}) as Json;
  const media = answer.contentType.split(';')[0]!.trim().toLowerCase();
  if (Object.keys(content).length === 0) {
    return answer.text === '' ? null : { kind: 'undeclared-content', why: `status ${answer.status} declares no body, but ${media || 'an untyped'} body came`, cause: `${answer.status} body ${media}` };
  }
  const entry = (content[media] ?? content[`${media.split('/')[0]}/*`] ?? content['*/*']) as Json | undefined;
  if (entry === undefined) {
    return { kind: 'undeclared-content', why: `content type ${media || '(none)'} is not declared for ${answer.status} (declared: ${Object.keys(content).join(', ')})`, cause: `${answer.status} ${media || 'no content type'}` };
  }
  if (entry['schema'] === undefined) return null;
  let value: unknown = answer.text;
  if (media.includes('json')) {
    try {
      value = JSON.parse(answer.text);
    } catch {
      return { kind: 'response-schema', why: `${media} body is not JSON`, cause: `${answer.status} not JSON` };
    }
  }
  const errors = validators.errors(entry['schema'], value);
  if (errors.length === 0) return null;
  const schemaName = typeof entry['schema']['$ref'] === 'string' ? String(entry['schema']['$ref']).split('/').pop() : 'its inline schema';
  return { kind: 'response-schema', why: `${answer.status} body does not match ${schemaName}: ${ajvText(errors)}`, cause: `${answer.status} ${schemaName}: ${ajvCause(errors[0]!)}` };
}

/** Why an answer to `operationId` is not what the document declares (null: it is), for checking the checker. */
export function answerProblem(document: Json, operationId: string, answer: Answer): string | null {
  const refs = new DocumentRefs(document);
  const operation = operationsOf(document, refs).find((o) => o.operationId === operationId);
  if (operation === undefined) throw new Error(`the document has no operation ${operationId}`);
  return describedProblem(operation, answer, refs, new SchemaValidators(document))?.why ?? null;
}

interface ProblemBody {
  readonly code?: unknown;
  readonly errors?: ReadonlyArray<{ pointer?: unknown; detail?: unknown; in?: unknown }>;
}

function problemOf(answer: Answer): ProblemBody | null {
  if (!answer.contentType.includes('json')) return null;
  try {
    const body = JSON.parse(answer.text) as unknown;
    return body !== null && typeof body === 'object' ? (body as ProblemBody) : null;
  } catch {
    return null;
  }
}

const problemCode = (answer: Answer) => {
  const code = problemOf(answer)?.code;
  return typeof code === 'string' ? code : null;
};

const pointersOf = (problem: ProblemBody | null) => fieldErrorsOf(problem).map((e) => e.pointer);

const fieldErrorsOf = (problem: ProblemBody | null) => (Array.isArray(problem?.errors) ? problem.errors.map((e) => ({ pointer: String(e?.pointer ?? ''), detail: String(e?.detail ?? '') })) : []);

const pointerMatches = (pattern: string, pointer: string) => {
  const a = pattern.split('/');
  const b = pointer.split('/');
  return a.length === b.length && a.every((seg, i) => seg === '*' || seg === b[i]);
};

/** The rules that accept an error answer of `operationId` (empty: it is a finding). */
export function matchingRules(operationId: string, status: number, problem: ProblemBody | null, rules: readonly DomainRule[] = DOMAIN_RULES): DomainRule[] {
  const code = typeof problem?.code === 'string' ? problem.code : null;
  const candidates = rules.filter((r) => (r.operationId === '*' || r.operationId === operationId) && r.status === status && r.code === code);
  if (status !== 422) return candidates;
  const errors = fieldErrorsOf(problem);
  if (errors.length === 0) return candidates.filter((r) => r.pointers !== undefined && r.pointers.length === 0);
  const used = new Set<DomainRule>();
  for (const error of errors) {
    const rule = candidates.find((r) => (r.pointers ?? []).some((p) => pointerMatches(p, error.pointer)) && r.detail !== undefined && r.detail.test(error.detail));
    if (rule === undefined) return [];
    used.add(rule);
  }
  return [...used];
}

/** `422 validation.failed /email (must be an email address)`: status, code and each field error, indices folded. */
const causeOfRefusal = (answer: Answer) => {
  const fields = [...new Set(fieldErrorsOf(problemOf(answer)).map((e) => `${e.pointer.replace(/\/\d+(?=\/|$)/g, '/*')} (${excerpt(e.detail, 70)})`))].sort();
  return `${answer.status} ${problemCode(answer) ?? '(no code)'}${fields.length > 0 ? ` ${fields.join(', ')}` : ''}`;
};

function render(operation: Operation, input: GeneratedInput, authorization: string | null, extraHeaders: Record<string, string>, n: number): WireRequest {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json, */*', 'x-forwarded-for': `192.0.2.${(n % 250) + 1}`, ...extraHeaders, ...input.headers };
  if (authorization !== null) headers['authorization'] = authorization;
  const path = operation.path.replace(/\{([A-Za-z0-9_]+)\}/g, (_: string, name: string) => encodeURIComponent(input.path[name] ?? ''));
  const text = input.body === null ? undefined : bodyText(input.body);
  if (input.body !== null) headers['content-type'] = input.body.media;
  return { method: operation.method, path: `${path}${queryString(input.query)}`, headers, ...(text !== undefined ? { body: Buffer.from(text, 'utf8') } : {}) };
}

function describeRequest(req: WireRequest): string {
  const headers = Object.entries(req.headers)
    .filter(([k]) => !['authorization', 'x-forwarded-for', 'accept', 'content-type'].includes(k))
    .map(([k, v]) => `${k}: ${excerpt(v, 60)}`);
  const auth = req.headers['authorization']?.split(' ')[0];
  return `${req.method} ${excerpt(req.path, 300)}${auth ? ` (${auth})` : ''}${headers.length ? ` [${headers.join('; ')}]` : ''}${req.body ? ` ${excerpt(req.body.toString('utf8'), 500)}` : ''}`;
}

// ------------------------------------------------------------------ the run

/**
 * A worker portal session with a password of the worker's own (the fuzz's session keeps the
 * temporary password staff set, which only reaches the routes allowed before a change): the
 * seeded portal worker's (their jobs are the seeded bookings), or with `ownAccount` a new
 * worker's, for operations whose wrong `current_password`s would lock the account they check.
 */
async function workerSession(seeded: Seeded, ownAccount: boolean): Promise<Session> {
  let { id, email } = seeded.portalWorker;
  if (ownAccount) {
    email = `conformance-${randomUUID().slice(0, 8)}@conformance.example.com`;
    id = (await seeded.org.worker({ email })).id as string;
  }
  const session: Session = {
    authorization: null,
    renew: async () => {
      // An earlier operation may have deactivated the worker or reset their password: undo both.
      await seeded.org.call('PATCH', `/v1/admin/workers/${id}`, { body: { active: true, email } });
      session.authorization = `Bearer ${await seeded.org.portalPassword(id, email, `Conformance-${randomUUID()}`)}`;
    },
  };
  await session.renew();
  return session;
}

/**
 * The order operations run in: the document's, except that operations which end what they touch
 * (DELETE, archive, cancel, deactivate, revoke, logout) run last, so the others find the seeded
 * records still open.
 */
/** Whether the operation's body checks the caller's own password. */
function checksOwnPassword(operation: Operation, refs: DocumentRefs): boolean {
  const body = operation.op['requestBody'] === undefined ? null : refs.deref(operation.op['requestBody']);
  const schema = body === null ? null : refs.deref(body['content']?.['application/json']?.['schema']);
  return schema !== null && typeof schema === 'object' && 'current_password' in ((schema as Json)['properties'] ?? {});
}

const ENDING = /\/(archive|cancel|deactivate|revoke|logout)$/;
const runOrder = (ops: readonly Operation[]) => [...ops.filter((o) => !(o.method === 'DELETE' || ENDING.test(o.path))), ...ops.filter((o) => o.method === 'DELETE' || ENDING.test(o.path))];

/** Extra records beyond the fuzz's: invitations, and each client's addresses. */
async function morePools(h: ApiHarness, seeded: Seeded): Promise<Pools> {
  const other = await h.newOrg();
  const invitations: string[] = [];
  for (let i = 0; i < 2; i++) {
    const member = await h.staff(other.id, 'viewer');
    const invited = await h.runtime.core.iam.inviteUser.execute(
      { orgId: seeded.org.orgId, actor: { kind: 'staff', id: 'conformance-setup', role: 'owner' }, requestId: `conformance-${i}`, now: new Date() },
      { email: member.email, role: 'dispatcher' },
    );
    if (invited.kind === 'invitation') invitations.push(invited.invitation.id);
  }
  const addressesOf: Record<string, string[]> = {};
  for (const id of seeded.hints.ids['client'] ?? []) {
    const client = await seeded.org.expect(200, 'GET', `/v1/admin/clients/${id}`);
    addressesOf[id] = (client.addresses as Array<{ id: string }>).map((a) => a.id);
  }
  return { ids: { ...seeded.hints.ids, invitation: invitations }, addressesOf };
}


export async function runConformance(h: ApiHarness, document: Json, options: ConformanceOptions): Promise<ConformanceReport> {
  const refs = new DocumentRefs(document);
  const validators = new SchemaValidators(document);
  const seeded = await seedFuzzOrg(h);
  const pools = await morePools(h, seeded);
  const generator = new RequestGenerator(refs, validators, pools, seeded.hints.now);
  const baseUrl = new URL(h.server.url);
  const agent = new Agent({ keepAlive: true, maxSockets: 2 });
  const routes = new Map<string, RouteDefinition>(h.http.routes.map((r) => [r.operationId, r]));
  const findings: ConformanceFinding[] = [];
  const stats: OperationStats[] = [];
  let requests = 0;
  let sharedStaff: Session | null = null;
  try {
    for (const operation of runOrder(operationsOf(document, refs))) {
      if (options.only !== undefined && !options.only.test(operation.operationId)) continue;
      const stat: OperationStats = { operationId: operation.operationId, method: operation.method, path: operation.path, sent: 0, regenerated: 0, statuses: {}, domainRules: {}, findings: 0 };
      stats.push(stat);
      const finding = (f: Omit<ConformanceFinding, 'operationId'>) => {
        findings.push({ operationId: operation.operationId, ...f });
        stat.findings++;
      };
      const route = routes.get(operation.operationId);
      if (route === undefined) {
        finding({ kind: 'not-routed', why: 'the document has an operation the server has no route for', cause: 'no route', request: `${operation.method} ${operation.path}`, status: 0, response: '' });
        continue;
      }
      // Staff operations share one owner's session, except those that act on the caller's own
      // sign-in (/v1/auth: logout, passwords, second factor), which get an owner of their own.
      const ownSession = route.audience !== 'staff' || operation.path.startsWith('/v1/auth/');
      const session: Session =
        route.audience === 'worker' ? await workerSession(seeded, checksOwnPassword(operation, refs)) : ownSession ? await sessionFor(h, route, seeded) : (sharedStaff ??= await sessionFor(h, route, seeded));
      const security = (operation.op['security'] ?? document['security'] ?? []) as Json[];
      const basicAllowed = security.some((s) => 'basicAuth' in s) && ((operation.op['x-roles'] ?? []) as string[]).includes('admin');
      const opSeed = (options.seed + hashOf(operation.operationId)) | 0;
      let generated = 0;
      let lastGenerationError = '';
      for (let run = 0; run < options.runs; run++) {
        const made = await generator.request(operation, (opSeed + run * 1_000_003) | 0);
        stat.regenerated += made.regenerated;
        if ('error' in made) {
          lastGenerationError = made.error;
          continue;
        }
        generated++;
        // Basic Auth (legacy) on odd runs where the document offers it to a role that may call.
        const useBasic = basicAllowed && run % 2 === 1;
        const basic = `Basic ${Buffer.from(`${BASIC_USERS.admin}:${PASSWORDS.admin}`).toString('base64')}`;
        const sendOnce = () => {
          const wire = render(operation, made.input, useBasic ? basic : session.authorization, useBasic ? { 'x-test-org': seeded.org.orgId } : {}, requests);
          return send(baseUrl, agent, wire).then((answer) => ({ wire, answer }));
        };
        let sent: { wire: WireRequest; answer: Answer };
        try {
          sent = await sendOnce();
          // An earlier request of this operation ended the session (logout, a new password):
          // sign in afresh and send the same request again.
          if (sent.answer.status === 401 && !useBasic && route.audience !== 'public' && route.audience !== 'infra') {
            await session.renew();
            sent = await sendOnce();
          }
        } catch (err) {
          finding({ kind: 'no-answer', why: `no answer: ${(err as Error).message}`, cause: 'no answer', request: `${operation.method} ${operation.path}`, status: 0, response: '' });
          continue;
        }
        const { wire, answer } = sent;
        requests++;
        stat.sent++;
        stat.statuses[answer.status] = (stat.statuses[answer.status] ?? 0) + 1;
        const request = describeRequest(wire);
        const response = excerpt(answer.text, 600);
        const described = describedProblem(operation, answer, refs, validators);
        if (described !== null) finding({ ...described, request, status: answer.status, response });
        if (answer.status >= 200 && answer.status < 300) continue;
        if (answer.status >= 500) {
          finding({ kind: 'server-error', why: `answered ${answer.status} to a valid request`, cause: causeOfRefusal(answer), request, status: answer.status, response });
          continue;
        }
        const rules = matchingRules(operation.operationId, answer.status, problemOf(answer));
        if (rules.length > 0) {
          for (const rule of rules) {
            const key = `${rule.status} ${rule.code}${rule.pointers ? ` ${rule.pointers.join(',')}` : ''}`;
            stat.domainRules[key] = (stat.domainRules[key] ?? 0) + 1;
          }
          continue;
        }
        finding({ kind: 'refused', why: `refused a request the document calls valid: ${causeOfRefusal(answer)}`, cause: causeOfRefusal(answer), request, status: answer.status, response });
      }
      if (generated === 0) {
        finding({ kind: 'not-generated', why: `no valid request could be generated from the document: ${lastGenerationError}`, cause: 'not generated', request: `${operation.method} ${operation.path}`, status: 0, response: '' });
      }
      const counts = Object.entries(stat.statuses)
        .map(([s, n]) => `${s}×${n}`)
        .join(' ');
      options.log?.(`${operation.method.padEnd(6)} ${operation.path.padEnd(48)} ${counts.padEnd(24)} findings: ${stat.findings}${stat.regenerated ? ` (regenerated ${stat.regenerated})` : ''}`);
    }
  } finally {
    agent.destroy();
  }
  return { seed: options.seed, runs: options.runs, operations: stats.length, requests, stats, findings };
}

// ------------------------------------------------------------------ reporting

/** Findings grouped by operation, the first `perOperation` of each with request and response. */
export function formatConformanceFindings(report: ConformanceReport, perOperation = 3): string {
  const byOperation = new Map<string, ConformanceFinding[]>();
  for (const f of report.findings) byOperation.set(f.operationId, [...(byOperation.get(f.operationId) ?? []), f]);
  const sections = [...byOperation].map(([operationId, list]) => {
    const causes = summarizeCauses(list);
    const shown = list.slice(0, perOperation).map((f) => `    - [${f.kind}] ${f.why}\n      ${f.request}\n      → ${f.status} ${f.response}`);
    return `  ${operationId}: ${list.length} finding(s) — ${causes}\n${shown.join('\n')}`;
  });
  return `${report.findings.length} finding(s) in ${byOperation.size} operation(s), ${report.requests} requests, seed ${report.seed} (rerun with CONFORMANCE_SEED=${report.seed} CONFORMANCE_RUNS=${report.runs}):\n${sections.join('\n')}`;
}

function summarizeCauses(list: readonly ConformanceFinding[]): string {
  const counts = new Map<string, number>();
  for (const f of list) counts.set(`${f.kind}: ${f.cause}`, (counts.get(`${f.kind}: ${f.cause}`) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([cause, n]) => `${cause} ×${n}`)
    .join('; ');
}

/** One line per operation: requests, answers by status, domain rules applied, findings and their causes. */
export function formatConformanceSummary(report: ConformanceReport): string {
  const lines = report.stats.map((s) => {
    const statuses = Object.entries(s.statuses)
      .map(([status, n]) => `${status}×${n}`)
      .join(' ');
    const list = report.findings.filter((f) => f.operationId === s.operationId);
    return `${s.operationId.padEnd(30)} sent ${String(s.sent).padStart(3)}  ${statuses.padEnd(26)} findings ${String(list.length).padStart(3)}${list.length ? `  ${summarizeCauses(list)}` : ''}`;
  });
  return lines.join('\n');
}

/**
 * Rules that cannot apply: a code the document's Problem schema does not list (renamed), an
 * operation the document does not have, or a 422 without pointers.
 */
export function deadRules(document: Json, rules: readonly DomainRule[] = DOMAIN_RULES): string[] {
  const codes = new Set<string>((document['components']?.['schemas']?.['Problem']?.['properties']?.['code']?.['enum'] ?? []) as string[]);
  const operations = new Set(operationsOf(document, new DocumentRefs(document)).map((o) => o.operationId));
  return rules.flatMap((r) => {
    const label = `${r.operationId} ${r.status} ${r.code}`;
    const out: string[] = [];
    if (!codes.has(r.code)) out.push(`${label}: the document has no problem code ${r.code}`);
    if (r.operationId !== '*' && !operations.has(r.operationId)) out.push(`${label}: the document has no operation ${r.operationId}`);
    if (r.status === 422 && (r.pointers === undefined || r.detail === undefined)) out.push(`${label}: a 422 rule must name its pointers and its detail`);
    if (r.reason.trim() === '') out.push(`${label}: no reason`);
    return out;
  });
}
