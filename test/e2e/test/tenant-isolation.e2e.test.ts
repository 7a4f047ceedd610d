/**
 * No staff route reveals or changes another org's rows. The matrix is generated from the host's
 * route table: a new staff route fails this suite until it says how to call it here. For each
 * route, an OWNER of org B (every permission there) presents org A's ids (in the path, or in the
 * body); the answer must be the same as for an id that exists nowhere, lists must hold none of
 * A's rows, and A's rows — leads, clients, settings, members, audit — must be unchanged after.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { onEachDatabase, utcDay, type ApiClient, type ApiHarness } from '@cws/e2e-tests';
import type { TestDatabase } from '@cws/test-support';

interface Ids {
  lead: string;
  client: string;
  address: string;
  /** A member of the org (not its owner). */
  user: string;
  org: string;
  team: string;
  worker: string;
  service: string;
  blackout: string;
  booking: string;
  series: string;
  invitation: string;
  /** A dead outbox event. */
  outboxEvent: string;
  /** An issued invoice with a payment its books do not count yet (a reconcile would change it). */
  invoice: string;
  /** An invoice issued through the API and paid (over) by cheque. */
  paidInvoice: string;
  /** A manual payment on an issued invoice. */
  payment: string;
}

// Every day here counts from one reading of the clock: a run that crossed midnight UTC once asked
// the board for 15 days (start read before midnight, end after) and got 422 instead of 404.
const TODAY = utcDay(0);
const day = (n: number) => new Date(TODAY.getTime() + n * 86_400_000);
/** Scheduling rows of the seeded orgs lie in [WINDOW_START, WINDOW_END). */
const WINDOW_START = TODAY.toISOString();
const WINDOW_END = day(40).toISOString();
const WINDOW = `start=${encodeURIComponent(WINDOW_START)}&end=${encodeURIComponent(WINDOW_END)}`;
const DAY_3 = day(3);
const slot = (hour: number) => new Date(DAY_3.getTime() + hour * 3_600_000).toISOString();
const SLOT = `start=${encodeURIComponent(slot(9))}&end=${encodeURIComponent(slot(12))}`;
const dateIn = (days: number) => day(days).toISOString().slice(0, 10);

