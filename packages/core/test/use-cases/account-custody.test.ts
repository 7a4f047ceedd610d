/**
 * Accounts are shared between orgs, so custody of their credentials is the one thing RLS alone
 * cannot isolate (ADR 13). These are the attacks of the review, written as an attacker would run
 * them, and the promises that stop them.
 */
import { expect } from 'chai';
import type { RequestContext } from '@cws/core';
import { expectAppError, expectInvalid } from '../support/core-fixture.js';
import { DAY, MINUTE } from '../support/fixed-clock.js';
import { asInvitation, asMember, CLIENT_IP, identityFixture, PASSWORD, type IdentityFixture } from '../support/identity-fixture.js';

const VICTIM = 'new.hire@a.test';
const ATTACKER_PASSWORD = 'Attacker-Chosen-Passphrase-77';
const VICTIM_PASSWORD = 'Victims-Own-Kettle-Sunrise-3';

describe('Account custody across orgs (ADR 13)', () => {
  let fx: IdentityFixture;
  let orgA: string;
  let orgB: string;
  let ownerA: string;
  let ownerB: string;

  beforeEach(async () => {
    fx = identityFixture();
    ({ orgA, ownerA, orgB, ownerB } = await fx.twoOrgs());
  });

  const asOwnerOf = (orgId: string, actorId: string): RequestContext => fx.ctx(orgId, { role: 'owner', actorId, requestId: 'req-custody' });
  const member = asMember;
  const invitation = asInvitation;

  /** Org B's admin provisions the address org A will invite later, and takes the account over. */
  async function attackerProvisionsVictimInB() {
    const made = member(await fx.core.iam.inviteUser.execute(asOwnerOf(orgB, ownerB), { email: VICTIM, role: 'viewer', displayName: 'Mallory set this' }));
    const first = await fx.signIn(VICTIM, made.temporaryPassword!);
    await fx.core.identity.changePassword.execute(fx.as(first.session), { sessionId: first.session.id, currentPassword: made.temporaryPassword!, newPassword: ATTACKER_PASSWORD });
    const attacker = await fx.signIn(VICTIM, ATTACKER_PASSWORD);
    const { secret } = await fx.enableTotp(attacker.session, ATTACKER_PASSWORD);
    return { userId: made.member.user.id, secret };
  }

  describe('pre-invite takeover (review finding 1)', () => {
    it('an org that invites an address with an account links nothing: the attacker cannot sign in to org A', async () => {
      const { userId, secret } = await attackerProvisionsVictimInB();
      const outcome = invitation(await fx.core.iam.inviteUser.execute(asOwnerOf(orgA, ownerA), { email: VICTIM, role: 'admin' }));
      expect(outcome.delivery).to.equal('queued');
      expect(outcome.invitation).to.deep.include({ orgId: orgA, email: VICTIM, role: 'admin', acceptedAt: null, acceptedUserId: null });
      expect([...fx.state.tables.memberships.values()].filter((m) => m.orgId === orgA && m.userId === userId)).to.deep.equal([]);
      await expectAppError(fx.signIn(VICTIM, ATTACKER_PASSWORD, { orgId: orgA, totpCode: fx.code(secret) }), 'auth.forbidden');
    });

    it('the holder accepts from their mailbox: the org-set password, second factor and sessions are gone, and B can no longer reset them', async () => {
      const { userId, secret } = await attackerProvisionsVictimInB();
      const attackerSession = await fx.signIn(VICTIM, ATTACKER_PASSWORD, { totpCode: fx.code(secret) });
      await fx.core.iam.inviteUser.execute(asOwnerOf(orgA, ownerA), { email: VICTIM, role: 'admin' });
      const token = fx.mailedToken('invitation', VICTIM);

      // The account's old password is not enough to accept: the holder must choose a new one.
      await expectInvalid(fx.core.identity.acceptInvitation.execute({ ...fx.attempt(), clientIp: CLIENT_IP }, { token, password: ATTACKER_PASSWORD }), ['/newPassword']);
      const accepted = await fx.core.identity.acceptInvitation.execute({ ...fx.attempt(), clientIp: CLIENT_IP }, { token, newPassword: VICTIM_PASSWORD });
      expect(accepted).to.deep.equal({ orgId: orgA, userId, email: VICTIM, role: 'admin', credentialsReplaced: true });

      const account = fx.storedUser(userId);
      expect(account).to.deep.include({ managedByOrgId: null, totpSecretSealed: null, totpEnabledAt: null, recoveryCodeHashes: [], mustChangePassword: false });
      expect(account.emailVerifiedAt).to.be.instanceOf(Date);
      expect(fx.storedSession(attackerSession.session.id).revokedReason).to.equal('credentials_replaced');
      await expectAppError(fx.signIn(VICTIM, ATTACKER_PASSWORD, { orgId: orgB }), 'auth.invalid_credentials');
      // B's admin cannot take it back: no reset, no second-factor removal.
      await expectAppError(fx.core.iam.resetPassword.execute(asOwnerOf(orgB, ownerB), { id: userId }), 'iam.self_managed_account');
      await expectAppError(fx.core.identity.disableTotp.execute(asOwnerOf(orgB, ownerB), { userId }), 'iam.self_managed_account');
      // The holder signs in to A with the role A granted.
      expect((await fx.signIn(VICTIM, VICTIM_PASSWORD, { orgId: orgA })).session.role).to.equal('admin');
      const ended = fx.auditRows(orgB).filter((r) => r.action === 'auth.sessions_ended');
      expect(ended.map((r) => [r.metadata!['reason'], r.metadata!['changed_in_org_id']])).to.deep.equal([['credentials_replaced', orgA]]);
      expect(ended[0]!.metadata!['sessions_ended']).to.be.at.least(1);
    });

    it('an org may never create an account it does not manage, nor link an existing one without its holder', async () => {
      const { userId } = await attackerProvisionsVictimInB();
      const existing = fx.storedUser(userId);
      // Straight through the repositories, as a buggy or hostile use case would.
      const planted = { ...existing, id: fx.ids.next(), email: 'planted@a.test', managedByOrgId: orgA };
      await expectAppError(fx.adapters.uow.run(asOwnerOf(orgB, ownerB), (r) => r.users.insert(planted)), 'tenant.cross_org_write');
      await expectAppError(
        fx.adapters.uow.run(asOwnerOf(orgA, ownerA), (r) =>
          r.memberships.insert({ id: fx.ids.next(), orgId: orgA, userId, role: 'owner', displayName: 'x', deactivatedAt: null, createdAt: fx.clock.now(), updatedAt: fx.clock.now() }),
        ),
        'tenant.cross_org_write',
      );
    });
  });

  describe('cross-org second-factor removal (review finding 2)', () => {
    it("B's owner inviting A's member gets no handle on the account: disabling its TOTP is not found, and A's sessions survive", async () => {
      const added = member(await fx.core.iam.inviteUser.execute(asOwnerOf(orgA, ownerA), { email: 'alice@a.test', role: 'dispatcher' }));
      const alice = added.member.user.id;
      const first = await fx.signIn('alice@a.test', added.temporaryPassword!);
      await fx.core.identity.changePassword.execute(fx.as(first.session), { sessionId: first.session.id, currentPassword: added.temporaryPassword!, newPassword: PASSWORD });
      const inA = await fx.signIn('alice@a.test', PASSWORD);
      await fx.enableTotp(inA.session);
      const sessionInA = inA;

      const outcome = invitation(await fx.core.iam.inviteUser.execute(asOwnerOf(orgB, ownerB), { email: 'alice@a.test', role: 'viewer' }));
      expect(JSON.stringify(outcome)).not.to.include(alice);
      await expectAppError(fx.core.identity.disableTotp.execute(asOwnerOf(orgB, ownerB), { userId: alice }), 'identity.user_not_found');
      await expectAppError(fx.core.iam.resetPassword.execute(asOwnerOf(orgB, ownerB), { id: alice }), 'identity.user_not_found');
      expect(fx.storedUser(alice).totpEnabledAt).not.to.equal(null);
      expect(fx.storedSession(sessionInA.session.id).revokedAt).to.equal(null);
    });

    it('even after Alice accepts, B cannot clear her second factor or password (her holder alone manages them)', async () => {
      const { userId: alice } = await fx.invite(orgA, 'alice@a.test', 'dispatcher');
      await fx.invite(orgB, 'alice@a.test', 'viewer'); // Alice accepts B's invitation
      await expectAppError(fx.core.identity.disableTotp.execute(asOwnerOf(orgB, ownerB), { userId: alice }), 'iam.self_managed_account');
      await expectAppError(fx.core.identity.disableTotp.execute(asOwnerOf(orgA, ownerA), { userId: alice }), 'iam.self_managed_account');
      await expectAppError(fx.core.iam.resetPassword.execute(asOwnerOf(orgB, ownerB), { id: alice }), 'iam.self_managed_account');
    });

    it("an org's own managed member: its owner resets the second factor, and only that org's sessions exist to end", async () => {
      const { userId: dan, password } = await fx.invite(orgA, 'dan@a.test', 'dispatcher');
      const signed = await fx.signIn('dan@a.test', password!);
      await fx.enableTotp(signed.session, password!);
      await fx.core.identity.disableTotp.execute(asOwnerOf(orgA, ownerA), { userId: dan });
      expect(fx.storedUser(dan).totpEnabledAt).to.equal(null);
    });
  });

  describe('what an invite shows the inviting org', () => {
    it('nothing the holder or another org set: no name, second factor, other orgs or account id', async () => {
      const { userId } = await attackerProvisionsVictimInB();
      const outcome = invitation(await fx.core.iam.inviteUser.execute(asOwnerOf(orgA, ownerA), { email: VICTIM.toUpperCase(), role: 'viewer' }));
      const shown = JSON.stringify(outcome);
      for (const secret of [userId, 'Mallory set this', orgB, 'totp']) expect(shown).not.to.include(secret);
      expect(outcome.invitation.displayName).to.equal('new.hire');
      const audited = JSON.stringify(fx.auditRows(orgA));
      for (const secret of [userId, 'Mallory set this', orgB]) expect(audited).not.to.include(secret);
    });

    it("each org names its member on the membership: B's name never reaches A", async () => {
      const { userId } = await attackerProvisionsVictimInB();
      await fx.core.iam.inviteUser.execute(asOwnerOf(orgA, ownerA), { email: VICTIM, role: 'viewer', displayName: 'Nina New' });
      await fx.core.identity.acceptInvitation.execute({ ...fx.attempt(), clientIp: CLIENT_IP }, { token: fx.mailedToken('invitation', VICTIM), newPassword: VICTIM_PASSWORD });
      const listed = await fx.core.iam.listUsers.execute(asOwnerOf(orgA, ownerA));
      const nina = listed.items.find((m) => m.user.id === userId)!;
      expect(nina.membership.displayName).to.equal('Nina New');
    });
  });

  describe('AcceptInvitation', () => {
    let holder: string;

    beforeEach(async () => {
      // Sam manages his own account: he belongs to B already, having accepted an invitation.
      ({ userId: holder } = await fx.invite(orgB, 'sam@b.test', 'dispatcher'));
      await fx.invite(orgA, 'sam@b.test', 'viewer');
      expect(fx.storedUser(holder).managedByOrgId).to.equal(null);
    });

    async function inviteSamTo(orgSlug: string) {
      const { orgId } = await fx.newOrgWithOwner(orgSlug, `owner@${orgSlug}.test`);
      const outcome = invitation(await fx.core.iam.inviteUser.execute(fx.ctx(orgId), { email: 'sam@b.test', role: 'admin' }));
      return { orgId, outcome, token: fx.mailedToken('invitation', 'sam@b.test') };
    }

    it('an account its holder manages joins with its password; nothing else about it changes', async () => {
      const { orgId, token } = await inviteSamTo('org-c');
      const before = fx.storedUser(holder);
      const inB = await fx.signIn('sam@b.test', PASSWORD, { orgId: orgB });
      await expectInvalid(fx.core.identity.acceptInvitation.execute({ ...fx.attempt(), clientIp: CLIENT_IP }, { token }), ['/password']);
      await expectInvalid(fx.core.identity.acceptInvitation.execute({ ...fx.attempt(), clientIp: CLIENT_IP }, { token, password: PASSWORD, orgId } as never), ['/orgId']);
      await expectInvalid(fx.core.identity.acceptInvitation.execute({ ...fx.attempt(), clientIp: CLIENT_IP }, { token, password: 'Not-His-Password-9' }), ['/password']);
      const accepted = await fx.core.identity.acceptInvitation.execute({ ...fx.attempt(), clientIp: CLIENT_IP }, { token, password: PASSWORD });
      expect(accepted).to.deep.include({ orgId, userId: holder, role: 'admin', credentialsReplaced: false });
      expect(fx.storedUser(holder).passwordHash).to.equal(before.passwordHash);
      expect(fx.storedSession(inB.session.id).revokedAt).to.equal(null);
      expect(fx.auditRows(orgId).filter((r) => r.action === 'iam.invitation_accept').map((r) => [r.actorId, r.metadata])).to.deep.equal([
        [holder, { user_id: holder, credentials_replaced: false }],
      ]);
    });

    it('asks for the second factor of an account that has one', async () => {
      const signed = await fx.signIn('sam@b.test', PASSWORD, { orgId: orgB });
      const { secret } = await fx.enableTotp(signed.session);
      const { orgId, token } = await inviteSamTo('org-c');
      await expectAppError(fx.core.identity.acceptInvitation.execute({ ...fx.attempt(), clientIp: CLIENT_IP }, { token, password: PASSWORD }), 'auth.mfa_required');
      await fx.core.identity.acceptInvitation.execute({ ...fx.attempt(), clientIp: CLIENT_IP }, { token, password: PASSWORD, totpCode: fx.code(secret) });
      expect((await fx.signIn('sam@b.test', PASSWORD, { orgId, totpCode: (fx.clock.advance(30_000), fx.code(secret)) })).session.role).to.equal('admin');
    });

    it('a token works once, not after it expired or was revoked or renewed, and not under another org', async () => {
      const { orgId, outcome, token } = await inviteSamTo('org-c');
      await fx.core.identity.acceptInvitation.execute({ ...fx.attempt(), clientIp: CLIENT_IP }, { token, password: PASSWORD });
      await expectAppError(fx.core.identity.acceptInvitation.execute({ ...fx.attempt(), clientIp: CLIENT_IP }, { token, password: PASSWORD }), 'auth.token_invalid');
      await fx.core.iam.deactivate.execute(fx.ctx(orgId), { id: holder });

      const second = await inviteSamTo('org-d');
      const forged = `${orgA}.${second.token.split('.')[1]}`;
      await expectAppError(fx.core.identity.acceptInvitation.execute({ ...fx.attempt(), clientIp: CLIENT_IP }, { token: forged, password: PASSWORD }), 'auth.token_invalid');
      await fx.core.iam.resendInvitation.execute(fx.ctx(second.orgId), { id: second.outcome.invitation.id });
      await expectAppError(fx.core.identity.acceptInvitation.execute({ ...fx.attempt(), clientIp: CLIENT_IP }, { token: second.token, password: PASSWORD }), 'auth.token_invalid');
      const renewed = fx.mailedToken('invitation', 'sam@b.test');
      await fx.core.iam.revokeInvitation.execute(fx.ctx(second.orgId), { id: second.outcome.invitation.id });
      await expectAppError(fx.core.identity.acceptInvitation.execute({ ...fx.attempt(), clientIp: CLIENT_IP }, { token: renewed, password: PASSWORD }), 'auth.token_invalid');

      const third = await inviteSamTo('org-e');
      fx.clock.advance(7 * DAY + MINUTE);
      await expectAppError(fx.core.identity.acceptInvitation.execute({ ...fx.attempt(), clientIp: CLIENT_IP }, { token: third.token, password: PASSWORD }), 'auth.token_invalid');
      const statuses = (await fx.core.iam.listInvitations.execute(fx.ctx(third.orgId))).items.map((i) => i.status);
      expect(statuses).to.deep.equal(['expired']);
      expect(outcome.invitation.orgId).to.equal(orgId);
      expect((await fx.core.iam.listInvitations.execute(fx.ctx(second.orgId))).items.map((i) => i.status)).to.deep.equal(['revoked']);
      expect((await fx.core.iam.listInvitations.execute(fx.ctx(orgId))).items.map((i) => i.status)).to.deep.equal(['accepted']);
      for (const junk of ['x', ' ', `${orgA}.short`, `not-a-uuid.${'a'.repeat(40)}`]) {
        await expectAppError(fx.core.identity.acceptInvitation.execute({ ...fx.attempt(), clientIp: CLIENT_IP }, { token: junk, password: PASSWORD }), 'auth.token_invalid');
      }
      // No token at all is refused by the contract, before any lookup.
      await expectInvalid(fx.core.identity.acceptInvitation.execute({ ...fx.attempt(), clientIp: CLIENT_IP }, { token: undefined, password: PASSWORD } as never), ['/token']);
      await expectInvalid(fx.core.identity.acceptInvitation.execute({ ...fx.attempt(), clientIp: CLIENT_IP }, { token: '', password: PASSWORD }), ['/token']);
    });

    it('two acceptances of one token at once: one joins, the other is refused', async () => {
      const { token, orgId } = await inviteSamTo('org-c');
      const results = await Promise.allSettled([0, 1, 2].map(() => fx.core.identity.acceptInvitation.execute({ ...fx.attempt(), clientIp: CLIENT_IP }, { token, password: PASSWORD })));
      expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
      expect([...fx.state.tables.memberships.values()].filter((m) => m.orgId === orgId && m.userId === holder)).to.have.length(1);
    });

    it('re-inviting renews the open invitation (one per address), and the org lists and revokes them', async () => {
      const { orgId, outcome } = await inviteSamTo('org-c');
      const again = invitation(await fx.core.iam.inviteUser.execute(fx.ctx(orgId), { email: 'Sam@B.test', role: 'viewer' }));
      expect(again.invitation.id).to.equal(outcome.invitation.id);
      expect(again.invitation.role).to.equal('viewer');
      const listed = await fx.core.iam.listInvitations.execute(fx.ctx(orgId));
      expect(listed.items.map((i) => [i.invitation.id, i.status, i.invitation.role])).to.deep.equal([[outcome.invitation.id, 'pending', 'viewer']]);
      const revoked = await fx.core.iam.revokeInvitation.execute(fx.ctx(orgId), { id: outcome.invitation.id });
      expect(revoked.status).to.equal('revoked');
      await expectAppError(fx.core.iam.resendInvitation.execute(fx.ctx(orgId), { id: outcome.invitation.id }), 'iam.invitation_closed');
      await expectAppError(fx.core.iam.revokeInvitation.execute(fx.ctx(orgA), { id: outcome.invitation.id }), 'iam.invitation_not_found');
      await expectInvalid(fx.core.iam.revokeInvitation.execute(fx.ctx(orgId), { id: 'not-an-id' }), ['/id']);
      await expectInvalid(fx.core.iam.resendInvitation.execute(fx.ctx(orgId), { id: 'not-an-id' }), ['/id']);
      const admin = fx.ctx(orgId, { role: 'admin' });
      const ownerInvite = invitation(await fx.core.iam.inviteUser.execute(fx.ctx(orgId), { email: 'sam@b.test', role: 'owner' }));
      await expectAppError(fx.core.iam.revokeInvitation.execute(admin, { id: ownerInvite.invitation.id }), 'iam.owner_only');
    });
  });

  it('without an email channel an invitation stays pending, links nothing and queues nothing (delivery no_mail_transport)', async () => {
    const off = identityFixture({ noEmailChannel: true });
    const first = await off.newOrgWithOwner('one', 'pat@one.test');
    const second = await off.newOrgWithOwner('two', 'owner@two.test');
    const ctx = off.ctx(second.orgId, { actorId: second.ownerId });
    const outcome = await off.core.iam.inviteUser.execute(ctx, { email: 'pat@one.test', role: 'viewer' });
    expect(outcome.kind === 'invitation' && outcome.delivery).to.equal('no_mail_transport');
    expect((await off.core.iam.listInvitations.execute(ctx)).items.map((i) => i.status)).to.deep.equal(['pending']);
    expect((await off.adapters.userAccounts.membershipsOf(first.ownerId)).map((m) => m.orgId)).to.deep.equal([first.orgId]);
    const resent = await off.core.iam.resendInvitation.execute(ctx, { id: outcome.kind === 'invitation' ? outcome.invitation.id : '' });
    expect(resent.delivery).to.equal('no_mail_transport');
    expect(off.state.tables.outbox.size).to.equal(0);
  });

  it('two orgs inviting a new address at once: one account (managed by one of them), the other org gets an invitation', async () => {
    const outcomes = await Promise.all([
      fx.core.iam.inviteUser.execute(asOwnerOf(orgA, ownerA), { email: 'race@x.test', role: 'viewer' }),
      fx.core.iam.inviteUser.execute(asOwnerOf(orgB, ownerB), { email: 'race@x.test', role: 'viewer' }),
    ]);
    expect(outcomes.map((o) => o.kind).sort()).to.deep.equal(['invitation', 'member']);
    const accounts = [...fx.state.tables.users.values()].filter((u) => u.email === 'race@x.test');
    expect(accounts).to.have.length(1);
    const made = outcomes.find((o) => o.kind === 'member')!;
    expect(accounts[0]!.managedByOrgId).to.equal(member(made).member.membership.orgId);
  });
});

