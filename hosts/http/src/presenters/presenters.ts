/** Domain objects → the JSON the API returns (snake_case, ISO dates, no internal fields). */
import { NOTIFICATION_KINDS, notificationEnabled, type AuditEntry, type Client, type ClientAddress, type Lead, type OrgSettings, type Page, type PostalAddress, type ServiceAddress } from '@cws/core';

import { FULL_VIEW, showEmail, showFreeText, showPhone, showStreet, type PresentOptions } from './pii-masking.js';

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

export function postalAddressJson(a: PostalAddress, view: PresentOptions = FULL_VIEW) {
  return {
    line1: showStreet(view, a.line1),
    line2: showStreet(view, a.line2),
    city: a.city,
    region: a.region,
    postal_code: a.postalCode,
    country: a.country,
  };
}

/** The address form leads and clients share: label, postal fields, access notes (masked for viewers). */
export function serviceAddressJson(a: ServiceAddress, view: PresentOptions = FULL_VIEW) {
  return { label: a.label, ...postalAddressJson(a, view), access_notes: showFreeText(view, a.accessNotes) };
}

export function leadJson(l: Lead, view: PresentOptions = FULL_VIEW) {
  return {
    id: l.id,
    org_id: l.orgId,
    name: l.name,
    email: showEmail(view, l.email),
    phone: showPhone(view, l.phone),
    source: l.source,
    status: l.status,
    notes: showFreeText(view, l.notes),
    // Typed by whoever sent the public form: it can hold anything about them.
    service_requested: showFreeText(view, l.serviceRequested),
    address: l.address === null ? null : serviceAddressJson(l.address, view),
    converted_client_id: l.convertedClientId,
    converted_at: iso(l.convertedAt),
    archived_at: iso(l.archivedAt),
    created_at: l.createdAt.toISOString(),
    updated_at: l.updatedAt.toISOString(),
  };
}

export function addressJson(a: ClientAddress, view: PresentOptions = FULL_VIEW) {
  return {
    id: a.id,
    ...serviceAddressJson(a, view),
    is_primary: a.isPrimary,
    created_at: a.createdAt.toISOString(),
    updated_at: a.updatedAt.toISOString(),
  };
}

export function clientJson(c: Client, view: PresentOptions = FULL_VIEW) {
  return {
    id: c.id,
    org_id: c.orgId,
    name: c.name,
    email: showEmail(view, c.email),
    phone: showPhone(view, c.phone),
    notes: showFreeText(view, c.notes),
    source_lead_id: c.sourceLeadId,
    archived_at: iso(c.archivedAt),
    created_at: c.createdAt.toISOString(),
    updated_at: c.updatedAt.toISOString(),
    addresses: c.addresses.map((a) => addressJson(a, view)),
  };
}

export function auditJson(e: AuditEntry) {
  return {
    id: e.id,
    org_id: e.orgId,
    actor_kind: e.actorKind,
    actor_id: e.actorId,
    admin_role: e.actorRole,
    action: e.action,
    resource_type: e.resourceType,
    resource_id: e.resourceId,
    before: e.before,
    after: e.after,
    metadata: e.metadata,
    request_id: e.requestId,
    created_at: e.createdAt.toISOString(),
  };
}

export function orgSettingsJson(s: OrgSettings) {
  return {
    org_id: s.orgId,
    time_zone: s.timeZone,
    currency: s.currency,
    lead_auto_archive_days: s.leadAutoArchiveDays,
    locale: s.locale,
    notifications: Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, notificationEnabled(s, kind)])),
    dunning_days: [...s.dunningDays],
    updated_at: s.updatedAt.toISOString(),
  };
}

export function pageJson<T, J>(page: Page<T>, toJson: (item: T) => J) {
  return { items: page.items.map(toJson), next_cursor: page.nextCursor };
}
