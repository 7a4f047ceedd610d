import { expect } from 'chai';
import type { RequestContext, Role, SignInResult } from '@cws/core';
import { expectAppError, expectInvalid, T0 } from '../support/core-fixture.js';
import { MINUTE } from '../support/fixed-clock.js';
import { identityFixture, PASSWORD, type IdentityFixture } from '../support/identity-fixture.js';

const OWNER_EMAIL = 'olga@example.com';

describe('IAM use cases', () => {
  let fx: IdentityFixture;
  let orgId: string;
  let ownerId: string;

  beforeEach(async () => {
    fx = identityFixture();
    ({ orgId, ownerId } = await fx.newOrgWithOwner('acme', OWNER_EMAIL));
  });

  // Built per call: a context carries the clock's time at the request.
  const asOwner = (): RequestContext => fx.ctx(orgId, { role: 'owner', actorId: ownerId, requestId: 'req-iam' });
  const asAdmin = (): RequestContext => fx.ctx(orgId, { role: 'admin', actorId: 'user-ada', requestId: 'req-iam' });

  const invite = (email: string, role: Role, ctx = asOwner(), displayName?: string) =>
    fx.core.iam.inviteUser.execute(ctx, { email, role, ...(displayName === undefined ? {} : { displayName }) });
  /** An invite that adds a member at once (a new address, or a returning member). */
  const added = async (email: string, role: Role, ctx = asOwner(), displayName?: string) => {
    const outcome = await invite(email, role, ctx, displayName);
    if (outcome.kind !== 'member') throw new Error(`expected a member, got an invitation for ${email}`);
    return { ...outcome.member, temporaryPassword: outcome.temporaryPassword, reactivated: outcome.reactivated };
  };
  const rowsOf = (action: string, org = orgId) => fx.auditRows(org).filter((r) => r.action === action);
  const membershipOf = (userId: string, org = orgId) => [...fx.state.tables.memberships.values()].find((m) => m.userId === userId && m.orgId === org)!;

  describe('ListUsers', () => {
    it('lists the org’s members oldest first, deactivated ones included', async () => {
      fx.clock.advance(MINUTE);
      const dan = await added('dan@example.com', 'dispatcher');
      fx.clock.advance(MINUTE);
      const fay = await added('fay@example.com', 'finance');
      await fx.core.iam.deactivate.execute(asOwner(), { id: dan.user.id });
      const { items: members, nextCursor } = await fx.core.iam.listUsers.execute(asOwner());
      expect(nextCursor, 'the whole list in one page').to.equal(null);
      expect(members.map((m) => [m.user.email, m.membership.role, m.membership.deactivatedAt])).to.deep.equal([
        [OWNER_EMAIL, 'owner', null],
        ['dan@example.com', 'dispatcher', new Date(T0.getTime() + 2 * MINUTE)],
        ['fay@example.com', 'finance', null],
      ]);
      expect(members[2]!.user).to.deep.equal(fay.user);
    });

    it('shows only this org’s members (tenant isolation), and a shared user with the role of each org', async () => {
      const { orgId: otherOrg } = await fx.newOrgWithOwner('other', 'sam@example.com');
      await added('dan@example.com', 'dispatcher');
      await fx.invite(otherOrg, OWNER_EMAIL, 'viewer');
      const emails = async (org: string) => (await fx.core.iam.listUsers.execute(fx.ctx(org))).items.map((m) => [m.user.email, m.membership.role]);
      expect(await emails(orgId)).to.deep.equal([
        [OWNER_EMAIL, 'owner'],
        ['dan@example.com', 'dispatcher'],
      ]);
      expect(await emails(otherOrg)).to.deep.equal([
        ['sam@example.com', 'owner'],
        [OWNER_EMAIL, 'viewer'],
      ]);
    });
  });

  describe('InviteUser', () => {
    it('creates an account with a temporary password returned once (only its hash stored) that must be changed', async () => {
      const [userId, membershipId] = [fx.ids.peek(1), fx.ids.peek(2)];
      const result = await added('Dan@Example.com', 'dispatcher', asOwner(), 'Dan D.');
      expect(result.temporaryPassword).to.be.a('string').with.length(20);
      expect(result.user).to.deep.include({
        id: userId,
        email: 'dan@example.com',
        displayName: 'Dan D.',
        mustChangePassword: true,
        totpEnabledAt: null,
        managedByOrgId: orgId,
        emailVerifiedAt: null,
      });
      expect(result.membership).to.deep.equal({ id: membershipId, orgId, userId, role: 'dispatcher', displayName: 'Dan D.', deactivatedAt: null, createdAt: T0, updatedAt: T0 });
      const stored = fx.storedUser(userId);
      expect(stored).to.deep.equal(result.user);
      expect(stored.passwordHash).not.to.include(result.temporaryPassword!);
      expect(await fx.hasher.verify(stored.passwordHash, result.temporaryPassword!)).to.equal(true);

      const rows = rowsOf('iam.user_invite');
      expect(rows.map((r) => [r.resourceId, r.actorId, r.requestId, r.after, r.metadata])).to.deep.equal([
        [
          userId,
          ownerId,
          'req-iam',
          { user_id: userId, email: 'dan@example.com', display_name: 'Dan D.', role: 'dispatcher', deactivated_at: null },
          { account_created: true, notification: 'password_set_notice' },
        ],
      ]);
      expect(JSON.stringify(fx.auditRows(orgId))).not.to.include(result.temporaryPassword!);

      const signed = await fx.signIn('dan@example.com', result.temporaryPassword!);
      expect(signed.session.role).to.equal('dispatcher');
      expect(signed.user.mustChangePassword).to.equal(true);
    });

    it('defaults the display name to the email’s local part; records an emailed password when configured', async () => {
      fx = identityFixture({ outbox: { emailTemporaryPasswords: true } });
      ({ orgId } = await fx.newOrgWithOwner('acme', OWNER_EMAIL));
      const outcome = await fx.core.iam.inviteUser.execute(fx.ctx(orgId), { email: 'dan.d@example.com', role: 'viewer' });
      expect(outcome.kind === 'member' && outcome.member.membership.displayName).to.equal('dan.d');
      expect(rowsOf('iam.user_invite')[0]!.metadata).to.deep.equal({ account_created: true, notification: 'temporary_password_email' });
    });

    it('an admin may invite an admin but not an owner (iam.owner_only)', async () => {
      await added('ada@example.com', 'admin', asAdmin());
      await expectAppError(invite('oscar@example.com', 'owner', asAdmin()), 'iam.owner_only');
      expect([...fx.state.tables.users.values()].map((u) => u.email)).not.to.include('oscar@example.com');
      await added('oscar@example.com', 'owner', asOwner());
    });

    it('storage.conflict for someone already an active member, adding nothing', async () => {
      const dan = await added('dan@example.com', 'dispatcher');
      await expectAppError(invite('DAN@example.com', 'finance'), 'storage.conflict');
      await expectAppError(invite(OWNER_EMAIL, 'viewer'), 'storage.conflict');
      expect(rowsOf('iam.user_invite')).to.have.length(1);
      expect([...fx.state.tables.memberships.values()].filter((m) => m.userId === dan.user.id)).to.have.length(1);
    });

    it('reactivates a deactivated member with the role asked for: same membership, audited before and after', async () => {
      const dan = await added('dan@example.com', 'dispatcher');
      await fx.core.iam.deactivate.execute(asOwner(), { id: dan.user.id });
      const back = await added('dan@example.com', 'viewer');
      expect(back.membership).to.deep.include({ id: dan.membership.id, role: 'viewer', deactivatedAt: null });
      expect(back.temporaryPassword, 'the account keeps its password').to.equal(null);
      expect(back.reactivated).to.equal(true);
      expect([...fx.state.tables.memberships.values()].filter((m) => m.userId === dan.user.id)).to.have.length(1);
      const [row] = rowsOf('iam.user_reactivate');
      expect(row!.before).to.deep.include({ role: 'dispatcher' });
      expect(row!.after).to.deep.include({ role: 'viewer', deactivated_at: null });
      expect(rowsOf('iam.user_invite'), 'not a second invite').to.have.length(1);
    });

    it('validation.failed for a missing or malformed email and an unknown role', async () => {
      await expectInvalid(fx.core.iam.inviteUser.execute(asOwner(), { email: undefined, role: 'janitor' } as never), ['/email', '/role']);
      await expectInvalid(invite('not-an-email', 'viewer'), ['/email']);
      await expectInvalid(invite('x@example.com', 'OWNER' as never), ['/role']);
      await expectInvalid(invite('x@example.com', 'viewer', asOwner(), '   '), ['/displayName']);
      await expectInvalid(invite('x@example.com', 'viewer', asOwner(), 'n'.repeat(201)), ['/displayName']);
      await expectInvalid(fx.core.iam.inviteUser.execute(asOwner(), { email: 'x@example.com', role: 'viewer', userId: 'u' } as never), ['/userId']);
      expect(fx.state.tables.users.size).to.equal(1);
    });

    it('trims the display name and the address (lower-cased) it is given', async () => {
      const dan = await added('  Dan@Example.com ', 'viewer', asOwner(), '  Dan D.  ');
      expect([dan.user.email, dan.membership.displayName]).to.deep.equal(['dan@example.com', 'Dan D.']);
    });
  });

  describe('ResetUserPassword', () => {
    let danId: string;
    let danSession: SignInResult;

    beforeEach(async () => {
      const invited = await added('dan@example.com', 'dispatcher');
      danId = invited.user.id;
      danSession = await fx.signIn('dan@example.com', invited.temporaryPassword!);
      await fx.core.identity.changePassword.execute(fx.as(danSession.session), {
        sessionId: danSession.session.id,
        currentPassword: invited.temporaryPassword!,
        newPassword: PASSWORD,
      });
    });

    it('sets a new temporary password (returned once), requires a change, and ends the user’s sessions', async () => {
      const at = fx.clock.advance(MINUTE);
      const { id, temporaryPassword, mustChangePassword } = await fx.core.iam.resetPassword.execute(asAdmin(), { id: danId.toUpperCase() });
      expect(temporaryPassword).to.be.a('string').with.length(20);
      expect([id, mustChangePassword], 'the id as stored (lower case)').to.deep.equal([danId, true]);
      expect(fx.storedUser(danId)).to.deep.include({ mustChangePassword: true, passwordChangedAt: at });
      expect(fx.storedSession(danSession.session.id)).to.deep.include({ revokedAt: at, revokedReason: 'password_reset' });
      expect(rowsOf('iam.password_reset').map((r) => [r.resourceId, r.actorId, r.metadata])).to.deep.equal([
        [danId, 'user-ada', { sessions_ended: 1, notification: 'password_set_notice' }],
      ]);
      await expectAppError(fx.signIn('dan@example.com', PASSWORD), 'auth.invalid_credentials');
      expect((await fx.signIn('dan@example.com', temporaryPassword)).user.mustChangePassword).to.equal(true);
    });

    it('iam.self_managed_account once another org linked the account (its holder accepted), changing nothing', async () => {
      const { orgId: otherOrg } = await fx.newOrgWithOwner('other', 'sam@example.com');
      await fx.invite(otherOrg, 'dan@example.com', 'viewer');
      const after = await fx.signIn('dan@example.com', PASSWORD, { orgId });
      const before = fx.storedUser(danId);
      expect(before.managedByOrgId).to.equal(null);
      await expectAppError(fx.core.iam.resetPassword.execute(asOwner(), { id: danId }), 'iam.self_managed_account');
      await expectAppError(fx.core.iam.resetPassword.execute(fx.ctx(otherOrg), { id: danId }), 'iam.self_managed_account');
      expect(fx.storedUser(danId)).to.deep.equal(before);
      expect(fx.storedSession(after.session.id).revokedAt).to.equal(null);
      expect(rowsOf('iam.password_reset')).to.deep.equal([]);
    });

    it('stays with its holder after the other org deactivates it: custody never returns to an org', async () => {
      const { orgId: otherOrg } = await fx.newOrgWithOwner('other', 'sam@example.com');
      await fx.invite(otherOrg, 'dan@example.com', 'viewer');
      await fx.core.iam.deactivate.execute(fx.ctx(otherOrg, { role: 'owner' }), { id: danId });
      await expectAppError(fx.core.iam.resetPassword.execute(asOwner(), { id: danId }), 'iam.self_managed_account');
      expect((await fx.signIn('dan@example.com', PASSWORD)).membership.orgId).to.equal(orgId);
    });

    it('iam.owner_only for an admin resetting an owner; identity.user_not_found outside the org; validation.failed for a bad id', async () => {
      await expectAppError(fx.core.iam.resetPassword.execute(asAdmin(), { id: ownerId }), 'iam.owner_only');
      const { ownerId: samId } = await fx.newOrgWithOwner('other', 'sam@example.com');
      await expectAppError(fx.core.iam.resetPassword.execute(asOwner(), { id: samId }), 'identity.user_not_found');
      await expectInvalid(fx.core.iam.resetPassword.execute(asOwner(), { id: 'dan' }), ['/id']);
      await fx.signIn(OWNER_EMAIL, PASSWORD);
      await fx.signIn('sam@example.com', PASSWORD);
    });
  });

  describe('ChangeUserRole', () => {
    let danId: string;

    beforeEach(async () => {
      danId = (await added('dan@example.com', 'dispatcher')).user.id;
    });

    it('changes the role, ends the member’s sessions, and audits before and after', async () => {
      const { temporaryPassword } = await fx.core.iam.resetPassword.execute(asOwner(), { id: danId });
      const signed = await fx.signIn('dan@example.com', temporaryPassword);
      const at = fx.clock.advance(MINUTE);
      const result = await fx.core.iam.changeRole.execute(asAdmin(), { id: danId, role: 'finance' });
      expect(result.membership).to.deep.include({ role: 'finance', updatedAt: at });
      expect(membershipOf(danId)).to.deep.equal(result.membership);
      expect(fx.storedSession(signed.session.id)).to.deep.include({ revokedAt: at, revokedReason: 'role_changed' });
      const rows = rowsOf('iam.role_change');
      expect(rows.map((r) => [r.resourceId, r.actorId, r.before, r.after, r.metadata])).to.deep.equal([
        [
          danId,
          'user-ada',
          { user_id: danId, email: 'dan@example.com', display_name: 'dan', role: 'dispatcher', deactivated_at: null },
          { user_id: danId, email: 'dan@example.com', display_name: 'dan', role: 'finance', deactivated_at: null },
          { sessions_ended: 1 },
        ],
      ]);
      expect((await fx.signIn('dan@example.com', temporaryPassword)).session.role).to.equal('finance');
    });

    it('the same role is a no-op: nothing audited, sessions kept', async () => {
      const { temporaryPassword } = await fx.core.iam.resetPassword.execute(asOwner(), { id: danId });
      const signed = await fx.signIn('dan@example.com', temporaryPassword);
      const result = await fx.core.iam.changeRole.execute(asOwner(), { id: danId, role: 'dispatcher' });
      expect(result.membership.role).to.equal('dispatcher');
      expect(rowsOf('iam.role_change')).to.deep.equal([]);
      expect(fx.storedSession(signed.session.id).revokedAt).to.equal(null);
    });

    it('iam.owner_only for an admin raising someone to owner or changing an owner', async () => {
      await expectAppError(fx.core.iam.changeRole.execute(asAdmin(), { id: danId, role: 'owner' }), 'iam.owner_only');
      await expectAppError(fx.core.iam.changeRole.execute(asAdmin(), { id: ownerId, role: 'admin' }), 'iam.owner_only');
      expect(membershipOf(danId).role).to.equal('dispatcher');
      expect(membershipOf(ownerId).role).to.equal('owner');
    });

    it('iam.last_owner for demoting the only active owner; with a second owner one may be demoted', async () => {
      const err = await expectAppError(fx.core.iam.changeRole.execute(asOwner(), { id: ownerId, role: 'admin' }), 'iam.last_owner');
      expect(err.details).to.deep.equal({ user_id: ownerId });
      await fx.core.iam.changeRole.execute(asOwner(), { id: danId, role: 'owner' });
      await fx.core.iam.changeRole.execute(asOwner(), { id: ownerId, role: 'admin' });
      expect(membershipOf(ownerId).role).to.equal('admin');
      await expectAppError(fx.core.iam.changeRole.execute(asOwner(), { id: danId, role: 'viewer' }), 'iam.last_owner');
    });

    it('a deactivated owner does not count as the other owner', async () => {
      await fx.core.iam.changeRole.execute(asOwner(), { id: danId, role: 'owner' });
      await fx.core.iam.deactivate.execute(asOwner(), { id: danId });
      await expectAppError(fx.core.iam.changeRole.execute(asOwner(), { id: ownerId, role: 'admin' }), 'iam.last_owner');
    });

    it('identity.user_not_found for a user of another org; validation.failed for a bad id or role', async () => {
      const { ownerId: samId } = await fx.newOrgWithOwner('other', 'sam@example.com');
      await expectAppError(fx.core.iam.changeRole.execute(asOwner(), { id: samId, role: 'viewer' }), 'identity.user_not_found');
      await expectInvalid(fx.core.iam.changeRole.execute(asOwner(), { id: 'dan', role: 'boss' } as never), ['/id', '/role']);
    });
  });

  describe('DeactivateUser', () => {
    let danId: string;
    let danPassword: string;

    beforeEach(async () => {
      const invited = await added('dan@example.com', 'dispatcher');
      [danId, danPassword] = [invited.user.id, invited.temporaryPassword!];
    });

    it('deactivates the membership, ends the sessions, audits it, and blocks sign-in here', async () => {
      const signed = await fx.signIn('dan@example.com', danPassword);
      const at = fx.clock.advance(MINUTE);
      const result = await fx.core.iam.deactivate.execute(asAdmin(), { id: danId });
      expect(result.membership).to.deep.include({ deactivatedAt: at, updatedAt: at, role: 'dispatcher' });
      expect(membershipOf(danId).deactivatedAt).to.deep.equal(at);
      expect(fx.storedSession(signed.session.id)).to.deep.include({ revokedAt: at, revokedReason: 'deactivated' });
      const rows = rowsOf('iam.user_deactivate');
      expect(rows.map((r) => [r.resourceId, r.before!['deactivated_at'], r.after!['deactivated_at'], r.metadata])).to.deep.equal([
        [danId, null, at.toISOString(), { sessions_ended: 1 }],
      ]);
      await expectAppError(fx.signIn('dan@example.com', danPassword), 'auth.invalid_credentials');
    });

    it('is idempotent: a second call changes and audits nothing', async () => {
      const first = await fx.core.iam.deactivate.execute(asOwner(), { id: danId });
      fx.clock.advance(MINUTE);
      const second = await fx.core.iam.deactivate.execute(asOwner(), { id: danId });
      expect(second.membership).to.deep.equal(first.membership);
      expect(membershipOf(danId).deactivatedAt).to.deep.equal(T0);
      expect(rowsOf('iam.user_deactivate')).to.have.length(1);
    });

    it('iam.last_owner for the only active owner; iam.owner_only for an admin deactivating an owner', async () => {
      await expectAppError(fx.core.iam.deactivate.execute(asOwner(), { id: ownerId }), 'iam.last_owner');
      await fx.core.iam.changeRole.execute(asOwner(), { id: danId, role: 'owner' });
      await expectAppError(fx.core.iam.deactivate.execute(asAdmin(), { id: ownerId }), 'iam.owner_only');
      expect(membershipOf(ownerId).deactivatedAt).to.equal(null);
      await fx.core.iam.deactivate.execute(asOwner(), { id: ownerId });
      expect(membershipOf(ownerId).deactivatedAt).to.deep.equal(T0);
    });

    it('identity.user_not_found for a user of another org, whose membership there is untouched', async () => {
      const { orgId: otherOrg, ownerId: samId } = await fx.newOrgWithOwner('other', 'sam@example.com');
      await expectAppError(fx.core.iam.deactivate.execute(asOwner(), { id: samId }), 'identity.user_not_found');
      expect(membershipOf(samId, otherOrg).deactivatedAt).to.equal(null);
    });
  });

  describe('LogoutUser', () => {
    it('ends every session of the member in this org and returns how many; other orgs’ sessions live on', async () => {
      const { orgId: otherOrg } = await fx.newOrgWithOwner('other', OWNER_EMAIL);
      const here = [await fx.signIn(OWNER_EMAIL, PASSWORD, { orgId }), await fx.signIn(OWNER_EMAIL, PASSWORD, { orgId })];
      const there = await fx.signIn(OWNER_EMAIL, PASSWORD, { orgId: otherOrg });
      const at = fx.clock.advance(MINUTE);
      expect(await fx.core.iam.logoutUser.execute(asOwner(), { id: ownerId })).to.deep.equal({ id: ownerId, sessionsEnded: 2 });
      for (const s of here) expect(fx.storedSession(s.session.id)).to.deep.include({ revokedAt: at, revokedReason: 'logout_by_admin' });
      expect(fx.storedSession(there.session.id).revokedAt).to.equal(null);
      expect(await fx.core.iam.logoutUser.execute(asOwner(), { id: ownerId })).to.deep.equal({ id: ownerId, sessionsEnded: 0 });
      expect(rowsOf('iam.user_logout').map((r) => [r.resourceId, r.metadata])).to.deep.equal([
        [ownerId, { sessions_ended: 2 }],
        [ownerId, { sessions_ended: 0 }],
      ]);
    });

    it('iam.owner_only for an admin logging out an owner; identity.user_not_found outside the org', async () => {
      const signed = await fx.signIn(OWNER_EMAIL, PASSWORD);
      await expectAppError(fx.core.iam.logoutUser.execute(asAdmin(), { id: ownerId }), 'iam.owner_only');
      expect(fx.storedSession(signed.session.id).revokedAt).to.equal(null);
      const { ownerId: samId } = await fx.newOrgWithOwner('other', 'sam@example.com');
      await expectAppError(fx.core.iam.logoutUser.execute(asOwner(), { id: samId }), 'identity.user_not_found');
    });
  });
});
