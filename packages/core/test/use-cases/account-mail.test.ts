/**
 * Mail to accounts goes through the outbox: each message is enqueued in the unit of work that
 * issues what it carries (an invitation or reset token, a temporary password), sealed, and keyed
 * so that one token is mailed once and each new one mails again.
 */
import { expect } from 'chai';
import { asInvitation as invitationOf, STEP_MS, PASSWORD, identityFixture, type IdentityFixture } from '../support/identity-fixture.js';
import { expectAppError } from '../support/core-fixture.js';
import type { MessagePayload, OutboxEvent } from '@cws/core';

const message = (event: OutboxEvent): MessagePayload => {
  if (event.payload.kind !== 'email') throw new Error(`expected an email, got ${event.payload.kind}`);
  return event.payload.message;
};

describe('Account mail through the outbox', () => {
  let fx: IdentityFixture;
  let orgs: Awaited<ReturnType<IdentityFixture['twoOrgs']>>;
  let orgA: string;
  let orgB: string;

  beforeEach(async () => {
    fx = identityFixture();
    orgs = await fx.twoOrgs();
    ({ orgA, orgB } = orgs);
  });

  describe('invitations', () => {
    /** kim has an account managed by org A; org B invites it. */
    async function inviteKimToB() {
      await fx.invite(orgA, 'kim@x.test', 'viewer');
      return invitationOf(await fx.core.iam.inviteUser.execute(fx.ctx(orgB, { actorId: orgs.ownerB }), { email: 'KIM@x.test', role: 'dispatcher' }));
    }

    it('queues one mail, keyed by the invitation and its token, with the token sealed; the opened token accepts it', async () => {
      const outcome = await inviteKimToB();
      expect(outcome.delivery).to.equal('queued');
      const mails = fx.queued('kim@x.test', 'invitation');
      expect(mails).to.have.length(1);
      const stored = fx.state.tables.invitations.get(outcome.invitation.id)!;
      expect(mails[0]!.event).to.deep.include({ orgId: orgB, kind: 'email', status: 'pending', dedupeKey: `invitation:${stored.id}:${stored.tokenHash.slice(0, 16)}` });
      expect(message(mails[0]!.event)).to.deep.include({
        template: 'invitation',
        to: 'kim@x.test',
        data: { orgName: 'Org org-b', role: 'dispatcher', expiresAt: stored.expiresAt.toISOString() },
      });
      const token = mails[0]!.secret!;
      expect(token.startsWith(`${orgB}.`)).to.equal(true);
      expect(JSON.stringify(mails[0]!.event)).not.to.include(token.split('.')[1]!);
      const accepted = await fx.core.identity.acceptInvitation.execute(fx.attempt(), { token, newPassword: 'Harbour-Lantern-Teapot-Violin-8' });
      expect(accepted).to.deep.include({ orgId: orgB, role: 'dispatcher' });
    });

    it('a resend queues a second mail with the new token; the first token stops working', async () => {
      const outcome = await inviteKimToB();
      const resent = await fx.core.iam.resendInvitation.execute(fx.ctx(orgB, { actorId: orgs.ownerB }), { id: outcome.invitation.id });
      expect(resent.delivery).to.equal('queued');
      const mails = fx.queued('kim@x.test', 'invitation');
      expect(mails).to.have.length(2);
      expect(mails[0]!.event.dedupeKey).not.to.equal(mails[1]!.event.dedupeKey);
      const [first, second] = mails.map((m) => m.secret!);
      await expectAppError(fx.core.identity.acceptInvitation.execute(fx.attempt(), { token: first!, newPassword: 'Harbour-Lantern-Teapot-Violin-8' }), 'auth.token_invalid');
      await fx.core.identity.acceptInvitation.execute(fx.attempt(), { token: second!, newPassword: 'Harbour-Lantern-Teapot-Violin-8' });
    });

    it('a unit of work that rolls back leaves neither the invitation nor its mail', async () => {
      await fx.invite(orgA, 'kim@x.test', 'viewer');
      fx.uow.overrides = () => ({
        audit: {
          append: async () => {
            throw new Error('audit store down');
          },
        },
      });
      let refused: unknown = null;
      await fx.core.iam.inviteUser.execute(fx.ctx(orgB, { actorId: orgs.ownerB }), { email: 'kim@x.test', role: 'viewer' }).catch((err: unknown) => (refused = err));
      expect(refused).to.be.instanceOf(Error);
      fx.uow.overrides = null;
      expect(fx.queued('kim@x.test', 'invitation')).to.deep.equal([]);
      expect([...fx.state.tables.invitations.values()].filter((i) => i.orgId === orgB)).to.deep.equal([]);

      // A resend that rolls back keeps the old token working and queues nothing new.
      const outcome = invitationOf(await fx.core.iam.inviteUser.execute(fx.ctx(orgB, { actorId: orgs.ownerB }), { email: 'kim@x.test', role: 'viewer' }));
      fx.uow.overrides = () => ({
        audit: {
          append: async () => {
            throw new Error('audit store down');
          },
        },
      });
      await fx.core.iam.resendInvitation.execute(fx.ctx(orgB, { actorId: orgs.ownerB }), { id: outcome.invitation.id }).catch(() => undefined);
      fx.uow.overrides = null;
      expect(fx.queued('kim@x.test', 'invitation')).to.have.length(1);
      await fx.core.identity.acceptInvitation.execute(fx.attempt(), { token: fx.mailedToken('invitation', 'kim@x.test'), newPassword: 'Harbour-Lantern-Teapot-Violin-8' });
    });
  });

  describe('emailed resets', () => {
    let sam: string;
    beforeEach(async () => {
      ({ userId: sam } = await fx.invite(orgA, 'sam@x.test', 'dispatcher'));
      await fx.invite(orgB, 'sam@x.test', 'viewer');
    });

    it('each request queues one mail keyed by its token, sealed; only the newest token resets the password', async () => {
      for (const requestId of ['req-1', 'req-2']) await fx.core.identity.requestCredentialReset.execute(fx.attempt(requestId), { email: 'sam@x.test', purpose: 'password' });
      const mails = fx.queued('sam@x.test', 'password_reset');
      expect(mails).to.have.length(2);
      const stored = fx.storedUser(sam);
      expect(mails[1]!.event.dedupeKey).to.equal(`account:${sam}:reset:${stored.resetTokenHash!.slice(0, 16)}`);
      expect(mails[0]!.event.dedupeKey).to.match(new RegExp(`^account:${sam}:reset:[0-9a-f]{16}$`));
      expect(mails[0]!.event.dedupeKey).not.to.equal(mails[1]!.event.dedupeKey);
      expect(message(mails[1]!.event)).to.deep.include({ to: 'sam@x.test', toName: null, data: { expiresAt: stored.resetTokenExpiresAt!.toISOString() } });
      const [old, newest] = mails.map((m) => m.secret!);
      for (const m of mails) expect(JSON.stringify(m.event)).not.to.include(m.secret!.split('.')[1]!);
      await expectAppError(fx.core.identity.confirmPasswordReset.execute(fx.attempt(), { token: old!, newPassword: 'Brand-New-Teapot-Harbour-5' }), 'auth.token_invalid');
      await fx.core.identity.confirmPasswordReset.execute(fx.attempt(), { token: newest!, newPassword: 'Brand-New-Teapot-Harbour-5' });
      await fx.signIn('sam@x.test', 'Brand-New-Teapot-Harbour-5', { orgId: orgA });
    });

    it('a second-factor reset is its own template', async () => {
      await fx.core.identity.requestCredentialReset.execute(fx.attempt(), { email: 'sam@x.test', purpose: 'second_factor' });
      expect(fx.queued('sam@x.test', 'password_reset')).to.deep.equal([]);
      expect(fx.queued('sam@x.test', 'second_factor_reset')).to.have.length(1);
    });

    it('a reset whose unit of work rolls back queues nothing', async () => {
      fx.uow.overrides = (real) => ({
        outbox: {
          enqueue: async (event) => {
            await real.outbox.enqueue(event);
            throw new Error('commit failed');
          },
        },
      });
      await fx.core.identity.requestCredentialReset.execute(fx.attempt(), { email: 'sam@x.test', purpose: 'password' }).catch(() => undefined);
      fx.uow.overrides = null;
      expect(fx.queued('sam@x.test', 'password_reset')).to.deep.equal([]);
      expect(fx.storedUser(sam).resetTokenHash).to.equal(null);
    });
  });

  describe('temporary passwords an admin sets', () => {
    it('without EMAIL_TEMP_PASSWORDS the mails only say a password was set: the password is nowhere in the outbox', async () => {
      const { userId, password } = await fx.invite(orgA, 'dan@x.test', 'viewer');
      const reset = await fx.core.iam.resetPassword.execute(fx.ctx(orgA), { id: userId });
      const mails = fx.queued('dan@x.test');
      expect(mails.map((m) => [m.template, m.secret, m.event.orgId])).to.deep.equal([
        ['account_created', null, orgA],
        ['password_reset_by_admin', null, orgA],
      ]);
      expect(message(mails[0]!.event).data).to.deep.equal({ orgName: 'Org org-a', role: 'viewer', includesPassword: false });
      expect(message(mails[1]!.event).data).to.deep.equal({ orgName: 'Org org-a', includesPassword: false });
      expect(mails[0]!.event.dedupeKey).to.equal(`account:${userId}:created`);
      expect(mails[1]!.event.dedupeKey).to.match(new RegExp(`^account:${userId}:admin_reset:`));
      const everything = JSON.stringify([...fx.state.tables.outbox.values()]);
      expect(everything).not.to.include(password!);
      expect(everything).not.to.include(reset.temporaryPassword);
    });

    it('with EMAIL_TEMP_PASSWORDS the sealed secret is the temporary password (and it signs in); each reset mails again', async () => {
      fx = identityFixture({ outbox: { emailTemporaryPasswords: true } });
      const { orgId } = await fx.newOrgWithOwner('org-c', 'owner@c.test');
      const { userId, password } = await fx.invite(orgId, 'dan@x.test', 'viewer');
      const first = await fx.core.iam.resetPassword.execute(fx.ctx(orgId), { id: userId });
      const second = await fx.core.iam.resetPassword.execute(fx.ctx(orgId), { id: userId });
      const mails = fx.queued('dan@x.test');
      expect(mails.map((m) => [m.template, m.secret])).to.deep.equal([
        ['account_created', password],
        ['password_reset_by_admin', first.temporaryPassword],
        ['password_reset_by_admin', second.temporaryPassword],
      ]);
      expect(message(mails[2]!.event).data).to.deep.equal({ orgName: 'Org org-c', includesPassword: true });
      expect(JSON.stringify(mails.map((m) => m.event))).not.to.include(second.temporaryPassword);
      await fx.signIn('dan@x.test', mails[2]!.secret!);
    });

    it('without an email channel nothing is queued and the audit says no notice went', async () => {
      fx = identityFixture({ noEmailChannel: true, outbox: { emailTemporaryPasswords: true } });
      const { orgId } = await fx.newOrgWithOwner('org-c', 'owner@c.test');
      const { userId } = await fx.invite(orgId, 'dan@x.test', 'viewer');
      await fx.core.iam.resetPassword.execute(fx.ctx(orgId), { id: userId });
      await fx.core.identity.requestCredentialReset.execute(fx.attempt(), { email: 'dan@x.test', purpose: 'password' });
      expect(fx.state.tables.outbox.size).to.equal(0);
      expect(fx.auditRows(orgId).filter((e) => e.action === 'iam.password_reset').map((e) => e.metadata['notification'])).to.deep.equal(['none']);
    });
  });

  describe('a replayed one-time code', () => {
    async function ownerWithTotp() {
      const first = await fx.signIn('owner@a.test', PASSWORD);
      const { secret } = await fx.enableTotp(first.session);
      return secret;
    }
    const replay = (code: string) => expectAppError(fx.signIn('owner@a.test', PASSWORD, { totpCode: code }), 'auth.mfa_required');

    it('is refused and the holder is told once per time step of the code, however many replays', async () => {
      const secret = await ownerWithTotp();
      const code = fx.code(secret);
      const step = Math.floor(fx.clock.now().getTime() / STEP_MS);
      await fx.signIn('owner@a.test', PASSWORD, { totpCode: code });
      await replay(code);
      await replay(code);
      const notices = fx.queued('owner@a.test', 'security_totp_replay');
      expect(notices.map((n) => [n.event.orgId, n.event.dedupeKey, n.secret])).to.deep.equal([[orgA, `account:${orgs.ownerA}:totp_replay:${step}`, null]]);
      expect(message(notices[0]!.event).data).to.deep.equal({ at: fx.clock.now().toISOString(), clientIp: '203.0.113.7' });

      // The next step's code, spent then replayed: a second notice.
      fx.clock.advance(STEP_MS);
      const next = fx.code(secret);
      await fx.signIn('owner@a.test', PASSWORD, { totpCode: next });
      await replay(next);
      expect(fx.queued('owner@a.test', 'security_totp_replay').map((n) => n.event.dedupeKey.split(':').at(-1))).to.deep.equal([`${step}`, `${step + 1}`]);
    });

    it('a wrong code tells nobody', async () => {
      const secret = await ownerWithTotp();
      const code = fx.code(secret);
      await replay(code === '000000' ? '111111' : '000000');
      expect(fx.queued('owner@a.test', 'security_totp_replay')).to.deep.equal([]);
    });

    it('an org that turned security notices off sends none', async () => {
      await fx.adapters.uow.run(fx.ctx(orgA), async (repos) => {
        const settings = await repos.orgSettings.get();
        await repos.orgSettings.update({ ...settings!, notificationsDisabled: ['security_notice'] });
      });
      const secret = await ownerWithTotp();
      const code = fx.code(secret);
      await fx.signIn('owner@a.test', PASSWORD, { totpCode: code });
      await replay(code);
      expect(fx.queued('owner@a.test', 'security_totp_replay')).to.deep.equal([]);
    });
  });
});
