import { expect } from 'chai';
import { expectAppError, expectInvalid, T0 } from '../support/core-fixture.js';
import { identityFixture, PASSWORD, type IdentityFixture } from '../support/identity-fixture.js';

describe('BootstrapOrgOwner', () => {
  let fx: IdentityFixture;

  beforeEach(() => {
    fx = identityFixture();
  });

  const bootstrapped = (input: Record<string, unknown>) =>
    fx.core.identity.bootstrapOwner.execute(fx.sys(), { name: 'Acme Cleaning', slug: 'acme', ownerEmail: 'Olga@Example.com', ...input });
  /** A bootstrap that creates the owner's account (the address had none). */
  const bootstrap = async (input: Record<string, unknown>) => {
    const result = await bootstrapped(input);
    if (result.owner === null || result.membership === null) throw new Error('expected a new owner account');
    return { ...result, owner: result.owner, membership: result.membership };
  };

  it('creates the org, the owner account and an owner membership, and audits it in the org', async () => {
    const result = await bootstrap({ ownerName: 'Olga', ownerPassword: PASSWORD });
    const { org, owner, membership } = result;
    expect(result.temporaryPassword).to.equal(null);
    expect(fx.state.orgs.get(org.id)).to.deep.include({ name: 'Acme Cleaning', slug: 'acme' });
    expect(owner).to.deep.include({ email: 'olga@example.com', displayName: 'Olga', mustChangePassword: false, totpEnabledAt: null, createdAt: T0, managedByOrgId: org.id });
    expect(fx.storedUser(owner.id)).to.deep.equal(owner);
    expect(membership).to.deep.include({ orgId: org.id, userId: owner.id, role: 'owner', displayName: 'Olga', deactivatedAt: null });
    expect(fx.state.tables.memberships.get(membership.id)).to.deep.equal(membership);
    // Only the hash is stored, and it is the given password's.
    expect(owner.passwordHash).not.to.include(PASSWORD);
    expect(await fx.hasher.verify(owner.passwordHash, PASSWORD)).to.equal(true);
    const rows = fx.auditRows(org.id);
    expect(rows.map((r) => [r.action, r.resourceId, r.actorId])).to.deep.equal([['iam.owner_bootstrap', owner.id, 'test-setup']]);
    expect(rows[0]!.metadata).to.deep.equal({ account_created: true });
    expect(fx.state.systemAudit.map((r) => r.action)).to.deep.equal(['org.create']);
  });

  it('lets the owner sign in to the new org as owner', async () => {
    const { org, owner } = await bootstrap({ ownerPassword: PASSWORD });
    const signed = await fx.signIn('olga@example.com', PASSWORD);
    expect(signed.session).to.deep.include({ orgId: org.id, userId: owner.id, role: 'owner' });
    await fx.core.identity.resolveSession.execute(fx.as(signed.session), { sessionId: signed.session.id });
  });

  it('without a password, returns a temporary one once; it signs in and must be changed', async () => {
    const { owner, temporaryPassword } = await bootstrap({});
    expect(temporaryPassword).to.be.a('string').with.length(20);
    expect(owner.mustChangePassword).to.equal(true);
    expect(fx.storedUser(owner.id).mustChangePassword).to.equal(true);
    expect(owner.passwordHash).not.to.include(temporaryPassword!);
    expect(owner.displayName).to.equal('olga');
    const signed = await fx.signIn('olga@example.com', temporaryPassword!);
    expect(signed.user.mustChangePassword).to.equal(true);
  });

  it('invites an existing account as the owner of a second org instead of linking it; the holder accepts', async () => {
    const first = await bootstrap({ ownerPassword: PASSWORD });
    const second = await bootstrapped({ name: 'Second', slug: 'second', ownerEmail: 'olga@example.com', ownerPassword: 'Another-Long-Passphrase-9' });
    expect(second.owner).to.equal(null);
    expect(second.membership).to.equal(null);
    expect(second.temporaryPassword).to.equal(null);
    expect(second.invitation).to.deep.include({ delivery: 'queued' });
    expect(second.invitation!.invitation).to.deep.include({ orgId: second.org.id, email: 'olga@example.com', role: 'owner', acceptedAt: null });
    // Nothing linked, nothing changed on the account, until its holder accepts.
    expect([...fx.state.tables.memberships.values()].filter((m) => m.orgId === second.org.id)).to.deep.equal([]);
    expect(fx.storedUser(first.owner.id)).to.deep.equal(first.owner);
    expect((await fx.signIn('olga@example.com', PASSWORD)).membership.orgId).to.equal(first.org.id);

    await fx.accept('olga@example.com');
    const err = await expectAppError(fx.signIn('olga@example.com', PASSWORD), 'auth.org_required');
    expect(err.details).to.deep.equal({
      orgs: [
        { org_id: first.org.id, role: 'owner' },
        { org_id: second.org.id, role: 'owner' },
      ],
    });
  });

  describe('refusals', () => {
    it('validation.failed for a missing or malformed email and a weak password, before any org exists', async () => {
      await expectInvalid(bootstrap({ ownerEmail: undefined, ownerPassword: 'short' }), ['/ownerEmail', '/ownerPassword']);
      await expectInvalid(bootstrap({ ownerEmail: 'not-an-email' }), ['/ownerEmail']);
      await expectInvalid(bootstrap({ ownerPassword: 'my-password-is-long' }), ['/ownerPassword']);
      await expectInvalid(bootstrap({ ownerEmail: 'longaddress@ex.com', ownerPassword: 'LONGADDRESS@EX.COM' }), ['/ownerPassword']);
      expect(fx.state.orgs.size).to.equal(0);
      expect(fx.state.tables.users.size).to.equal(0);
    });

    it('org.slug_taken for a slug in use, creating no account', async () => {
      await bootstrap({ ownerPassword: PASSWORD });
      await expectAppError(bootstrap({ ownerEmail: 'other@example.com', ownerPassword: PASSWORD }), 'org.slug_taken');
      expect([...fx.state.tables.users.values()].map((u) => u.email)).to.deep.equal(['olga@example.com']);
    });
  });
});
