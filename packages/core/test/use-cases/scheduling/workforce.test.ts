import { expect } from 'chai';
import { auditRows, expectAppError, expectInvalid, T0 } from '../../support/core-fixture.js';
import { MINUTE } from '../../support/fixed-clock.js';
import { HOUR, schedulingFixture, UNKNOWN_ID, utc, TUE, type SchedulingFixture } from '../../support/scheduling-fixture.js';

describe('Workforce use cases', () => {
  let fx: SchedulingFixture;
  let orgId: string;

  beforeEach(async () => {
    fx = schedulingFixture();
    orgId = await fx.newOrg('acme');
  });

  const rowsOf = (action: string) => auditRows(fx, orgId).filter((r) => r.action === action);

  describe('CreateTeam', () => {
    it('creates an active team with a trimmed name and audits team.create', async () => {
      const id = fx.ids.peek(1);
      const team = await fx.core.workforce.createTeam.execute(fx.ctx(orgId), { name: '  North crew ' });
      expect(team).to.deep.equal({ id, orgId, name: 'North crew', active: true, createdAt: T0, updatedAt: T0 });
      expect(rowsOf('team.create').map((r) => [r.resourceType, r.resourceId, r.before, r.after])).to.deep.equal([
        ['team', id, null, JSON.parse(JSON.stringify(team))],
      ]);
    });

    it('validation.failed: a name is required and at most 120 characters', async () => {
      await expectInvalid(fx.core.workforce.createTeam.execute(fx.ctx(orgId), ({} as never)), ['/name']);
      await expectInvalid(fx.core.workforce.createTeam.execute(fx.ctx(orgId), { name: ' ' }), ['/name']);
      await expectInvalid(fx.core.workforce.createTeam.execute(fx.ctx(orgId), { name: 'x'.repeat(121) }), ['/name']);
      expect(fx.state.tables.teams.size).to.equal(0);
    });
  });

  describe('UpdateTeam', () => {
    it('renames and deactivates, leaving fields not given alone, audited with before and after', async () => {
      const team = await fx.team(orgId, 'North');
      fx.clock.advance(MINUTE);
      const renamed = await fx.core.workforce.updateTeam.execute(fx.ctx(orgId), { id: team.id, name: 'South' });
      expect([renamed.name, renamed.active, renamed.updatedAt]).to.deep.equal(['South', true, fx.clock.now()]);
      const inactive = await fx.core.workforce.updateTeam.execute(fx.ctx(orgId), { id: team.id, active: false });
      expect([inactive.name, inactive.active]).to.deep.equal(['South', false]);
      const rows = rowsOf('team.update');
      expect(rows.map((r) => [(r.before as { name: string }).name, (r.after as { active: boolean }).active])).to.deep.equal([
        ['North', true],
        ['South', false],
      ]);
    });

    it('team.not_found for an unknown team and for another org’s team', async () => {
      const otherOrg = await fx.newOrg('other');
      const theirs = await fx.team(otherOrg);
      await expectAppError(fx.core.workforce.updateTeam.execute(fx.ctx(orgId), { id: UNKNOWN_ID, name: 'X' }), 'team.not_found');
      await expectAppError(fx.core.workforce.updateTeam.execute(fx.ctx(orgId), { id: theirs.id, name: 'X' }), 'team.not_found');
      expect(fx.state.tables.teams.get(theirs.id)!.name).to.equal('Blue Team');
    });

    it('validation.failed: malformed id, empty name, non-boolean active', async () => {
      await expectInvalid(fx.core.workforce.updateTeam.execute(fx.ctx(orgId), ({ id: 'nope', name: '', active: 'no' } as never)), ['/id', '/name', '/active']);
      const team = await fx.team(orgId);
      const nothing = await expectInvalid(fx.core.workforce.updateTeam.execute(fx.ctx(orgId), { id: team.id }), ['/']);
      expect(nothing.errors[0]!.detail).to.equal('must have at least one field');
    });
  });

  describe('ListTeams', () => {
    it('lists the org’s teams by name only', async () => {
      await fx.team(orgId, 'Zeta');
      await fx.team(orgId, 'Alpha');
      await fx.team(await fx.newOrg('other'), 'Beta');
      expect((await fx.core.workforce.listTeams.execute(fx.ctx(orgId))).map((t) => t.name)).to.deep.equal(['Alpha', 'Zeta']);
    });
  });

  describe('CreateWorker', () => {
    it('normalises contact and skills, applies defaults, and never exposes a password hash', async () => {
      const id = fx.ids.peek(1);
      const worker = await fx.core.workforce.createWorker.execute(fx.ctx(orgId), {
        name: ' Wendy ',
        phone: '+44 7700 900-123',
        email: ' Wendy@Example.COM ',
        skills: ['Windows', ' deep-clean ', 'windows'],
      });
      expect(worker).to.deep.equal({
        id,
        orgId,
        name: 'Wendy',
        phone: '+447700900123',
        email: 'wendy@example.com',
        skills: ['deep-clean', 'windows'],
        active: true,
        teamId: null,
        workingHours: null,
        mustChangePortalPassword: false,
        credentialsChangedAt: null,
        hasPortalPassword: false,
        createdAt: T0,
        updatedAt: T0,
      });
      expect(worker).not.to.have.property('portalPasswordHash');
      expect(fx.storedWorker(id).portalPasswordHash).to.equal(null);
      expect(rowsOf('worker.create').map((r) => r.after)).to.deep.equal([JSON.parse(JSON.stringify(worker))]);
    });

    it('joins a team and keeps working hours', async () => {
      const team = await fx.team(orgId);
      const hours = { mon: [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }], sat: [{ start: '10:00', end: '24:00' }] };
      const worker = await fx.worker(orgId, { teamId: team.id, workingHours: hours });
      expect([worker.teamId, worker.workingHours]).to.deep.equal([team.id, hours]);
    });

    it('team.not_found when the worker’s team is not the org’s, writing nothing', async () => {
      const theirTeam = await fx.team(await fx.newOrg('other'));
      await expectAppError(fx.worker(orgId, { teamId: UNKNOWN_ID }), 'team.not_found');
      await expectAppError(fx.worker(orgId, { teamId: theirTeam.id }), 'team.not_found');
      expect([...fx.state.tables.workers.values()]).to.deep.equal([]);
      expect(rowsOf('worker.create')).to.deep.equal([]);
    });

    it('worker.contact_taken when another worker of the org has the phone or the email', async () => {
      await fx.worker(orgId, { phone: '+447700900123', email: 'wendy@example.com' });
      const byPhone = await expectAppError(fx.worker(orgId, { name: 'Other', phone: '+44 7700 900123' }), 'worker.contact_taken');
      expect(byPhone.details).to.deep.equal({ field: 'phone' });
      const byEmail = await expectAppError(fx.worker(orgId, { name: 'Other', email: 'WENDY@example.com' }), 'worker.contact_taken');
      expect(byEmail.details).to.deep.equal({ field: 'email' });
      expect(fx.state.tables.workers.size).to.equal(1);
      // Another org may use the same contact details.
      await fx.worker(await fx.newOrg('other'), { phone: '+447700900123', email: 'wendy@example.com' });
    });

    it('validation.failed names each field the contract refuses, in declaration order', async () => {
      const err = await expectInvalid(
        fx.core.workforce.createWorker.execute(fx.ctx(orgId), ({
          phone: '12',
          email: 'not-an-email',
          skills: ['ok', '!bad'],
          active: 'yes',
          teamId: 'team-1',
          workingHours: { funday: [], mon: [{ start: '10:00', end: '9am' }] },
        } as never)),
        ['/name', '/phone', '/email', '/skills/1', '/active', '/teamId', '/workingHours/mon/0/end', '/workingHours/funday'],
      );
      expect(err.errors.map((e) => e.detail)).to.deep.equal([
        'is required',
        'must be a phone number of 7 to 15 digits, optionally starting with +',
        'must be an email address',
        'must be 1-40 letters, digits, spaces, - or _',
        'must be true or false',
        'must be a UUID',
        'must be a time HH:MM from 00:00 to 24:00',
        'is not a known field',
      ]);
      await expectInvalid(fx.worker(orgId, { skills: 'windows' }), ['/skills']);
      await expectInvalid(fx.worker(orgId, { skills: Array.from({ length: 31 }, (_, i) => `tag${i}`) }), ['/skills']);
      await expectInvalid(fx.worker(orgId, { workingHours: { wed: Array.from({ length: 5 }, () => ({ start: '08:00', end: '09:00' })) } }), ['/workingHours/wed']);
      expect(fx.state.tables.workers.size).to.equal(0);
    });

    it('validation.failed for working spans that end before they start or overlap (rules checked once the fields are well-formed)', async () => {
      const inverted = await expectInvalid(fx.worker(orgId, { workingHours: { mon: [{ start: '10:00', end: '09:00' }] } }), ['/workingHours/mon/0/end']);
      expect(inverted.errors[0]!.detail).to.equal('must be after start');
      const overlapping = await expectInvalid(fx.worker(orgId, { workingHours: { tue: [{ start: '08:00', end: '12:00' }, { start: '11:00', end: '14:00' }] } }), ['/workingHours/tue']);
      expect(overlapping.errors[0]!.detail).to.equal('spans must not overlap');
      // Touching spans are fine, and are kept in order of start.
      const split = await fx.worker(orgId, { workingHours: { thu: [{ start: '13:00', end: '24:00' }, { start: '08:00', end: '13:00' }] } });
      expect(split.workingHours).to.deep.equal({ thu: [{ start: '08:00', end: '13:00' }, { start: '13:00', end: '24:00' }] });
      expect(fx.state.tables.workers.size).to.equal(1);
    });
  });

  describe('UpdateWorker', () => {
    it('changes only the fields given; null clears the team', async () => {
      const team = await fx.team(orgId);
      const worker = await fx.worker(orgId, { phone: '+447700900123', teamId: team.id, skills: ['windows'] });
      fx.clock.advance(MINUTE);
      const moved = await fx.core.workforce.updateWorker.execute(fx.ctx(orgId), { id: worker.id, email: 'w@example.com', teamId: null });
      expect(moved).to.deep.include({ name: 'Wendy Worker', phone: '+447700900123', email: 'w@example.com', skills: ['windows'], teamId: null, updatedAt: fx.clock.now() });
      expect(moved.createdAt).to.deep.equal(T0);
      expect(rowsOf('worker.update').map((r) => [(r.before as { teamId: unknown }).teamId, (r.after as { teamId: unknown }).teamId])).to.deep.equal([
        [team.id, null],
      ]);
    });

    it('deactivating a worker sets credentialsChangedAt (ending portal sessions); other changes do not', async () => {
      const worker = await fx.worker(orgId);
      fx.clock.advance(MINUTE);
      const renamed = await fx.core.workforce.updateWorker.execute(fx.ctx(orgId), { id: worker.id, name: 'Wendy W.' });
      expect(renamed.credentialsChangedAt).to.equal(null);
      fx.clock.advance(MINUTE);
      const deactivatedAt = fx.clock.now();
      const inactive = await fx.core.workforce.updateWorker.execute(fx.ctx(orgId), { id: worker.id, active: false });
      expect([inactive.active, inactive.credentialsChangedAt]).to.deep.equal([false, deactivatedAt]);
      expect(fx.storedWorker(worker.id).credentialsChangedAt).to.deep.equal(deactivatedAt);
      fx.clock.advance(MINUTE);
      const again = await fx.core.workforce.updateWorker.execute(fx.ctx(orgId), { id: worker.id, active: false });
      expect(again.credentialsChangedAt).to.deep.equal(deactivatedAt);
      const back = await fx.core.workforce.updateWorker.execute(fx.ctx(orgId), { id: worker.id, active: true });
      expect([back.active, back.credentialsChangedAt]).to.deep.equal([true, deactivatedAt]);
    });

    it('worker.not_found for an unknown worker or another org’s worker', async () => {
      const theirs = await fx.worker(await fx.newOrg('other'));
      await expectAppError(fx.core.workforce.updateWorker.execute(fx.ctx(orgId), { id: UNKNOWN_ID, name: 'X' }), 'worker.not_found');
      await expectAppError(fx.core.workforce.updateWorker.execute(fx.ctx(orgId), { id: theirs.id, name: 'X' }), 'worker.not_found');
    });

    it('team.not_found for a team not in the org, leaving the worker unchanged', async () => {
      const worker = await fx.worker(orgId);
      await expectAppError(fx.core.workforce.updateWorker.execute(fx.ctx(orgId), { id: worker.id, teamId: UNKNOWN_ID, name: 'Changed' }), 'team.not_found');
      expect(fx.storedWorker(worker.id).name).to.equal('Wendy Worker');
    });

    it('worker.contact_taken when taking another worker’s phone; keeping one’s own is fine', async () => {
      await fx.worker(orgId, { name: 'A', phone: '+447700900001' });
      const b = await fx.worker(orgId, { name: 'B', phone: '+447700900002' });
      await expectAppError(fx.core.workforce.updateWorker.execute(fx.ctx(orgId), { id: b.id, phone: '+447700900001' }), 'worker.contact_taken');
      const same = await fx.core.workforce.updateWorker.execute(fx.ctx(orgId), { id: b.id, phone: '+44 7700 900002', name: 'B2' });
      expect([same.phone, same.name]).to.deep.equal(['+447700900002', 'B2']);
    });

    it('validation.failed: malformed id and fields', async () => {
      await expectInvalid(fx.core.workforce.updateWorker.execute(fx.ctx(orgId), ({ id: 'x', name: '', active: 1 } as never)), ['/id', '/name', '/active']);
    });
  });

  describe('GetWorker and ListWorkers', () => {
    it('gets a worker; worker.not_found otherwise; validation for a malformed id', async () => {
      const worker = await fx.worker(orgId);
      expect(await fx.core.workforce.getWorker.execute(fx.ctx(orgId), { id: worker.id })).to.deep.equal(worker);
      await expectAppError(fx.core.workforce.getWorker.execute(fx.ctx(orgId), { id: UNKNOWN_ID }), 'worker.not_found');
      await expectInvalid(fx.core.workforce.getWorker.execute(fx.ctx(orgId), { id: 'w1' }), ['/id']);
    });

    it('lists by name, filtered by team and by active', async () => {
      const team = await fx.team(orgId);
      await fx.worker(orgId, { name: 'Cleo', teamId: team.id });
      const bo = await fx.worker(orgId, { name: 'Bo' });
      await fx.worker(orgId, { name: 'Al', teamId: team.id });
      await fx.core.workforce.updateWorker.execute(fx.ctx(orgId), { id: bo.id, active: false });
      await fx.worker(await fx.newOrg('other'), { name: 'Zed' });
      const names = async (input: Record<string, unknown>) => (await fx.core.workforce.listWorkers.execute(fx.ctx(orgId), input)).map((w) => w.name);
      expect(await names({})).to.deep.equal(['Al', 'Bo', 'Cleo']);
      expect(await names({ teamId: team.id })).to.deep.equal(['Al', 'Cleo']);
      expect(await names({ active: false })).to.deep.equal(['Bo']);
      expect(await names({ active: true })).to.deep.equal(['Al', 'Cleo']);
      await expectInvalid(fx.core.workforce.listWorkers.execute(fx.ctx(orgId), ({ teamId: 'x', active: 'true' } as never)), ['/teamId', '/active']);
    });
  });

  describe('SetWorkerPortalPassword', () => {
    it('issues a temporary password when none is given: only its hash stored, shown once, sessions ended', async () => {
      const worker = await fx.worker(orgId, { phone: '+447700900123', email: 'w@example.com' });
      fx.clock.advance(MINUTE);
      const result = await fx.core.workforce.setWorkerPassword.execute(fx.ctx(orgId), { id: worker.id });
      expect(result.temporaryPassword).to.be.a('string').with.length.of.at.least(12);
      const stored = fx.storedWorker(worker.id);
      expect(stored.portalPasswordHash).to.be.a('string').and.not.include(result.temporaryPassword!);
      expect(await fx.hasher.verify(stored.portalPasswordHash!, result.temporaryPassword!)).to.equal(true);
      expect(stored.credentialsChangedAt).to.deep.equal(fx.clock.now());
      expect(result.worker).to.deep.include({ hasPortalPassword: true, mustChangePortalPassword: true, credentialsChangedAt: fx.clock.now() });
      expect(result.worker).not.to.have.property('portalPasswordHash');

      const rows = rowsOf('worker.password_reset');
      expect(rows.map((r) => [r.resourceType, r.resourceId, r.actorId, r.before, r.after, r.metadata])).to.deep.equal([
        ['worker', worker.id, 'user-admin', null, null, { phone: '+447700900123', email: 'w@example.com', generated: true, must_change_password: true }],
      ]);
      const everything = JSON.stringify(auditRows(fx, orgId));
      expect(everything).not.to.include(stored.portalPasswordHash!);
      expect(everything).not.to.include(result.temporaryPassword!);
    });

    it('sets a chosen password (none generated) after checking it; the worker must still change it, as staff know it', async () => {
      const worker = await fx.worker(orgId);
      await expectInvalid(fx.core.workforce.setWorkerPassword.execute(fx.ctx(orgId), { id: worker.id, password: 'short' }), ['/password']);
      const weak = await expectInvalid(fx.core.workforce.setWorkerPassword.execute(fx.ctx(orgId), { id: worker.id, password: 'my-long-password-1' }), ['/password']);
      expect(weak.errors[0]!.detail).to.match(/commonly used password/);
      await expectInvalid(fx.core.workforce.setWorkerPassword.execute(fx.ctx(orgId), ({ id: worker.id, password: 12345678901234 } as never)), ['/password']);
      expect(fx.storedWorker(worker.id).portalPasswordHash).to.equal(null);

      const result = await fx.core.workforce.setWorkerPassword.execute(fx.ctx(orgId), { id: worker.id, password: 'Squeaky-Clean-Windows-9' });
      expect(result.temporaryPassword).to.equal(null);
      expect(await fx.hasher.verify(fx.storedWorker(worker.id).portalPasswordHash!, 'Squeaky-Clean-Windows-9')).to.equal(true);
      expect(fx.storedWorker(worker.id).mustChangePortalPassword).to.equal(true);
      expect(rowsOf('worker.password_reset').map((r) => [r.metadata.generated, r.metadata.must_change_password])).to.deep.equal([[false, true]]);
    });

    it('the hash never shows in a WorkerView, whether got, listed or updated', async () => {
      const worker = await fx.worker(orgId);
      await fx.core.workforce.setWorkerPassword.execute(fx.ctx(orgId), { id: worker.id });
      const hash = fx.storedWorker(worker.id).portalPasswordHash!;
      const views = [
        await fx.core.workforce.getWorker.execute(fx.ctx(orgId), { id: worker.id }),
        ...(await fx.core.workforce.listWorkers.execute(fx.ctx(orgId), {})),
        await fx.core.workforce.updateWorker.execute(fx.ctx(orgId), { id: worker.id, name: 'New name' }),
      ];
      for (const view of views) {
        expect(view).not.to.have.property('portalPasswordHash');
        expect(view.hasPortalPassword).to.equal(true);
      }
      expect(JSON.stringify(views)).not.to.include(hash);
      expect(JSON.stringify(auditRows(fx, orgId))).not.to.include(hash);
    });

    it('worker.not_found (another org’s worker too); validation for a malformed id', async () => {
      const theirs = await fx.worker(await fx.newOrg('other'));
      await expectAppError(fx.core.workforce.setWorkerPassword.execute(fx.ctx(orgId), { id: theirs.id }), 'worker.not_found');
      expect(fx.storedWorker(theirs.id).portalPasswordHash).to.equal(null);
      await expectInvalid(fx.core.workforce.setWorkerPassword.execute(fx.ctx(orgId), ({ id: 42 } as never)), ['/id']);
    });
  });

  describe('CreateService, UpdateService, ListServices', () => {
    it('creates an active service and audits it', async () => {
      const service = await fx.core.workforce.createService.execute(fx.ctx(orgId), { name: 'Deep clean', durationMinutes: 180, priceMinor: 15000 });
      expect(service).to.deep.include({ orgId, name: 'Deep clean', durationMinutes: 180, priceMinor: 15000, active: true });
      expect(rowsOf('service.create').map((r) => r.resourceId)).to.deep.equal([service.id]);
    });

    it('validation.failed: name, duration (15 minutes to 24 hours) and price are required', async () => {
      await expectInvalid(fx.core.workforce.createService.execute(fx.ctx(orgId), ({} as never)), ['/name', '/durationMinutes', '/priceMinor']);
      await expectInvalid(fx.core.workforce.createService.execute(fx.ctx(orgId), { name: 'X', durationMinutes: 14, priceMinor: -1 }), ['/durationMinutes', '/priceMinor']);
      await expectInvalid(fx.core.workforce.createService.execute(fx.ctx(orgId), { name: 'X', durationMinutes: 24 * 60 + 1, priceMinor: 1.5 }), ['/durationMinutes', '/priceMinor']);
      expect(fx.state.tables.services.size).to.equal(0);
    });

    it('updates the fields given; service.not_found otherwise', async () => {
      const service = await fx.service(orgId);
      const updated = await fx.core.workforce.updateService.execute(fx.ctx(orgId), { id: service.id, priceMinor: 9500, active: false });
      expect(updated).to.deep.include({ name: 'Standard clean', durationMinutes: 120, priceMinor: 9500, active: false });
      expect(rowsOf('service.update')).to.have.length(1);
      await expectAppError(fx.core.workforce.updateService.execute(fx.ctx(orgId), { id: UNKNOWN_ID, priceMinor: 1 }), 'service.not_found');
      await expectInvalid(fx.core.workforce.updateService.execute(fx.ctx(orgId), { id: service.id, durationMinutes: 10 }), ['/durationMinutes']);
    });

    it('lists by name, optionally only active ones', async () => {
      const b = await fx.service(orgId, { name: 'B' });
      await fx.service(orgId, { name: 'A' });
      await fx.core.workforce.updateService.execute(fx.ctx(orgId), { id: b.id, active: false });
      const names = async (active?: boolean) => (await fx.core.workforce.listServices.execute(fx.ctx(orgId), { active })).map((s) => s.name);
      expect(await names()).to.deep.equal(['A', 'B']);
      expect(await names(true)).to.deep.equal(['A']);
      expect(await names(false)).to.deep.equal(['B']);
    });
  });

  describe('Blackouts', () => {
    const window = { start: utc(TUE, '00:00').toISOString(), end: utc(TUE, '23:59').toISOString() };

    it('an org-wide blackout is the default scope and names no one', async () => {
      const blackout = await fx.core.workforce.createBlackout.execute(fx.ctx(orgId), { ...window, reason: ' Bank holiday ' });
      expect(blackout).to.deep.include({ scope: 'org', teamId: null, workerId: null, reason: 'Bank holiday', startsAt: utc(TUE, '00:00'), endsAt: utc(TUE, '23:59') });
      expect(rowsOf('blackout.create').map((r) => r.resourceId)).to.deep.equal([blackout.id]);
    });

    it('a team blackout needs the team, a worker blackout needs the worker', async () => {
      const team = await fx.team(orgId);
      const worker = await fx.worker(orgId);
      const t = await fx.core.workforce.createBlackout.execute(fx.ctx(orgId), { ...window, scope: 'team', teamId: team.id, reason: 'Training' });
      expect([t.scope, t.teamId, t.workerId]).to.deep.equal(['team', team.id, null]);
      const w = await fx.core.workforce.createBlackout.execute(fx.ctx(orgId), { ...window, scope: 'worker', workerId: worker.id, reason: 'Leave' });
      expect([w.scope, w.teamId, w.workerId]).to.deep.equal(['worker', null, worker.id]);
      await expectInvalid(fx.core.workforce.createBlackout.execute(fx.ctx(orgId), { ...window, scope: 'team', reason: 'x' }), ['/teamId']);
      await expectInvalid(fx.core.workforce.createBlackout.execute(fx.ctx(orgId), { ...window, scope: 'worker', reason: 'x' }), ['/workerId']);
    });

    it('validation.failed: an org-wide blackout naming a team or worker, an unknown scope, a bad window, no reason', async () => {
      const team = await fx.team(orgId);
      await expectInvalid(fx.core.workforce.createBlackout.execute(fx.ctx(orgId), { ...window, teamId: team.id, reason: 'x' }), ['/scope']);
      await expectInvalid(fx.core.workforce.createBlackout.execute(fx.ctx(orgId), ({ ...window, scope: 'region', reason: 'x' } as never)), ['/scope']);
      await expectInvalid(fx.core.workforce.createBlackout.execute(fx.ctx(orgId), { start: window.end, end: window.start, reason: 'x' }), ['/end']);
      await expectInvalid(
        fx.core.workforce.createBlackout.execute(fx.ctx(orgId), { start: window.start, end: new Date(utc(TUE, '00:00').getTime() + 367 * 24 * HOUR).toISOString(), reason: 'x' }),
        ['/end'],
      );
      await expectInvalid(fx.core.workforce.createBlackout.execute(fx.ctx(orgId), ({ start: 'soon', reason: '' } as never)), ['/start', '/end', '/reason']);
      // A long holiday is fine (up to 366 days).
      await fx.core.workforce.createBlackout.execute(fx.ctx(orgId), { start: window.start, end: new Date(utc(TUE, '00:00').getTime() + 366 * 24 * HOUR).toISOString(), reason: 'Sabbatical' });
    });

    it('team.not_found and worker.not_found for people not in the org', async () => {
      const otherOrg = await fx.newOrg('other');
      const theirTeam = await fx.team(otherOrg);
      const theirWorker = await fx.worker(otherOrg);
      await expectAppError(fx.core.workforce.createBlackout.execute(fx.ctx(orgId), { ...window, scope: 'team', teamId: theirTeam.id, reason: 'x' }), 'team.not_found');
      await expectAppError(fx.core.workforce.createBlackout.execute(fx.ctx(orgId), { ...window, scope: 'worker', workerId: theirWorker.id, reason: 'x' }), 'worker.not_found');
      expect(fx.state.tables.blackouts.size).to.equal(0);
    });

    it('lists blackouts overlapping a window by start, and deletes one (blackout.not_found after)', async () => {
      const later = await fx.core.workforce.createBlackout.execute(fx.ctx(orgId), { start: utc(TUE, '12:00').toISOString(), end: utc(TUE, '14:00').toISOString(), reason: 'Later' });
      const earlier = await fx.core.workforce.createBlackout.execute(fx.ctx(orgId), { start: utc(TUE, '08:00').toISOString(), end: utc(TUE, '09:00').toISOString(), reason: 'Earlier' });
      await fx.core.workforce.createBlackout.execute(fx.ctx(orgId), { start: utc(TUE, '09:00').toISOString(), end: utc(TUE, '10:00').toISOString(), reason: 'Elsewhere' });
      const list = (start: string, end: string) => fx.core.workforce.listBlackouts.execute(fx.ctx(orgId), { start: utc(TUE, start).toISOString(), end: utc(TUE, end).toISOString() });
      expect((await list('00:00', '23:00')).map((b) => b.reason)).to.deep.equal(['Earlier', 'Elsewhere', 'Later']);
      // Half-open windows: a blackout ending at 09:00 does not overlap one starting then.
      expect((await list('09:00', '09:30')).map((b) => b.reason)).to.deep.equal(['Elsewhere']);

      await fx.core.workforce.deleteBlackout.execute(fx.ctx(orgId), { id: earlier.id });
      expect((await list('00:00', '23:00')).map((b) => b.id)).not.to.include(earlier.id);
      expect(rowsOf('blackout.delete').map((r) => [r.resourceId, (r.before as { reason: string }).reason])).to.deep.equal([[earlier.id, 'Earlier']]);
      await expectAppError(fx.core.workforce.deleteBlackout.execute(fx.ctx(orgId), { id: earlier.id }), 'blackout.not_found');
      await expectAppError(fx.core.workforce.deleteBlackout.execute(fx.ctx(await fx.newOrg('other')), { id: later.id }), 'blackout.not_found');
      await expectInvalid(fx.core.workforce.deleteBlackout.execute(fx.ctx(orgId), { id: 'b' }), ['/id']);
      await expectInvalid(fx.core.workforce.listBlackouts.execute(fx.ctx(orgId), ({} as never)), ['/start', '/end']);
    });
  });
});