/** How to call each staff route: the ids it takes from `ids` and a valid body. */
const CALLS: Record<string, (ids: Ids) => { path: string; body?: unknown }> = {
  getProfile: () => ({ path: '/v1/admin/profile' }),
  getOrgSettings: () => ({ path: '/v1/admin/org/settings' }),
  updateOrgSettings: () => ({ path: '/v1/admin/org/settings', body: { time_zone: 'Asia/Tokyo' } }),
  listAuditLogs: () => ({ path: '/v1/admin/audit-logs?limit=200' }),
  listLeads: () => ({ path: '/v1/admin/leads?archived=include&limit=200' }),
  createLead: () => ({ path: '/v1/admin/leads', body: { name: 'B lead', email: 'b@example.com' } }),
  getLead: (i) => ({ path: `/v1/admin/leads/${i.lead}` }),
  updateLead: (i) => ({ path: `/v1/admin/leads/${i.lead}`, body: { name: 'Hijacked' } }),
  archiveLead: (i) => ({ path: `/v1/admin/leads/${i.lead}/archive` }),
  convertLead: (i) => ({ path: `/v1/admin/leads/${i.lead}/convert` }),
  listClients: () => ({ path: '/v1/admin/clients?archived=include&limit=200' }),
  createClient: () => ({ path: '/v1/admin/clients', body: { name: 'B client' } }),
  getClient: (i) => ({ path: `/v1/admin/clients/${i.client}` }),
  updateClient: (i) => ({ path: `/v1/admin/clients/${i.client}`, body: { name: 'Hijacked' } }),
  addClientAddress: (i) => ({ path: `/v1/admin/clients/${i.client}/addresses`, body: { line1: 'Hijack St', city: 'Nowhere' } }),
  updateClientAddress: (i) => ({ path: `/v1/admin/clients/${i.client}/addresses/${i.address}`, body: { line1: 'Hijack St' } }),
  removeClientAddress: (i) => ({ path: `/v1/admin/clients/${i.client}/addresses/${i.address}` }),
  getJobsStatus: () => ({ path: '/v1/admin/jobs/status' }),
  logout: () => ({ path: '/v1/auth/logout' }),
  getMe: () => ({ path: '/v1/auth/me' }),
  switchOrg: (i) => ({ path: '/v1/auth/switch-org', body: { org_id: i.org } }),
  changePassword: () => ({ path: '/v1/auth/change-password', body: { current_password: 'not-the-password', new_password: 'Another-long-passphrase-9' } }),
  enrollTotp: () => ({ path: '/v1/auth/2fa/enroll', body: { current_password: 'not-the-password' } }),
  verifyTotp: () => ({ path: '/v1/auth/2fa/verify', body: { code: '000000' } }),
  disableTotp: (i) => ({ path: '/v1/auth/2fa/disable', body: { user_id: i.user } }),
  listUsers: () => ({ path: '/v1/iam/users' }),
  inviteUser: () => ({ path: '/v1/iam/users', body: { email: `new-${randomUUID().slice(0, 8)}@example.com`, role: 'viewer' } }),
  resetUserPassword: (i) => ({ path: `/v1/iam/users/${i.user}/reset-password` }),
  changeUserRole: (i) => ({ path: `/v1/iam/users/${i.user}`, body: { role: 'admin' } }),
  deactivateUser: (i) => ({ path: `/v1/iam/users/${i.user}/deactivate` }),
  logoutUser: (i) => ({ path: `/v1/iam/users/${i.user}/logout` }),
  listInvitations: () => ({ path: '/v1/iam/invitations' }),
  resendInvitation: (i) => ({ path: `/v1/iam/invitations/${i.invitation}/resend` }),
  revokeInvitation: (i) => ({ path: `/v1/iam/invitations/${i.invitation}/revoke` }),
  startBreakGlass: () => ({ path: '/v1/admin/break-glass/start', body: { reason: 'isolation test incident', ttl_minutes: 5 } }),
  getConfig: () => ({ path: '/v1/admin/config' }),
  getFeatureFlags: () => ({ path: '/v1/admin/feature-flags' }),
  listTeams: () => ({ path: '/v1/admin/teams' }),
  createTeam: () => ({ path: '/v1/admin/teams', body: { name: 'B team' } }),
  updateTeam: (i) => ({ path: `/v1/admin/teams/${i.team}`, body: { name: 'Hijacked', active: false } }),
  listWorkers: () => ({ path: '/v1/admin/workers' }),
  createWorker: () => ({ path: '/v1/admin/workers', body: { name: 'B worker' } }),
  getWorker: (i) => ({ path: `/v1/admin/workers/${i.worker}` }),
  updateWorker: (i) => ({ path: `/v1/admin/workers/${i.worker}`, body: { name: 'Hijacked', active: false } }),
  setWorkerPortalPassword: (i) => ({ path: `/v1/admin/workers/${i.worker}/portal-password` }),
  listServices: () => ({ path: '/v1/admin/services' }),
  createService: () => ({ path: '/v1/admin/services', body: { name: 'B service', duration_minutes: 60, price_minor: 100 } }),
  updateService: (i) => ({ path: `/v1/admin/services/${i.service}`, body: { price_minor: 1 } }),
  listBlackouts: () => ({ path: `/v1/admin/blackouts?${WINDOW}` }),
  createBlackout: (i) => ({ path: '/v1/admin/blackouts', body: { scope: 'worker', worker_id: i.worker, start: slot(0), end: slot(24), reason: 'Hijack' } }),
  deleteBlackout: (i) => ({ path: `/v1/admin/blackouts/${i.blackout}` }),
  listBookings: () => ({ path: `/v1/admin/bookings?${WINDOW}&limit=200` }),
  createBooking: (i) => ({ path: '/v1/admin/bookings', body: { client_id: i.client, start: slot(9), end: slot(12), worker_ids: [i.worker] } }),
  getBooking: (i) => ({ path: `/v1/admin/bookings/${i.booking}` }),
  updateBooking: (i) => ({ path: `/v1/admin/bookings/${i.booking}`, body: { notes: 'Hijacked' } }),
  assignBooking: (i) => ({ path: `/v1/admin/bookings/${i.booking}/assign`, body: { team_id: i.team } }),
  unassignBooking: (i) => ({ path: `/v1/admin/bookings/${i.booking}/unassign`, body: { worker_ids: [i.worker] } }),
  reassignBooking: (i) => ({ path: `/v1/admin/bookings/${i.booking}/reassign`, body: { worker_ids: [] } }),
  rescheduleBooking: (i) => ({ path: `/v1/admin/bookings/${i.booking}/reschedule`, body: { start: slot(15) } }),
  changeBookingStatus: (i) => ({ path: `/v1/admin/bookings/${i.booking}/status`, body: { status: 'confirmed' } }),
  cancelBooking: (i) => ({ path: `/v1/admin/bookings/${i.booking}/cancel`, body: { reason: 'Hijack' } }),
  getBookingHistory: (i) => ({ path: `/v1/admin/bookings/${i.booking}/history` }),
  createBookingSeries: (i) => ({
    path: '/v1/admin/booking-series',
    body: { client_id: i.client, rule: { freq: 'weekly', weekdays: ['mon'] }, start_date: dateIn(1), time: '09:00', duration_minutes: 60, count: 2, worker_ids: [i.worker] },
  }),
  getBookingSeries: (i) => ({ path: `/v1/admin/booking-series/${i.series}` }),
  updateBookingSeriesFrom: (i) => ({ path: `/v1/admin/booking-series/${i.series}/update-from`, body: { from_date: dateIn(4), time: '11:00' } }),
  skipBookingSeriesOccurrence: (i) => ({ path: `/v1/admin/booking-series/${i.series}/skip`, body: { date: dateIn(4) } }),
  cancelBookingSeries: (i) => ({ path: `/v1/admin/booking-series/${i.series}/cancel`, body: { from_date: dateIn(4), reason: 'Hijack' } }),
  checkScheduleConflicts: (i) => ({ path: `/v1/admin/schedule/conflicts?${SLOT}&team_id=${i.team}` }),
  suggestScheduleAssignees: (i) => ({ path: `/v1/admin/schedule/suggestions?${SLOT}&booking_id=${i.booking}` }),
  getScheduleBoard: (i) => ({ path: `/v1/admin/schedule/board?start=${encodeURIComponent(WINDOW_START)}&end=${encodeURIComponent(day(14).toISOString())}&team_id=${i.team}` }),
  listAssignmentQueue: () => ({ path: '/v1/admin/queue/assignments?days=30&limit=200' }),
  listOutboxDeadLetters: () => ({ path: '/v1/admin/outbox/dead-letter?limit=200' }),
  replayOutboxEvent: (i) => ({ path: `/v1/admin/outbox/${i.outboxEvent}/replay`, body: { reason: 'Hijack' } }),
  getDeadLetterQueue: () => ({ path: '/v1/admin/queue/dlq?kind=all&limit=200' }),
  listStripeEvents: () => ({ path: '/v1/admin/finance/reconcile/stripe-events?limit=200' }),
  listInvoices: () => ({ path: '/v1/admin/invoices?limit=200' }),
  createInvoice: (i) => ({ path: '/v1/admin/invoices', body: { client_id: i.client, lines: [{ description: 'Hijack', quantity: 1, unit_price_cents: 100, tax_rate_basis: 0 }] } }),
  createInvoicesFromBookings: () => ({ path: '/v1/admin/invoices/batch', body: { from: dateIn(-30), to: dateIn(0) } }),
  getInvoice: (i) => ({ path: `/v1/admin/invoices/${i.invoice}` }),
  getInvoicePdf: (i) => ({ path: `/v1/admin/invoices/${i.invoice}.pdf` }),
  updateDraftInvoice: (i) => ({ path: `/v1/admin/invoices/${i.paidInvoice}`, body: { notes: 'Hijacked' } }),
  issueInvoice: (i) => ({ path: `/v1/admin/invoices/${i.paidInvoice}/issue` }),
  voidInvoice: (i) => ({ path: `/v1/admin/invoices/${i.paidInvoice}/void`, body: { reason: 'Hijack' } }),
  getInvoiceReconcileReport: () => ({ path: '/v1/admin/finance/reconcile/invoices?status=all&limit=200' }),
  reconcileInvoice: (i) => ({ path: `/v1/admin/finance/invoices/${i.invoice}/reconcile` }),
  getInvoiceQueue: () => ({ path: '/v1/admin/queue/invoices?status=all&limit=200' }),
  recordInvoicePayment: (i) => ({ path: `/v1/admin/invoices/${i.invoice}/payments`, body: { method: 'cash', amount_cents: 100 } }),
  listInvoicePayments: (i) => ({ path: `/v1/admin/invoices/${i.invoice}/payments` }),
  refundPayment: (i) => ({ path: `/v1/admin/payments/${i.payment}/refund`, body: {} }),
  createInvoiceCheckout: (i) => ({ path: `/v1/admin/invoices/${i.invoice}/checkout` }),
  getClientCredit: (i) => ({ path: `/v1/admin/clients/${i.client}/credit` }),
  recordBookingDeposit: (i) => ({ path: `/v1/admin/bookings/${i.booking}/deposit`, body: { method: 'cash', amount_cents: 100 } }),
  createDepositCheckout: (i) => ({ path: `/v1/admin/bookings/${i.booking}/deposit/checkout` }),
};

