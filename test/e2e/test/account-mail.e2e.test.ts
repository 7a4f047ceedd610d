/**
 * Mail to accounts over HTTP goes through the outbox (guide 000 "Outbox delivery + DLQ"): each
 * route that issues a token or a temporary password writes its mail in the same transaction,
 * sealed in the row; without an email channel nothing is written and the answer says so.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { onEachDatabase } from '@cws/e2e-tests';

const fresh = (label: string) => `${label}-${randomUUID().slice(0, 8)}@example.com`;

onEachDatabase('account mail through the outbox', (h, db) => {
  /** The stored row as the database holds it (text), to look for what must not be in it. */
  const rowText = async (id: string) => JSON.stringify(await db().ownerKnex('outbox_events').where({ id }).first());

  it('an invitation answers 202 with delivery queued; its row holds the token only sealed, and the opened token accepts it; a resend queues again', async () => {
    const a = await h().newOrg();
    const b = await h().newOrg();
    const ownerB = await h().staff(b.id, 'owner');
    const kim = await h().staff(a.id, 'viewer');
    const invited = await h().api.call('POST', '/v1/iam/users', { token: ownerB.accessToken, body: { email: kim.email.toUpperCase(), role: 'dispatcher' } });
    expect(invited.status, invited.text).to.equal(202);
    expect(invited.body.delivery).to.equal('queued');
    const [mail, ...more] = await h().queued(kim.email, 'invitation');
    expect(more).to.deep.equal([]);
    expect(mail!.event).to.deep.include({ orgId: b.id, status: 'pending' });
    expect(mail!.event.dedupeKey).to.match(new RegExp(`^invitation:${invited.body.invitation.id}:[0-9a-f]{16}$`));
    const token = mail!.secret!;
    expect(await rowText(mail!.event.id)).not.to.include(token.split('.')[1]!);

    const resent = await h().api.call('POST', `/v1/iam/invitations/${invited.body.invitation.id}/resend`, { token: ownerB.accessToken });
    expect([resent.status, resent.body.delivery]).to.deep.equal([200, 'queued']);
    const mails = await h().queued(kim.email, 'invitation');
    expect(mails).to.have.length(2);
    const newest = mails.find((m) => m.event.id !== mail!.event.id)!;
    const stale = await h().api.call('POST', '/v1/auth/invitations/accept', { as: null, body: { token, new_password: 'Own-Kettle-Harbour-Violin-7' } });
    expect(stale.status, 'the first token stopped working').to.equal(401);
    const accepted = await h().api.call('POST', '/v1/auth/invitations/accept', { as: null, body: { token: newest.secret, new_password: 'Own-Kettle-Harbour-Violin-7' } });
    expect(accepted.status, accepted.text).to.equal(200);
  });

  it('an emailed reset writes one row per request, sealed; the opened token resets the password', async () => {
    const a = await h().newOrg();
    const sam = await h().staff(a.id, 'dispatcher');
    const requested = await h().api.call('POST', '/v1/auth/password-reset/request', { as: null, body: { email: sam.email } });
    expect(requested.status).to.equal(202);
    const [mail, ...more] = await h().queued(sam.email, 'password_reset');
    expect(more).to.deep.equal([]);
    expect(mail!.event.dedupeKey).to.match(new RegExp(`^account:${sam.userId}:reset:[0-9a-f]{16}$`));
    expect(await rowText(mail!.event.id)).not.to.include(mail!.secret!.split('.')[1]!);
    const done = await h().api.call('POST', '/v1/auth/password-reset/confirm', { as: null, body: { token: mail!.secret, new_password: `Reset-${randomUUID()}` } });
    expect(done.status, done.text).to.equal(204);
  });

  it('an admin reset mails the member without the temporary password (EMAIL_TEMP_PASSWORDS off)', async () => {
    const a = await h().newOrg();
    const admin = await h().staff(a.id, 'admin');
    const member = await h().staff(a.id, 'finance');
    const r = await h().api.call('POST', `/v1/iam/users/${member.userId}/reset-password`, { token: admin.accessToken });
    expect(r.status, r.text).to.equal(200);
    const [mail, ...more] = await h().queued(member.email, 'password_reset_by_admin');
    expect(more).to.deep.equal([]);
    expect(mail!.secret).to.equal(null);
    expect(await rowText(mail!.event.id)).not.to.include(r.body.temporary_password);
  });
});

onEachDatabase(
  'account mail with EMAIL_TEMP_PASSWORDS=true',
  (h) => {
    it('the new member and the reset mails carry the temporary password, sealed, and it signs in', async () => {
      const a = await h().newOrg();
      const admin = await h().staff(a.id, 'admin');
      const address = fresh('new');
      const created = await h().api.call('POST', '/v1/iam/users', { token: admin.accessToken, body: { email: address, role: 'viewer' } });
      expect(created.status, created.text).to.equal(201);
      expect((await h().queued(address, 'account_created')).map((m) => m.secret)).to.deep.equal([created.body.temporary_password]);
      const reset = await h().api.call('POST', `/v1/iam/users/${created.body.id}/reset-password`, { token: admin.accessToken });
      const [mail] = await h().queued(address, 'password_reset_by_admin');
      expect(mail!.secret).to.equal(reset.body.temporary_password);
      await h().signIn({ email: address, password: mail!.secret! });
    });
  },
  { env: { EMAIL_TEMP_PASSWORDS: 'true' } },
);

onEachDatabase(
  'account mail without an email channel (EMAIL_MODE=off)',
  (h) => {
    it('an invitation answers 202 with delivery no_mail_transport and stays pending; nothing is queued', async () => {
      const a = await h().newOrg();
      const b = await h().newOrg();
      const ownerB = await h().staff(b.id, 'owner');
      const kim = await h().staff(a.id, 'viewer');
      const invited = await h().api.call('POST', '/v1/iam/users', { token: ownerB.accessToken, body: { email: kim.email, role: 'viewer' } });
      expect([invited.status, invited.body.delivery, invited.body.invitation?.status]).to.deep.equal([202, 'no_mail_transport', 'pending']);
      const resent = await h().api.call('POST', `/v1/iam/invitations/${invited.body.invitation.id}/resend`, { token: ownerB.accessToken });
      expect([resent.status, resent.body.delivery]).to.deep.equal([200, 'no_mail_transport']);
      await h().api.call('POST', '/v1/auth/password-reset/request', { as: null, body: { email: kim.email } });
      expect(await h().queued(kim.email)).to.deep.equal([]);
    });
  },
  { noEmailChannel: true },
);