describe('Self-service recovery by the holder (emailed token)', () => {
  let fx: IdentityFixture;
  let orgA: string;
  let orgB: string;
  let sam: string;

  beforeEach(async () => {
    fx = identityFixture();
    ({ orgA, orgB } = await fx.twoOrgs());
    ({ userId: sam } = await fx.invite(orgA, 'sam@x.test', 'dispatcher'));
    await fx.invite(orgB, 'sam@x.test', 'viewer');
  });

  const requestReset = (email: string, purpose: 'password' | 'second_factor' = 'password', clientIp = CLIENT_IP) =>
    fx.core.identity.requestCredentialReset.execute(fx.attempt(undefined, clientIp), { email, purpose });

  it('answers the same for an unknown address and mails nothing; a known one gets a single-use link', async () => {
    await requestReset('nobody@x.test');
    expect(fx.queued('nobody@x.test')).to.deep.equal([]);
    await requestReset('SAM@x.test');
    const token = fx.mailedToken('password_reset', 'sam@x.test');
    expect(token.startsWith(`${sam}.`)).to.equal(true);
    expect(JSON.stringify(fx.storedUser(sam))).not.to.include(token.split('.')[1]!);
    const everywhere = [await fx.signIn('sam@x.test', PASSWORD, { orgId: orgA }), await fx.signIn('sam@x.test', PASSWORD, { orgId: orgB })];
    await fx.core.identity.confirmPasswordReset.execute(fx.attempt(), { token, newPassword: 'Brand-New-Teapot-Harbour-5' });
    for (const s of everywhere) expect(fx.storedSession(s.session.id).revokedReason).to.equal('password_reset_by_holder');
    await expectAppError(fx.signIn('sam@x.test', PASSWORD, { orgId: orgA }), 'auth.invalid_credentials');
    await fx.signIn('sam@x.test', 'Brand-New-Teapot-Harbour-5', { orgId: orgB });
    await expectAppError(fx.core.identity.confirmPasswordReset.execute(fx.attempt(), { token, newPassword: 'Another-Teapot-Harbour-6' }), 'auth.token_invalid');
    expect(fx.storedUser(sam).emailVerifiedAt).to.be.instanceOf(Date);
  });

  it('a new request replaces the old token; tokens expire; a forged or second-factor token does not reset a password', async () => {
    await requestReset('sam@x.test');
    const first = fx.mailedToken('password_reset', 'sam@x.test');
    await requestReset('sam@x.test');
    const second = fx.mailedToken('password_reset', 'sam@x.test');
    await expectAppError(fx.core.identity.confirmPasswordReset.execute(fx.attempt(), { token: first, newPassword: 'Brand-New-Teapot-Harbour-5' }), 'auth.token_invalid');
    await requestReset('sam@x.test', 'second_factor');
    await expectAppError(fx.core.identity.confirmPasswordReset.execute(fx.attempt(), { token: second, newPassword: 'Brand-New-Teapot-Harbour-5' }), 'auth.token_invalid');
    const mfaToken = fx.mailedToken('second_factor_reset', 'sam@x.test');
    await expectAppError(fx.core.identity.confirmPasswordReset.execute(fx.attempt(), { token: mfaToken, newPassword: 'Brand-New-Teapot-Harbour-5' }), 'auth.token_invalid');
    await requestReset('sam@x.test');
    fx.clock.advance(31 * MINUTE);
    await expectAppError(
      fx.core.identity.confirmPasswordReset.execute(fx.attempt(), { token: fx.mailedToken('password_reset', 'sam@x.test'), newPassword: 'Brand-New-Teapot-Harbour-5' }),
      'auth.token_invalid',
    );
    await fx.signIn('sam@x.test', PASSWORD, { orgId: orgA });
  });

  it('a password reset still asks for the second factor when it is on', async () => {
    const signed = await fx.signIn('sam@x.test', PASSWORD, { orgId: orgA });
    const { secret } = await fx.enableTotp(signed.session);
    await requestReset('sam@x.test');
    const token = fx.mailedToken('password_reset', 'sam@x.test');
    await expectAppError(fx.core.identity.confirmPasswordReset.execute(fx.attempt(), { token, newPassword: 'Brand-New-Teapot-Harbour-5' }), 'auth.mfa_required');
    await fx.core.identity.confirmPasswordReset.execute(fx.attempt(), { token, newPassword: 'Brand-New-Teapot-Harbour-5', totpCode: fx.code(secret) });
  });

  it('the second factor is cleared only with the emailed token and the password; every session ends', async () => {
    const signed = await fx.signIn('sam@x.test', PASSWORD, { orgId: orgA });
    await fx.enableTotp(signed.session);
    const proven = fx.storedUser(sam);
    expect(proven.totpEnabledAt).not.to.equal(null);
    await requestReset('sam@x.test', 'second_factor');
    const token = fx.mailedToken('second_factor_reset', 'sam@x.test');
    await expectInvalid(fx.core.identity.confirmSecondFactorReset.execute(fx.attempt(), { token, password: 'Wrong-Password-9' }), ['/password']);
    expect(fx.storedUser(sam).totpEnabledAt).not.to.equal(null);
    await fx.core.identity.confirmSecondFactorReset.execute(fx.attempt(), { token, password: PASSWORD });
    expect(fx.storedUser(sam)).to.deep.include({ totpEnabledAt: null, totpSecretSealed: null, recoveryCodeHashes: [] });
    expect((await fx.signIn('sam@x.test', PASSWORD, { orgId: orgB })).session.mfaVerified).to.equal(false);
    await expectAppError(fx.core.identity.confirmSecondFactorReset.execute(fx.attempt(), { token, password: PASSWORD }), 'auth.token_invalid');
  });

  it('limits requests per address (5 an hour) whether or not it has an account', async () => {
    for (let i = 0; i < 5; i += 1) await requestReset('nobody@x.test', 'password', `198.51.100.${i}`);
    await expectAppError(requestReset('nobody@x.test', 'password', '198.51.100.99'), 'request.rate_limited');
    for (let i = 0; i < 5; i += 1) await requestReset('sam@x.test', 'password', `198.51.100.${i}`);
    await expectAppError(requestReset('sam@x.test', 'password', '198.51.100.99'), 'request.rate_limited');
  });
});