/** An issued, unpaid, overdue invoice of the org's client with a succeeded payment stored but not settled. */
async function unsettledInvoice(h: ApiHarness, orgId: string, clientId: string, label: string): Promise<string> {
  const id = randomUUID();
  const ctx = { orgId, actor: { kind: 'system' as const, id: 'e2e-seed', role: null }, requestId: `seed-${id}`, now: new Date() };
  const at = new Date('2026-01-01T12:00:00Z');
  await h.runtime.ports.uow.run(ctx, async (repos) => {
    await repos.invoices.insert({
      id, orgId, clientId, number: `INV-2026-${id.slice(0, 6)}`, status: 'OVERDUE', currency: 'USD', issueDate: '2026-01-01', dueDate: '2026-01-15',
      paymentTermsDays: 14, notes: `${label} secret invoice notes`,
      lines: [{ id: randomUUID(), position: 0, description: `${label} secret line`, quantityMilli: 1000, unitPriceCents: 9000, taxRateBasis: 0, lineTotalCents: 9000, lineTaxCents: 0, bookingId: null }],
      bookingIds: [], subtotalCents: 9000, taxableSubtotalCents: 0, taxCents: 0, taxRateBasis: 0, totalCents: 9000, paidCents: 0,
      sentAt: at, paidAt: null, voidedAt: null, voidReason: null, createdAt: at, updatedAt: at,
    });
    await repos.payments.insert({
      id: randomUUID(), orgId, invoiceId: id, bookingId: null, clientId, provider: 'manual', method: 'cash', purpose: 'balance', status: 'succeeded',
      amountCents: 4000, refundedCents: 0, refundPendingCents: 0, refundPendingKey: null, currency: 'USD', reference: `${label} secret ref`, providerReference: null, checkoutSessionId: null,
      failureMessage: null, receivedAt: at, providerUpdatedAt: null, recordedBy: null, createdAt: at, updatedAt: at,
    });
  });
  return id;
}

