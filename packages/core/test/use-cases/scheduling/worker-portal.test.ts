import { expect } from 'chai';
import type { Booking, Client, PortalSession, RequestContext, Service, WorkerView } from '@cws/core';
import { LOGIN_FAILURES_BY_IP } from '@cws/core';
import { auditRows, expectAppError, expectInvalid, T0 } from '../../support/core-fixture.js';
import { MINUTE } from '../../support/fixed-clock.js';
import { PORTAL_PASSWORD, schedulingFixture, TUE, UNKNOWN_ID, utc, WORKER_IP, type SchedulingFixture } from '../../support/scheduling-fixture.js';

/** T0 is Monday 2026-03-02 09:30 UTC. */
const MON = '2026-03-02';

describe('Worker portal use cases', () => {
  let fx: SchedulingFixture;
  let orgId: string;
  let client: Client;
  let service: Service;
  let wendy: WorkerView;
  let otto: WorkerView;

  /** A portal request's context (no staff actor; the org comes from the portal's address). */
  const portal = (org = orgId): RequestContext => ({ orgId: org, actor: { kind: 'public', id: 'worker-portal', role: null }, requestId: 'req-portal', now: fx.clock.now() });
  const signIn = (login: unknown, password: unknown = PORTAL_PASSWORD, clientIp = WORKER_IP, org = orgId) =>
    fx.core.workerPortal.signIn.execute({ requestId: 'req-portal', now: fx.clock.now() }, { orgId: org, login, password, clientIp });
  /** The session a host issues after a sign-in: issued now. */
  const sessionOf = (worker: { id: string }): PortalSession => ({ workerId: worker.id, issuedAt: fx.clock.now() });
  const setPassword = (worker: { id: string }, password: string | undefined = PORTAL_PASSWORD) =>
    fx.core.workforce.setWorkerPassword.execute(fx.ctx(orgId), { id: worker.id, ...(password === undefined ? {} : { password }) });

  beforeEach(async () => {
    fx = schedulingFixture();
    orgId = await fx.newOrg('acme');
    client = await fx.client(orgId, { name: 'Mrs Smith', phone: '+44 113 496 0000' });
    service = await fx.service(orgId, { name: 'Deep clean' });
    wendy = await fx.worker(orgId, { name: 'Wendy', phone: '+44 7700 900123', email: 'wendy@example.com' });
    otto = await fx.worker(orgId, { name: 'Otto', phone: '+447700900999', email: 'otto@example.com' });
    await setPassword(wendy);
    await setPassword(otto, 'Otto-Scrubs-Floors-1');
    fx.clock.advance(MINUTE);
  });

  const book = (date: string, start: string, end: string, extra: Record<string, unknown> = {}) =>
    fx.book(orgId, client.id, utc(date, start), utc(date, end), { workerIds: [wendy.id], serviceId: service.id, ...extra });

  describe('WorkerSignIn', () => {
    it('signs in by phone, whatever its formatting, and audits worker.portal_login as the worker', async () => {
      const { worker } = await signIn(' +44 (7700) 900-123 ');
      expect(worker).to.deep.include({ id: wendy.id, name: 'Wendy', hasPortalPassword: true });
      expect(worker).not.to.have.property('portalPasswordHash');
      const rows = auditRows(fx, orgId).filter((r) => r.action === 'worker.portal_login');
      expect(rows.map((r) => [r.actorKind, r.actorId, r.actorRole, r.resourceType, r.resourceId, r.metadata])).to.deep.equal([
        ['worker', wendy.id, null, 'worker', wendy.id, { ip: WORKER_IP }],
      ]);
    });

    it('signs in by email, case and spaces ignored', async () => {
      expect((await signIn('  WENDY@Example.COM ')).worker.id).to.equal(wendy.id);
      expect((await signIn('otto@example.com', 'Otto-Scrubs-Floors-1')).worker.id).to.equal(otto.id);
    });

    it('auth.invalid_credentials alike for a wrong password, an unknown login, and a worker without a portal password', async () => {
      const nopass = await fx.worker(orgId, { name: 'Nia', email: 'nia@example.com' });
      const wrong = await expectAppError(signIn('wendy@example.com', 'Not-Her-Password-1'), 'auth.invalid_credentials');
      const unknown = await expectAppError(signIn('nobody@example.com'), 'auth.invalid_credentials');
      const none = await expectAppError(signIn(nopass.email), 'auth.invalid_credentials');
      const othersPassword = await expectAppError(signIn('wendy@example.com', 'Otto-Scrubs-Floors-1'), 'auth.invalid_credentials');
      expect(new Set([wrong.message, unknown.message, none.message, othersPassword.message]).size).to.equal(1);
      expect(auditRows(fx, orgId).filter((r) => r.action === 'worker.portal_login')).to.deep.equal([]);
    });

    it('refuses an inactive worker with the right password', async () => {
      await fx.core.workforce.updateWorker.execute(fx.ctx(orgId), { id: wendy.id, active: false });
      await expectAppError(signIn('wendy@example.com'), 'auth.invalid_credentials');
    });

    it('looks only in the portal’s org', async () => {
      const otherOrg = await fx.newOrg('other');
      await expectAppError(signIn('wendy@example.com', PORTAL_PASSWORD, WORKER_IP, otherOrg), 'auth.invalid_credentials');
      const twin = await fx.worker(otherOrg, { name: 'Other Wendy', email: 'wendy@example.com' });
      await fx.core.workforce.setWorkerPassword.execute(fx.ctx(otherOrg), { id: twin.id, password: 'Another-Org-Broom-55' });
      expect((await signIn('wendy@example.com', 'Another-Org-Broom-55', WORKER_IP, otherOrg)).worker.id).to.equal(twin.id);
      await expectAppError(signIn('wendy@example.com', 'Another-Org-Broom-55'), 'auth.invalid_credentials');
    });

    it('request.rate_limited after 10 failures for a login, even with the right password, until the block ends', async () => {
      for (let i = 0; i < 10; i += 1) await expectAppError(signIn('wendy@example.com', 'wrong-password-xx', `203.0.113.${i}`), 'auth.invalid_credentials');
      const err = await expectAppError(signIn('wendy@example.com', PORTAL_PASSWORD, '192.0.2.1'), 'request.rate_limited');
      expect(err.retryAfterSeconds).to.be.greaterThan(0).and.at.most(15 * 60);
      // The same worker by phone is another login key.
      await signIn('+447700900123', PORTAL_PASSWORD, '192.0.2.2');
      fx.clock.advance(15 * MINUTE);
      await signIn('wendy@example.com', PORTAL_PASSWORD, '192.0.2.1');
    });

    it('request.rate_limited after 10 failures from one address, whatever the login', async () => {
      for (let i = 0; i < 10; i += 1) await expectAppError(signIn(`stranger${i}@example.com`), 'auth.invalid_credentials');
      await expectAppError(signIn('wendy@example.com'), 'request.rate_limited');
      await signIn('wendy@example.com', PORTAL_PASSWORD, '192.0.2.1');
      // The portal's own bucket: staff sign-ins from that address are not held back.
      expect((await fx.limiter.peek(LOGIN_FAILURES_BY_IP, WORKER_IP)).allowed).to.equal(true);
    });

    it('a success resets the login’s failures', async () => {
      for (let i = 0; i < 9; i += 1) await expectAppError(signIn('wendy@example.com', 'wrong-password-xx', `203.0.113.${i}`), 'auth.invalid_credentials');
      await signIn('wendy@example.com', PORTAL_PASSWORD, '192.0.2.1');
      for (let i = 0; i < 9; i += 1) await expectAppError(signIn('wendy@example.com', 'wrong-password-xx', `198.51.100.${i}`), 'auth.invalid_credentials');
      await signIn('wendy@example.com', PORTAL_PASSWORD, '192.0.2.2');
    });

    it('validation.failed: a phone or an email, and a password string', async () => {
      await expectInvalid(signIn('', 'x'), ['/login']);
      await expectInvalid(signIn(undefined, 'x'), ['/login']);
      await expectInvalid(signIn('wendy@', 'x'), ['/login']);
      await expectInvalid(signIn('12', 'x'), ['/login']);
      await expectInvalid(signIn('wendy@example.com', 12345), ['/password']);
    });
  });

  describe('sessions', () => {
    it('the profile answers for a live session', async () => {
      await signIn('wendy@example.com');
      const profile = await fx.core.workerPortal.profile.execute(portal(), sessionOf(wendy));
      expect(profile).to.deep.include({ id: wendy.id, name: 'Wendy', active: true });
      expect(profile).not.to.have.property('portalPasswordHash');
    });

    it('auth.session_revoked for a session issued before a password reset, everywhere; a new session works', async () => {
      const job = await book(TUE, '10:00', '11:00', { status: 'confirmed' });
      const old = sessionOf(wendy);
      fx.clock.advance(5 * MINUTE);
      const { temporaryPassword } = await fx.core.workforce.setWorkerPassword.execute(fx.ctx(orgId), { id: wendy.id });
      await expectAppError(fx.core.workerPortal.profile.execute(portal(), old), 'auth.session_revoked');
      await expectAppError(fx.core.workerPortal.jobs.execute(portal(), old, {}), 'auth.session_revoked');
      await expectAppError(fx.core.workerPortal.job.execute(portal(), old, { id: job.id }), 'auth.session_revoked');
      await expectAppError(fx.core.workerPortal.progress.execute(portal(), old, { id: job.id, to: 'in_progress' }), 'auth.session_revoked');
      expect(fx.storedBooking(job.id).status).to.equal('confirmed');

      await expectAppError(signIn('wendy@example.com'), 'auth.invalid_credentials');
      fx.clock.advance(2000);
      await signIn('wendy@example.com', temporaryPassword!);
      const fresh = sessionOf(wendy);
      expect((await fx.core.workerPortal.profile.execute(portal(), fresh)).id).to.equal(wendy.id);
    });

    it('auth.session_revoked once the worker is deactivated, or for a worker of another org', async () => {
      const session = sessionOf(wendy);
      await expectAppError(fx.core.workerPortal.profile.execute(portal(await fx.newOrg('other')), session), 'auth.session_revoked');
      fx.clock.advance(MINUTE);
      await fx.core.workforce.updateWorker.execute(fx.ctx(orgId), { id: wendy.id, active: false });
      await expectAppError(fx.core.workerPortal.profile.execute(portal(), session), 'auth.session_revoked');
      await expectAppError(fx.core.workerPortal.profile.execute(portal(), { workerId: UNKNOWN_ID, issuedAt: fx.clock.now() }), 'auth.session_revoked');
    });
  });

  describe('ListWorkerJobs', () => {
    const jobs = (input: Record<string, unknown> = {}, worker: { id: string } = wendy) => fx.core.workerPortal.jobs.execute(portal(), sessionOf(worker), input);
    const ids = (list: ReadonlyArray<{ booking: Booking }>) => list.map((j) => j.booking.id);

    it('lists only the worker’s own jobs: today’s, or upcoming from now; cancelled and no-show ones left out', async () => {
      const early = await book(MON, '07:00', '08:00'); // earlier today, over
      const afternoon = await book(MON, '13:00', '14:00');
      const cancelled = await book(MON, '15:00', '16:00');
      await fx.core.bookings.changeStatus.execute(fx.ctx(orgId), { id: cancelled.id, status: 'cancelled', reason: 'x' });
      const missed = await book(MON, '16:00', '17:00', { status: 'confirmed' });
      await fx.core.bookings.changeStatus.execute(fx.ctx(orgId), { id: missed.id, status: 'no_show' });
      await book(MON, '13:00', '14:00', { workerIds: [otto.id] });
      const team = await fx.team(orgId);
      await fx.core.workforce.updateWorker.execute(fx.ctx(orgId), { id: wendy.id, teamId: team.id });
      const viaTeam = await book(TUE, '08:00', '09:00', { workerIds: [], teamId: team.id });
      const tomorrow = await book(TUE, '10:00', '12:00');
      const inTenDays = await book('2026-03-12', '10:00', '11:00');
      const inTwentyDays = await book('2026-03-22', '10:00', '11:00');

      expect(ids(await jobs({ scope: 'today' }))).to.deep.equal([early.id, afternoon.id]);
      expect(ids(await jobs())).to.deep.equal([afternoon.id, viaTeam.id, tomorrow.id, inTenDays.id]);
      expect(ids(await jobs({ scope: 'upcoming', days: 30 }))).to.deep.equal([afternoon.id, viaTeam.id, tomorrow.id, inTenDays.id, inTwentyDays.id]);
      expect(ids(await jobs({ scope: 'upcoming', days: 1 }))).to.deep.equal([afternoon.id, viaTeam.id]);
      expect(ids(await jobs({ scope: 'today' }, otto))).to.have.length(1);
    });

    it('shows what the worker needs on the day: client name and phone, address, service name', async () => {
      const job = await book(MON, '13:00', '14:00', { notes: 'Dog is friendly' });
      const [listed] = await jobs({ scope: 'today' });
      expect(listed).to.deep.equal({
        booking: job,
        client: { name: 'Mrs Smith', phone: '+441134960000' },
        address: client.addresses[0],
        serviceName: 'Deep clean',
      });
    });

    it('reads "today" in the org’s time zone', async () => {
      const nyOrg = await fx.newOrg('nyc', { timeZone: 'America/New_York' });
      const nyClient = await fx.client(nyOrg);
      const nia = await fx.worker(nyOrg, { name: 'Nia' });
      const nyBook = (start: Date, end: Date) => fx.book(nyOrg, nyClient.id, start, end, { workerIds: [nia.id] });
      // Now is 04:30 on Monday in New York.
      await nyBook(utc(MON, '03:00'), utc(MON, '04:00')); // Sunday 22:00 local
      const evening = await nyBook(utc(MON, '23:00'), utc(TUE, '00:00')); // Monday 18:00 local
      const late = await nyBook(utc(TUE, '04:00'), utc(TUE, '04:30')); // Monday 23:00 local
      await nyBook(utc(TUE, '05:00'), utc(TUE, '06:00')); // Tuesday 00:00 local
      const list = await fx.core.workerPortal.jobs.execute(portal(nyOrg), sessionOf(nia), { scope: 'today' });
      expect(ids(list)).to.deep.equal([evening.id, late.id]);
    });

    it('validation.failed: scope today or upcoming, days 1 to 60', async () => {
      await expectInvalid(jobs({ scope: 'week', days: 61 }), ['/scope', '/days']);
      await expectInvalid(jobs({ days: 0 }), ['/days']);
    });
  });

  describe('GetWorkerJob', () => {
    const job = (id: unknown, worker: { id: string } = wendy) => fx.core.workerPortal.job.execute(portal(), sessionOf(worker), { id });

    it('returns the worker’s own job', async () => {
      const b = await book(TUE, '10:00', '11:00');
      expect(await job(b.id)).to.deep.include({ booking: b, serviceName: 'Deep clean' });
    });

    it('booking.not_found for another worker’s job, a cancelled one, or an unknown one; validation for a bad id', async () => {
      const ottos = await book(TUE, '10:00', '11:00', { workerIds: [otto.id] });
      const cancelled = await book(TUE, '12:00', '13:00');
      await fx.core.bookings.changeStatus.execute(fx.ctx(orgId), { id: cancelled.id, status: 'cancelled', reason: 'x' });
      const err = await expectAppError(job(ottos.id), 'booking.not_found');
      expect(err.details).to.deep.equal({ booking_id: ottos.id });
      await expectAppError(job(cancelled.id), 'booking.not_found');
      await expectAppError(job(UNKNOWN_ID), 'booking.not_found');
      await expectInvalid(job('b1'), ['/id']);
      expect((await job(ottos.id, otto)).booking.id).to.equal(ottos.id);
    });
  });

  describe('ProgressWorkerJob', () => {
    const progress = (id: string, to: 'in_progress' | 'completed', worker: { id: string } = wendy) =>
      fx.core.workerPortal.progress.execute(portal(), sessionOf(worker), { id, to });

    it('starts then completes a confirmed job, stamping the times, audited with the worker as actor', async () => {
      const b = await book(MON, '10:00', '12:00', { status: 'confirmed' });
      fx.clock.advance(MINUTE);
      const started = await progress(b.id, 'in_progress');
      expect([started.booking.status, started.booking.startedAt, started.serviceName]).to.deep.equal(['in_progress', fx.clock.now(), 'Deep clean']);
      fx.clock.advance(90 * MINUTE);
      const done = await progress(b.id, 'completed');
      expect([done.booking.status, done.booking.completedAt]).to.deep.equal(['completed', fx.clock.now()]);
      expect(fx.storedBooking(b.id)).to.deep.equal(done.booking);

      const rows = auditRows(fx, orgId).filter((r) => r.resourceId === b.id && r.action.startsWith('booking.status.'));
      expect(rows.map((r) => [r.action, r.actorKind, r.actorId, r.actorRole, r.requestId, r.metadata, (r.after as { status: string }).status])).to.deep.equal([
        ['booking.status.in_progress', 'worker', wendy.id, null, 'req-portal', { via: 'worker_portal' }, 'in_progress'],
        ['booking.status.completed', 'worker', wendy.id, null, 'req-portal', { via: 'worker_portal' }, 'completed'],
      ]);
      expect(rows[0]!.createdAt).to.deep.equal(new Date(T0.getTime() + 2 * MINUTE));
      // The staff history shows the worker's steps.
      const history = await fx.core.bookings.history.execute(fx.ctx(orgId), { id: b.id });
      expect(history.map((e) => [e.action, e.actorKind])).to.deep.equal([
        ['booking.status.completed', 'worker'],
        ['booking.status.in_progress', 'worker'],
        ['booking.create', 'staff'],
      ]);
    });

    it('booking.invalid_transition to complete before starting, or to start a job not yet confirmed', async () => {
      const confirmed = await book(MON, '10:00', '12:00', { status: 'confirmed' });
      const err = await expectAppError(progress(confirmed.id, 'completed'), 'booking.invalid_transition');
      expect(err.details).to.deep.include({ from: 'confirmed', to: 'completed' });
      const pending = await book(MON, '13:00', '14:00');
      await expectAppError(progress(pending.id, 'in_progress'), 'booking.invalid_transition');
      await progress(confirmed.id, 'in_progress');
      await expectAppError(progress(confirmed.id, 'in_progress'), 'booking.invalid_transition');
      expect([fx.storedBooking(confirmed.id).status, fx.storedBooking(pending.id).status]).to.deep.equal(['in_progress', 'pending']);
    });

    it('booking.not_found for another worker’s job, changing nothing', async () => {
      const ottos = await book(MON, '10:00', '12:00', { workerIds: [otto.id], status: 'confirmed' });
      await expectAppError(progress(ottos.id, 'in_progress'), 'booking.not_found');
      expect(fx.storedBooking(ottos.id).status).to.equal('confirmed');
      await expectAppError(fx.core.workerPortal.progress.execute(portal(), sessionOf(wendy), { id: 'x', to: 'in_progress' }), 'validation.failed');
    });

    it('refuses any step other than starting or completing, changing nothing', async () => {
      const b = await book(TUE, '10:00', '12:00', { status: 'confirmed' });
      // A host passing a route segment straight through must not let a worker cancel or no-show a job.
      for (const to of ['cancelled', 'no_show']) {
        await expectAppError(fx.core.workerPortal.progress.execute(portal(), sessionOf(wendy), { id: b.id, to: to as 'completed' }), 'validation.failed');
      }
      expect(fx.storedBooking(b.id).status).to.equal('confirmed');
    });
  });
});
