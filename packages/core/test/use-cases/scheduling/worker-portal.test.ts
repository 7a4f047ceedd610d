import { expect } from 'chai';
import type { Booking, Client, CoreOptions, PortalSession, RequestContext, Service, WorkerView } from '@cws/core';
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
    // Deliberately loose: hostile logins and passwords are part of what is tested.
    fx.core.workerPortal.signIn.execute({ requestId: 'req-portal', now: fx.clock.now(), clientIp }, { orgId: org, login, password } as never);
  /** The session a host issues after a sign-in: issued now. */
  const sessionOf = (worker: { id: string }): PortalSession => ({ workerId: worker.id, issuedAt: fx.clock.now() });
  const setPassword = (worker: { id: string }, password: string | undefined = PORTAL_PASSWORD) =>
    fx.core.workforce.setWorkerPassword.execute(fx.ctx(orgId), { id: worker.id, ...(password === undefined ? {} : { password }) });
  const changePassword = (worker: { id: string }, currentPassword: unknown, newPassword: unknown, session = sessionOf(worker)) =>
    fx.core.workerPortal.changePassword.execute(portal(), session, { currentPassword, newPassword } as never);
  /** Staff set a temporary password; the worker signs in and chooses `own`, as the portal requires. */
  const onboard = async (worker: { id: string }, own: string) => {
    const { temporaryPassword } = await fx.core.workforce.setWorkerPassword.execute(fx.ctx(orgId), { id: worker.id });
    await changePassword(worker, temporaryPassword, own);
  };

  const setUp = async (options: CoreOptions = {}) => {
    fx = schedulingFixture(options);
    orgId = await fx.newOrg('acme');
    client = await fx.client(orgId, { name: 'Mrs Smith', phone: '+44 113 496 0000' });
    service = await fx.service(orgId, { name: 'Deep clean' });
    wendy = await fx.worker(orgId, { name: 'Wendy', phone: '+44 7700 900123', email: 'wendy@example.com' });
    otto = await fx.worker(orgId, { name: 'Otto', phone: '+447700900999', email: 'otto@example.com' });
    await onboard(wendy, PORTAL_PASSWORD);
    await onboard(otto, 'Scrubs-Floors-Daily-7');
    fx.clock.advance(MINUTE);
  };

  beforeEach(() => setUp());

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
      expect((await signIn('otto@example.com', 'Scrubs-Floors-Daily-7')).worker.id).to.equal(otto.id);
    });

    it('auth.invalid_credentials alike for a wrong password, an unknown login, and a worker without a portal password', async () => {
      const nopass = await fx.worker(orgId, { name: 'Nia', email: 'nia@example.com' });
      const wrong = await expectAppError(signIn('wendy@example.com', 'Not-Her-Password-1'), 'auth.invalid_credentials');
      const unknown = await expectAppError(signIn('nobody@example.com'), 'auth.invalid_credentials');
      const none = await expectAppError(signIn(nopass.email), 'auth.invalid_credentials');
      const othersPassword = await expectAppError(signIn('wendy@example.com', 'Scrubs-Floors-Daily-7'), 'auth.invalid_credentials');
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
      // Signing in with a temporary password works (the portal then asks for a new one).
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
      const short = await expectInvalid(signIn('12', 'x'), ['/login']);
      expect(short.errors[0]!.detail).to.equal('must be a phone number or an email address');
      await expectInvalid(signIn('wendy@example.com', 12345), ['/password']);
      // Neither a slug nor an org the host chose: a rule between fields, checked once they are well-formed.
      const attempt = { requestId: 'req-portal', now: fx.clock.now(), clientIp: WORKER_IP };
      const noOrg = await expectInvalid(fx.core.workerPortal.signIn.execute(attempt, { login: 'wendy@example.com', password: PORTAL_PASSWORD }), ['/org']);
      expect(noOrg.errors[0]!.detail).to.equal('is required: name your organisation by its slug');
      await expectInvalid(fx.core.workerPortal.signIn.execute(attempt, { org: ' ', login: 'wendy@example.com', password: PORTAL_PASSWORD }), ['/org']);
    });

    it('finds the org by its slug, in any case and trimmed', async () => {
      const attempt = { requestId: 'req-portal', now: fx.clock.now(), clientIp: WORKER_IP };
      const { worker, orgId: signedInto } = await fx.core.workerPortal.signIn.execute(attempt, { org: ' ACME ', login: 'wendy@example.com', password: PORTAL_PASSWORD });
      expect([worker.id, signedInto]).to.deep.equal([wendy.id, orgId]);
      await expectAppError(fx.core.workerPortal.signIn.execute(attempt, { org: 'nope', login: 'wendy@example.com', password: PORTAL_PASSWORD }), 'auth.invalid_credentials');
    });

    it('an embedder without the client’s address signs in too (the address-wide limit then does not apply; the audit says null)', async () => {
      const { worker } = await fx.core.workerPortal.signIn.execute({ requestId: 'req-embedded', now: fx.clock.now() }, { orgId, login: 'wendy@example.com', password: PORTAL_PASSWORD });
      expect(worker.id).to.equal(wendy.id);
      const rows = auditRows(fx, orgId).filter((r) => r.action === 'worker.portal_login' && r.requestId === 'req-embedded');
      expect(rows.map((r) => r.metadata)).to.deep.equal([{ ip: null }]);
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
        client: { id: client.id, name: 'Mrs Smith', phone: '+441134960000' },
        address: client.addresses[0],
        serviceName: 'Deep clean',
        allowedActions: [],
        startableFrom: null,
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
    const job = (id: unknown, worker: { id: string } = wendy) => fx.core.workerPortal.job.execute(portal(), sessionOf(worker), { id } as never);

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
      expect(err.details).to.deep.equal({ booking_id: confirmed.id, from: 'confirmed', action: 'complete', allowed_actions: ['start'] });
      expect(err.message).to.equal('A confirmed job cannot be completed: you may start it');
      const pending = await book(MON, '10:30', '11:00', { workerIds: [otto.id] });
      const notYet = await expectAppError(progress(pending.id, 'in_progress', otto), 'booking.invalid_transition');
      expect(notYet.details['allowed_actions']).to.deep.equal([]);
      expect(notYet.message).to.equal('A pending job cannot be started: there is nothing you can do with it now');
      await progress(confirmed.id, 'in_progress');
      const again = await expectAppError(progress(confirmed.id, 'in_progress'), 'booking.invalid_transition');
      expect(again.details['allowed_actions']).to.deep.equal(['complete']);
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

  describe('temporary passwords (set by staff)', () => {
    it('a password staff set must be changed: sign-in says so; only the profile, the change and sign-out answer until then', async () => {
      const b = await book(TUE, '10:00', '11:00', { status: 'confirmed' });
      await setPassword(wendy, 'Staff-Chose-This-Broom-8');
      fx.clock.advance(MINUTE);
      const { worker } = await signIn('wendy@example.com', 'Staff-Chose-This-Broom-8');
      expect(worker.mustChangePortalPassword).to.equal(true);
      const session = sessionOf(wendy);
      expect((await fx.core.workerPortal.profile.execute(portal(), session)).mustChangePortalPassword).to.equal(true);
      for (const call of [
        () => fx.core.workerPortal.jobs.execute(portal(), session, {}),
        () => fx.core.workerPortal.job.execute(portal(), session, { id: b.id }),
        () => fx.core.workerPortal.progress.execute(portal(), session, { id: b.id, to: 'in_progress' }),
      ]) {
        const err = await expectAppError(call, 'auth.password_change_required');
        expect(err.kind).to.equal('forbidden');
      }
      expect(fx.storedBooking(b.id).status).to.equal('confirmed');

      fx.clock.advance(MINUTE);
      const changed = await changePassword(wendy, 'Staff-Chose-This-Broom-8', 'My-Own-Mop-Choice-31', session);
      expect(changed.mustChangePortalPassword).to.equal(false);
      expect(changed).not.to.have.property('portalPasswordHash');
      const stored = fx.storedWorker(wendy.id);
      expect([stored.mustChangePortalPassword, stored.credentialsChangedAt]).to.deep.equal([false, fx.clock.now()]);
      expect(await fx.hasher.verify(stored.portalPasswordHash!, 'My-Own-Mop-Choice-31')).to.equal(true);
      // Every earlier session ends; one issued now (the host's new token) opens everything.
      await expectAppError(fx.core.workerPortal.profile.execute(portal(), session), 'auth.session_revoked');
      expect(await fx.core.workerPortal.jobs.execute(portal(), sessionOf(wendy), {})).to.have.length(1);
      await expectAppError(signIn('wendy@example.com', 'Staff-Chose-This-Broom-8'), 'auth.invalid_credentials');
      expect((await signIn('wendy@example.com', 'My-Own-Mop-Choice-31')).worker.mustChangePortalPassword).to.equal(false);

      const rows = auditRows(fx, orgId).filter((r) => r.action === 'worker.portal_password_change' && r.createdAt >= stored.credentialsChangedAt!);
      expect(rows.map((r) => [r.actorKind, r.actorId, r.resourceType, r.resourceId, r.before, r.after, r.metadata])).to.deep.equal([
        ['worker', wendy.id, 'worker', wendy.id, null, null, { was_temporary: true }],
      ]);
      expect(JSON.stringify(auditRows(fx, orgId))).to.not.include('My-Own-Mop-Choice-31');
    });

    it('a new reset by staff makes the password temporary again', async () => {
      expect(fx.storedWorker(wendy.id).mustChangePortalPassword).to.equal(false);
      await fx.core.workforce.setWorkerPassword.execute(fx.ctx(orgId), { id: wendy.id });
      expect(fx.storedWorker(wendy.id).mustChangePortalPassword).to.equal(true);
    });

    it('validation.failed: the current password must be right, the new one must pass the staff rule and differ', async () => {
      const session = sessionOf(wendy);
      const wrong = await expectInvalid(changePassword(wendy, 'Not-The-Password-1', 'Another-Fine-Broom-9', session), ['/currentPassword']);
      expect(wrong.errors[0]!.detail).to.equal('is not correct');
      await expectInvalid(changePassword(wendy, PORTAL_PASSWORD, 'short', session), ['/newPassword']);
      await expectInvalid(changePassword(wendy, PORTAL_PASSWORD, PORTAL_PASSWORD, session), ['/newPassword']);
      // The current password is checked before the new one is judged (that costs CPU): a wrong one is the only error.
      const first = await expectInvalid(changePassword(wendy, 'Not-The-Password-1', 'my-long-password-1', session), ['/currentPassword']);
      expect(first.errors[0]!.detail).to.equal('is not correct');
      // Malformed input is refused by the contract before anything is checked, each field named.
      await expectInvalid(changePassword(wendy, 42, 42, session), ['/currentPassword', '/newPassword']);
      expect(await fx.hasher.verify(fx.storedWorker(wendy.id).portalPasswordHash!, PORTAL_PASSWORD)).to.equal(true);
    });

    it('wrong current passwords count like failed sign-ins: after 10, request.rate_limited even with the right one; a success gives the attempt back', async () => {
      const session = sessionOf(wendy);
      for (let i = 0; i < 9; i += 1) await expectInvalid(changePassword(wendy, `Wrong-Guess-${i}-xyz`, 'Another-Fine-Broom-9', session), ['/currentPassword']);
      await changePassword(wendy, PORTAL_PASSWORD, 'Another-Fine-Broom-9', session);
      const fresh = sessionOf(wendy);
      for (let i = 0; i < 10; i += 1) await expectInvalid(changePassword(wendy, `Wrong-Guess-${i}-xyz`, 'Third-Fine-Broom-10', fresh), ['/currentPassword']);
      const blocked = await expectAppError(changePassword(wendy, 'Another-Fine-Broom-9', 'Third-Fine-Broom-10', fresh), 'request.rate_limited');
      expect(blocked.retryAfterSeconds).to.be.greaterThan(0);
      fx.clock.advance(15 * MINUTE);
      await changePassword(wendy, 'Another-Fine-Broom-9', 'Third-Fine-Broom-10', fresh);
    });

    it('concurrent guesses cannot check more than the budget: the attempt is taken before the hash', async () => {
      const session = sessionOf(wendy);
      const verify = fx.hasher.verify.bind(fx.hasher);
      let checked = 0;
      fx.hasher.verify = async (hash, password) => {
        checked += 1;
        return verify(hash, password);
      };
      try {
        const outcomes = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => changePassword(wendy, `Wrong-Guess-${i}-xyz`, 'Another-Fine-Broom-9', session)));
        const codes = outcomes.map((o) => (o.status === 'rejected' ? (o.reason as { code: string }).code : 'ok'));
        expect(codes.filter((c) => c === 'validation.failed')).to.have.length(10);
        expect(codes.filter((c) => c === 'request.rate_limited')).to.have.length(20);
        expect(checked).to.equal(10);
      } finally {
        fx.hasher.verify = verify;
      }
    });

    it('auth.session_revoked for a change on an ended session', async () => {
      const old = sessionOf(wendy);
      fx.clock.advance(MINUTE);
      await setPassword(wendy, 'Reset-By-Staff-Broom-3');
      await expectAppError(changePassword(wendy, PORTAL_PASSWORD, 'Another-Fine-Broom-9', old), 'auth.session_revoked');
    });
  });

  describe('WorkerSignOut', () => {
    it('ends every portal session of the worker, open while the password is temporary too; audited', async () => {
      const [phone, tablet] = [sessionOf(wendy), sessionOf(wendy)];
      fx.clock.advance(MINUTE);
      await fx.core.workerPortal.signOut.execute(portal(), phone);
      await expectAppError(fx.core.workerPortal.profile.execute(portal(), tablet), 'auth.session_revoked');
      await expectAppError(fx.core.workerPortal.signOut.execute(portal(), phone), 'auth.session_revoked');
      expect(auditRows(fx, orgId).filter((r) => r.action === 'worker.portal_logout').map((r) => [r.actorKind, r.actorId, r.resourceId])).to.deep.equal([
        ['worker', wendy.id, wendy.id],
      ]);
      await setPassword(otto, 'Reset-By-Staff-Broom-3');
      fx.clock.advance(MINUTE);
      await fx.core.workerPortal.signOut.execute(portal(), sessionOf(otto));
    });
  });

  describe('the start window and the actions a worker is told', () => {
    const progress = (id: string, to: 'in_progress' | 'completed') => fx.core.workerPortal.progress.execute(portal(), sessionOf(wendy), { id, to });
    const view = async (id: string) => fx.core.workerPortal.job.execute(portal(), sessionOf(wendy), { id });

    it('booking.too_early_to_start more than 2 hours before the start, saying when it can be started; from then on it can', async () => {
      // Now is 09:32 UTC on Monday; the job starts at 14:00 London time (UTC in March).
      const b = await book(MON, '14:00', '16:00', { status: 'confirmed' });
      const early = await view(b.id);
      expect([early.allowedActions, early.startableFrom]).to.deep.equal([[], utc(MON, '12:00')]);
      const err = await expectAppError(progress(b.id, 'in_progress'), 'booking.too_early_to_start');
      expect(err.kind).to.equal('conflict');
      expect(err.details).to.deep.equal({
        booking_id: b.id,
        starts_at: '2026-03-02T14:00:00.000Z',
        can_start_from: '2026-03-02T12:00:00.000Z',
        local_can_start_from: '2026-03-02T12:00:00+00:00',
        start_window_minutes: 120,
        allowed_actions: [],
      });
      expect(err.message).to.equal('This job starts at 2026-03-02T14:00:00+00:00; you can start it from 2026-03-02T12:00:00+00:00');
      expect(fx.storedBooking(b.id).status).to.equal('confirmed');
      // Days ahead: the same.
      const tomorrow = await book(TUE, '08:00', '09:00', { status: 'confirmed' });
      await expectAppError(progress(tomorrow.id, 'in_progress'), 'booking.too_early_to_start');

      fx.clock.set(utc(MON, '11:59'));
      await expectAppError(progress(b.id, 'in_progress'), 'booking.too_early_to_start');
      fx.clock.set(utc(MON, '12:00'));
      expect((await view(b.id)).allowedActions).to.deep.equal(['start']);
      const started = await progress(b.id, 'in_progress');
      expect([started.booking.status, started.allowedActions, started.startableFrom]).to.deep.equal(['in_progress', ['complete'], null]);
      const done = await progress(b.id, 'completed');
      expect(done.allowedActions).to.deep.equal([]);
    });

    it('a job that began earlier can still be started (late), and a worker is never told staff-only moves', async () => {
      fx.clock.set(utc(MON, '18:00'));
      const late = await book(MON, '10:00', '11:00', { status: 'confirmed' });
      expect((await view(late.id)).allowedActions).to.deep.equal(['start']);
      await progress(late.id, 'in_progress');
      const pending = await book(TUE, '10:00', '11:00');
      expect((await view(pending.id)).allowedActions, 'pending: staff confirm it first').to.deep.equal([]);
    });

    it('the window is configurable (WORKER_JOB_START_WINDOW_MINUTES reaches the core as workerPortal.jobStartWindowMinutes)', async () => {
      await setUp({ workerPortal: { jobStartWindowMinutes: 15 } });
      const b = await book(MON, '10:00', '11:00', { status: 'confirmed' }); // now is 09:32
      const err = await expectAppError(progress(b.id, 'in_progress'), 'booking.too_early_to_start');
      expect(err.details).to.deep.include({ can_start_from: '2026-03-02T09:45:00.000Z', start_window_minutes: 15 });
      fx.clock.set(utc(MON, '09:45'));
      expect((await progress(b.id, 'in_progress')).booking.status).to.equal('in_progress');
    });

    it('states the local time in the booking’s zone', async () => {
      const nyOrg = await fx.newOrg('nyc', { timeZone: 'America/New_York' });
      const nyClient = await fx.client(nyOrg);
      const nia = await fx.worker(nyOrg, { name: 'Nia', email: 'nia@example.com' });
      const { temporaryPassword } = await fx.core.workforce.setWorkerPassword.execute(fx.ctx(nyOrg), { id: nia.id });
      await fx.core.workerPortal.changePassword.execute(portal(nyOrg), sessionOf(nia), { currentPassword: temporaryPassword!, newPassword: 'New-York-Broom-2026' });
      const { booking } = await fx.core.bookings.create.execute(fx.ctx(nyOrg), { clientId: nyClient.id, start: utc(MON, '19:00').toISOString(), end: utc(MON, '20:00').toISOString(), workerIds: [nia.id], status: 'confirmed' });
      const err = await expectAppError(fx.core.workerPortal.progress.execute(portal(nyOrg), sessionOf(nia), { id: booking.id, to: 'in_progress' }), 'booking.too_early_to_start');
      expect(err.details['local_can_start_from']).to.equal('2026-03-02T12:00:00-05:00');
    });
  });
});