/** A mail event of the org given up on, as the delivery job leaves it (dead, attempts spent). */
async function deadOutboxEvent(h: ApiHarness, db: TestDatabase, orgId: string, label: string): Promise<string> {
  const id = randomUUID();
  const ctx = { orgId, actor: { kind: 'system' as const, id: 'e2e-seed', role: null }, requestId: `seed-${id}`, now: new Date() };
  const payload = { kind: 'email' as const, message: { template: 'password_reset' as const, to: `secret-${label}@example.com`, toName: null, data: { expiresAt: '2030-01-01T00:00:00Z' }, sealedSecret: null } };
  await h.runtime.ports.uow.run(ctx, (repos) => repos.outbox.enqueue({ id, orgId, dedupeKey: `e2e:${id}:reset`, payload, createdAt: ctx.now }));
  await db.ownerKnex.raw(`UPDATE outbox_events SET status = 'dead', attempts = 25, last_error = 'refused' WHERE id = ?`, [id]);
  return id;
}

async function seedOrg(h: ApiHarness, db: TestDatabase, orgId: string, label: string): Promise<Ids> {
  const { api } = h;
  const member = await h.staff(orgId, 'dispatcher', { email: `member-${label}-${randomUUID().slice(0, 8)}@example.com` });
  // An open invitation to someone who has an account elsewhere.
  const elsewhere = await h.staff((await h.newOrg()).id, 'viewer', { email: `invitee-${label}-${randomUUID().slice(0, 8)}@example.com` });
  const invited = await api.call('POST', '/v1/iam/users', { org: orgId, body: { email: elsewhere.email, role: 'finance' } });
  if (invited.status !== 202) throw new Error(`seeding an invitation answered ${invited.status}: ${invited.text}`);
  const lead = await api.call('POST', '/v1/admin/leads', { org: orgId, body: { name: `${label} secret lead`, email: `secret-${label}@example.com`, phone: '+15550009999' } });
  const client = await api.call('POST', '/v1/admin/clients', {
    org: orgId,
    body: { name: `${label} secret client`, email: `client-${label}@example.com`, addresses: [{ line1: `1 ${label} Private Rd`, city: 'Hidden' }] },
  });
  const expect201 = async (path: string, body: unknown) => {
    const r = await api.call('POST', path, { org: orgId, body });
    if (r.status !== 201) throw new Error(`seeding ${path} answered ${r.status}: ${r.text}`);
    return r.body;
  };
  const team = await expect201('/v1/admin/teams', { name: `${label} secret team` });
  const worker = await expect201('/v1/admin/workers', { name: `${label} secret worker`, email: `worker-${label}@example.com`, team_id: team.id });
  const service = await expect201('/v1/admin/services', { name: `${label} secret service`, duration_minutes: 60, price_minor: 5000 });
  const blackout = await expect201('/v1/admin/blackouts', { scope: 'worker', worker_id: worker.id, start: slot(18), end: slot(20), reason: `${label} secret leave` });
  const booking = await expect201('/v1/admin/bookings', { client_id: client.body.id, service_id: service.id, start: slot(9), end: slot(12), team_id: team.id, notes: `${label} secret notes` });
  // Occurrences with nobody on them: they sit in the org's assignments queue.
  const draft = await expect201('/v1/admin/invoices', { client_id: client.body.id, lines: [{ description: `${label} secret work`, quantity: 1, unit_price_cents: 9000, tax_rate_basis: 0 }] });
  const issued = await api.call('POST', `/v1/admin/invoices/${draft.id}/issue`, { org: orgId });
  if (issued.status !== 200) throw new Error(`issuing answered ${issued.status}: ${issued.text}`);
  const paid = await expect201(`/v1/admin/invoices/${draft.id}/payments`, { method: 'cheque', amount_cents: 9500, reference: `${label} secret cheque` });
  const series = await expect201('/v1/admin/booking-series', { client_id: client.body.id, rule: { freq: 'weekly', weekdays: ['mon', 'thu'] }, start_date: dateIn(1), time: '07:00', duration_minutes: 60, count: 4 });
  return {
    lead: lead.body.id,
    client: client.body.id,
    address: client.body.addresses[0].id,
    user: member.userId,
    org: orgId,
    team: team.id,
    worker: worker.id,
    service: service.id,
    blackout: blackout.id,
    booking: booking.id,
    series: series.series.id,
    invitation: invited.body.invitation.id,
    outboxEvent: await deadOutboxEvent(h, db, orgId, label),
    invoice: await unsettledInvoice(h, orgId, client.body.id, label),
    paidInvoice: draft.id,
    payment: paid.payment.id,
  };
}

async function snapshotOf(api: ApiClient, orgId: string, ids: Ids) {
  return {
    lead: (await api.call('GET', `/v1/admin/leads/${ids.lead}`, { org: orgId })).body,
    client: (await api.call('GET', `/v1/admin/clients/${ids.client}`, { org: orgId })).body,
    settings: (await api.call('GET', '/v1/admin/org/settings', { org: orgId })).body,
    members: (await api.call('GET', '/v1/iam/users', { org: orgId })).body,
    invitations: (await api.call('GET', '/v1/iam/invitations', { org: orgId })).body,
    audit: (await api.call('GET', '/v1/admin/audit-logs?limit=200', { org: orgId })).body.items.length,
    teams: (await api.call('GET', '/v1/admin/teams', { org: orgId })).body,
    worker: (await api.call('GET', `/v1/admin/workers/${ids.worker}`, { org: orgId })).body,
    services: (await api.call('GET', '/v1/admin/services', { org: orgId })).body,
    blackouts: (await api.call('GET', `/v1/admin/blackouts?${WINDOW}`, { org: orgId })).body,
    bookings: (await api.call('GET', `/v1/admin/bookings?${WINDOW}&limit=200`, { org: orgId })).body,
    series: (await api.call('GET', `/v1/admin/booking-series/${ids.series}`, { org: orgId })).body,
    deadLetters: (await api.call('GET', '/v1/admin/queue/dlq?limit=200', { org: orgId })).body,
    reconcile: (await api.call('GET', '/v1/admin/finance/reconcile/invoices?status=all&limit=200', { org: orgId })).body,
    invoiceQueue: (await api.call('GET', '/v1/admin/queue/invoices?limit=200', { org: orgId })).body,
    invoiceView: (await api.call('GET', `/v1/admin/invoices/${ids.invoice}`, { org: orgId })).body,
    invoices: (await api.call('GET', '/v1/admin/invoices?limit=200', { org: orgId })).body,
    payments: (await api.call('GET', `/v1/admin/invoices/${ids.invoice}/payments`, { org: orgId })).body,
    credit: (await api.call('GET', `/v1/admin/clients/${ids.client}/credit`, { org: orgId })).body,
    paidInvoice: (await api.call('GET', `/v1/admin/invoices/${ids.paidInvoice}`, { org: orgId })).body,
  };
}

onEachDatabase('tenant isolation over HTTP', (h, db) => {
  it('has a call for every staff route (a new route must be added to this matrix)', () => {
    const staff = h().http.routes.filter((r) => r.audience === 'staff').map((r) => r.operationId);
    expect(staff.filter((id) => CALLS[id] === undefined), 'staff routes missing from the isolation matrix').to.deep.equal([]);
  });

  it("org B can neither read nor change org A's leads, clients, addresses, settings, members or schedule through any route", async function () {
    this.timeout(120_000);
    const api = h().api;
    const a = await h().newOrg();
    const b = await h().newOrg();
    const idsA = await seedOrg(h(), db(), a.id, 'a');
    await seedOrg(h(), db(), b.id, 'b');
    const ownerB = await h().staff(b.id, 'owner');
    const nowhere: Ids = {
      lead: randomUUID(),
      client: randomUUID(),
      address: randomUUID(),
      user: randomUUID(),
      org: randomUUID(),
      team: randomUUID(),
      worker: randomUUID(),
      service: randomUUID(),
      blackout: randomUUID(),
      booking: randomUUID(),
      series: randomUUID(),
      invitation: randomUUID(),
      outboxEvent: randomUUID(),
      invoice: randomUUID(),
      payment: randomUUID(),
      paidInvoice: randomUUID(),
    };
    const before = await snapshotOf(api, a.id, idsA);
    const asB = async (method: string, call: { path: string; body?: unknown }) => {
      // A fresh session each time: some routes end the caller's session.
      const session = await h().signIn({ email: ownerB.email, password: ownerB.password, orgId: b.id });
      return api.call(method, call.path, { token: session.accessToken, ...(call.body !== undefined ? { body: call.body } : {}) });
    };

    for (const route of h().http.routes.filter((r) => r.audience === 'staff')) {
      const foreign = CALLS[route.operationId]!(idsA);
      const label = `${route.method} ${route.path}`;
      const answer = await asB(route.method, foreign);
      expect(answer.status, `${label} must not fail on the server`).to.be.below(500);
      expect(answer.status, `${label} must not refuse B's owner wholesale`).to.not.equal(401);
      const sent = foreign.path + JSON.stringify(foreign.body ?? null);
      if (!sent.includes(a.id)) expect(answer.text, `${label} leaked org A's id`).to.not.include(a.id);
      for (const id of Object.values(idsA)) {
        // Echoing back an id the caller sent reveals nothing; any other id of A would.
        if (!sent.includes(id)) expect(answer.text, `${label} leaked an id of org A`).to.not.include(id);
      }
      expect(answer.text).to.not.include('secret-a@example.com');
      expect(answer.text).to.not.include('member-a-');
      expect(answer.text).to.not.include('invitee-a-');
      expect(answer.text).to.not.include('a secret');
      const sentIdOfA = Object.entries(idsA).some(([kind, id]) => kind !== 'org' && sent.includes(id));
      if (sentIdOfA) {
        const random = CALLS[route.operationId]!(nowhere);
        const control = await asB(route.method, random);
        expect(answer.status, `${label}: a foreign id answers like a missing one`).to.equal(control.status);
        expect(answer.body.code, label).to.equal(control.body.code);
        expect(answer.status, `${label}: ${answer.text}`).to.equal(404);
      }
    }
    const switched = await asB('POST', CALLS['switchOrg']!(idsA));
    expect(switched.status, 'switching into an org one is not a member of').to.equal(403);

    // Ids of org A inside a body are as unknown to B as ids in a path.
    const bLead = await api.call('POST', '/v1/admin/leads', { org: b.id, body: { name: 'B lead 2', phone: '5550002222' } });
    const link = await api.call('POST', `/v1/admin/leads/${bLead.body.id}/convert`, { org: b.id, body: { client_id: idsA.client } });
    expect(link.status).to.equal(404);
    expect(link.body.code).to.equal('client.not_found');

    expect(await snapshotOf(api, a.id, idsA), "org A's rows changed").to.deep.equal(before);
  });
});
