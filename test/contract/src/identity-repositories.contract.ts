/**
 * Users, memberships, sessions, refresh tokens, invitations and break-glass tokens, with the
 * isolation rules that matter most for identity: a user is visible to an org only through a
 * membership (or custody, or as the acting user); an org never sees another org's members,
 * sessions, invitations or tokens; sign-in lookups see across orgs. Custody of credentials
 * (ADR 13) is the store's rule too: an org creates only accounts it manages, writes only those
 * (the acting user writes their own), and links an account into the org only when it manages it
 * or its holder is the one acting.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import type { AuthSession, Invitation, Membership, RefreshTokenRecord, RequestContext, Role, TenantRepositories, UserAccount } from '@cws/core';
import { anAuditEntry, caught, createOrg } from './fixtures.js';
import type { StorageHarness, StorageHarnessFactory } from './harness.js';

const T = new Date('2026-04-01T10:00:00.000Z');

export function aUser(overrides: Partial<UserAccount> = {}): UserAccount {
  const id = randomUUID();
  return {
    id,
    email: `user-${id.slice(0, 8)}@example.com`,
    displayName: 'Pat Cleaner',
    passwordHash: 'scrypt$16$1$1$c2FsdA$a2V5',
    mustChangePassword: false,
    passwordChangedAt: T,
    totpSecretSealed: null,
    totpPendingSecretSealed: null,
    totpEnabledAt: null,
    totpLastStep: null,
    recoveryCodeHashes: [],
    managedByOrgId: null,
    emailVerifiedAt: null,
    resetTokenHash: null,
    resetTokenPurpose: null,
    resetTokenExpiresAt: null,
    createdAt: T,
    updatedAt: T,
    ...overrides,
  };
}

export function aMembership(orgId: string, userId: string, role: Role = 'admin', overrides: Partial<Membership> = {}): Membership {
  return { id: randomUUID(), orgId, userId, role, displayName: 'Pat', deactivatedAt: null, createdAt: T, updatedAt: T, ...overrides };
}

/** The context of `userId` acting on their own account in `ctx`'s org (signed in, or by an emailed token). */
export function asHolder(ctx: RequestContext, userId: string, role: Role = 'viewer'): RequestContext {
  return { ...ctx, actor: { kind: 'staff', id: userId, role } };
}

function anInvitation(orgId: string, overrides: Partial<Invitation> = {}): Invitation {
  const id = randomUUID();
  return {
    id,
    orgId,
    email: `invitee-${id.slice(0, 8)}@example.com`,
    role: 'dispatcher',
    displayName: 'Invitee',
    tokenHash: randomUUID().replace(/-/g, '').padEnd(64, '0'),
    invitedBy: 'user-1',
    createdAt: T,
    updatedAt: T,
    expiresAt: new Date('2026-04-08T10:00:00.000Z'),
    acceptedAt: null,
    acceptedUserId: null,
    revokedAt: null,
    ...overrides,
  };
}

function aSession(orgId: string, userId: string, overrides: Partial<AuthSession> = {}): AuthSession {
  return {
    id: randomUUID(),
    orgId,
    userId,
    role: 'admin',
    mfaVerified: false,
    createdAt: T,
    expiresAt: new Date('2026-04-02T10:00:00.000Z'),
    lastSeenAt: T,
    revokedAt: null,
    revokedReason: null,
    ...overrides,
  };
}

/** A user the org of `ctx` manages, with a membership there, written in one unit of work. */
export async function aMember(
  h: StorageHarness,
  ctx: RequestContext,
  role: Role = 'admin',
  user = aUser({ managedByOrgId: ctx.orgId }),
): Promise<{ user: UserAccount; membership: Membership }> {
  const membership = aMembership(ctx.orgId, user.id, role);
  await h.uow.run(ctx, async (r) => {
    await r.users.insert(user);
    await r.memberships.insert(membership);
  });
  return { user, membership };
}

export function identityRepositoriesContract(name: string, factory: StorageHarnessFactory): void {
  describe(`${name}: identity repositories`, function () {
    let h: StorageHarness;
    before(async () => {
      h = await factory();
    });
    after(async () => h.dispose());

    it('stores a user and its membership; the org sees both, another org sees neither', async () => {
      const a = (await createOrg(h)).ctx;
      const b = (await createOrg(h)).ctx;
      const { user, membership } = await aMember(h, a, 'dispatcher');
      await h.uow.run(a, async (r) => {
        expect(await r.users.findById(user.id)).to.deep.equal({ ...user, email: user.email.toLowerCase() });
        expect(await r.memberships.findByUser(user.id)).to.deep.equal(membership);
        expect((await r.memberships.list()).map((m) => m.user.id)).to.deep.equal([user.id]);
      });
      await h.uow.run(b, async (r) => {
        expect(await r.users.findById(user.id)).to.equal(null);
        expect(await r.memberships.findByUser(user.id)).to.equal(null);
        expect(await r.memberships.list()).to.deep.equal([]);
        expect((await caught(() => r.users.patch(user.id, { displayName: 'Hijacked', updatedAt: new Date() }))).code).to.equal('identity.user_not_found');
      });
    });

    it('refuses a second user with the same email in any case, and a second membership of one user in one org', async () => {
      const a = (await createOrg(h)).ctx;
      const { user } = await aMember(h, a);
      expect((await caught(() => h.uow.run(a, (r) => r.users.insert(aUser({ email: user.email.toUpperCase(), managedByOrgId: a.orgId }))))).kind).to.equal('conflict');
      expect((await caught(() => h.uow.run(a, (r) => r.memberships.insert(aMembership(a.orgId, user.id, 'viewer'))))).kind).to.equal('conflict');
    });

    it("refuses a membership written into another org's id", async () => {
      const a = (await createOrg(h)).ctx;
      const b = (await createOrg(h)).ctx;
      const user = aUser({ managedByOrgId: b.orgId });
      const err = await caught(() =>
        h.uow.run(b, async (r) => {
          await r.users.insert(user);
          await r.memberships.insert(aMembership(a.orgId, user.id, 'owner'));
        }),
      );
      expect(err.code).to.equal('tenant.cross_org_write');
      await h.uow.run(a, async (r) => expect(await r.memberships.list()).to.deep.equal([]));
    });

    it('updates roles and deactivations, and counts only active owners', async () => {
      const a = (await createOrg(h)).ctx;
      const owner1 = await aMember(h, a, 'owner');
      const owner2 = await aMember(h, a, 'owner');
      await aMember(h, a, 'admin');
      await h.uow.run(a, async (r) => {
        expect(await r.memberships.countActiveOwners()).to.equal(2);
        await r.memberships.update({ ...owner2.membership, role: 'admin', updatedAt: new Date('2026-04-03T00:00:00Z') });
        await r.memberships.update({ ...owner1.membership, deactivatedAt: new Date('2026-04-03T00:00:00Z') });
        expect(await r.memberships.countActiveOwners()).to.equal(0);
        expect((await r.memberships.findByUser(owner2.user.id))!.role).to.equal('admin');
      });
    });

    it('patches a visible user, including the recovery codes and the TOTP state', async () => {
      const a = (await createOrg(h)).ctx;
      const { user } = await aMember(h, a);
      const changes = {
        passwordHash: 'scrypt$16$1$1$bmV3$bmV3',
        mustChangePassword: true,
        totpSecretSealed: 'v1.sealed',
        totpEnabledAt: new Date('2026-04-05T00:00:00Z'),
        totpLastStep: 59_012_345,
        recoveryCodeHashes: ['a'.repeat(64), 'b'.repeat(64)],
        updatedAt: new Date('2026-04-05T00:00:00Z'),
      };
      await h.uow.run(a, (r) => r.users.patch(user.id, changes));
      expect(await h.uow.run(a, (r) => r.users.findById(user.id))).to.deep.equal({ ...user, email: user.email.toLowerCase(), ...changes });
    });

    it('writes only the named fields, so two changes to different fields both survive', async () => {
      const a = (await createOrg(h)).ctx;
      const { user } = await aMember(h, a);
      await h.uow.run(a, (r) => r.users.patch(user.id, { passwordHash: 'scrypt$16$1$1$cmVzZXQ$cmVzZXQ', mustChangePassword: true, updatedAt: new Date('2026-04-06T00:00:00Z') }));
      await h.uow.run(a, (r) => r.users.patch(user.id, { totpLastStep: 42, updatedAt: new Date('2026-04-06T00:01:00Z') }));
      await h.uow.run(a, (r) => r.users.patch(user.id, { totpPendingSecretSealed: null, recoveryCodeHashes: [], updatedAt: new Date('2026-04-06T00:02:00Z') }));
      const stored = await h.uow.run(a, (r) => r.users.findById(user.id, { forUpdate: true }));
      expect(stored).to.deep.include({
        passwordHash: 'scrypt$16$1$1$cmVzZXQ$cmVzZXQ',
        mustChangePassword: true,
        totpLastStep: 42,
        totpPendingSecretSealed: null,
        recoveryCodeHashes: [],
        displayName: user.displayName,
        updatedAt: new Date('2026-04-06T00:02:00Z'),
      });
    });

    it('finds users by email across orgs and lists their memberships in every org', async () => {
      const a = (await createOrg(h)).ctx;
      const b = (await createOrg(h)).ctx;
      const { user, membership } = await aMember(h, a, 'owner');
      const second = aMembership(b.orgId, user.id, 'viewer', { createdAt: new Date('2026-04-01T11:00:00Z') });
      // The holder accepting b's invitation is what links the account into b.
      await h.uow.run(asHolder(b, user.id), (r) => r.memberships.insert(second));
      expect((await h.userAccounts.findByEmail(user.email.toUpperCase()))?.id).to.equal(user.id);
      expect((await h.userAccounts.findById(user.id))?.email).to.equal(user.email.toLowerCase());
      expect(await h.userAccounts.findByEmail('nobody-at-all@example.com')).to.equal(null);
      expect(await h.userAccounts.membershipsOf(user.id)).to.deep.equal([membership, second]);
    });

    it("keeps sessions and refresh tokens to their org, revokes them, and finds tokens by hash", async () => {
      const a = (await createOrg(h)).ctx;
      const b = (await createOrg(h)).ctx;
      const { user } = await aMember(h, a);
      const s1 = aSession(a.orgId, user.id);
      const s2 = aSession(a.orgId, user.id);
      const token: RefreshTokenRecord = { id: randomUUID(), orgId: a.orgId, sessionId: s1.id, tokenHash: 'f'.repeat(64), createdAt: T, expiresAt: s1.expiresAt, rotatedAt: null };
      await h.uow.run(a, async (r) => {
        await r.sessions.insert(s1);
        await r.sessions.insert(s2);
        await r.sessions.insertRefreshToken(token);
      });
      await h.uow.run(b, async (r) => {
        expect(await r.sessions.findById(s1.id)).to.equal(null);
        expect(await r.sessions.findRefreshToken(token.tokenHash)).to.equal(null);
        expect(await r.sessions.revokeAllOfUser(user.id, T, 'cross-org attempt')).to.equal(0);
      });
      await h.uow.run(a, async (r) => {
        expect(await r.sessions.findById(s1.id)).to.deep.equal(s1);
        expect(await r.sessions.findRefreshToken(token.tokenHash)).to.deep.equal(token);
        const at = new Date('2026-04-01T12:00:00.000Z');
        await r.sessions.markRefreshTokenRotated(token.id, at);
        expect((await r.sessions.findRefreshToken(token.tokenHash))!.rotatedAt).to.deep.equal(at);
        await r.sessions.touch(s1.id, at);
        expect((await r.sessions.findById(s1.id))!.lastSeenAt).to.deep.equal(at);
        await r.sessions.markMfaVerified(s1.id);
        expect((await r.sessions.findById(s1.id))!.mfaVerified).to.equal(true);
        expect((await r.sessions.findById(s2.id))!.mfaVerified).to.equal(false);
        expect(await r.sessions.revokeAllOfUser(user.id, at, 'logout everywhere', s1.id)).to.equal(1);
        expect((await r.sessions.findById(s2.id))!.revokedReason).to.equal('logout everywhere');
        expect((await r.sessions.findById(s1.id))!.revokedAt).to.equal(null);
        await r.sessions.revoke(s1.id, at, 'logout');
        await r.sessions.revoke(s1.id, new Date('2026-04-01T13:00:00.000Z'), 'again');
        expect(await r.sessions.findById(s1.id)).to.deep.include({ revokedAt: at, revokedReason: 'logout' });
      });
    });

    it('reads a session with its user and membership in one call, from its own org only', async () => {
      const a = (await createOrg(h)).ctx;
      const b = (await createOrg(h)).ctx;
      const { user, membership } = await aMember(h, a, 'finance');
      const session = aSession(a.orgId, user.id);
      await h.uow.run(a, (r) => r.sessions.insert(session));
      const found = await h.uow.run(a, (r) => r.sessions.findWithAccount(session.id));
      expect(found).to.deep.equal({ session, user: { ...user, email: user.email.toLowerCase() }, membership });
      expect(await h.uow.run(b, (r) => r.sessions.findWithAccount(session.id))).to.equal(null);
      expect(await h.uow.run(a, (r) => r.sessions.findWithAccount(aSession(a.orgId, user.id).id))).to.equal(null);
      // A session whose user is a member elsewhere but not here (as after a cross-org mix-up) is no session here.
      const { user: other } = await aMember(h, b);
      const stray = aSession(b.orgId, other.id);
      await h.uow.run(b, (r) => r.sessions.insert(stray));
      expect((await h.uow.run(b, (r) => r.sessions.findWithAccount(stray.id)))?.membership.orgId).to.equal(b.orgId);
      expect(await h.uow.run(a, (r) => r.sessions.findWithAccount(stray.id))).to.equal(null);
      if (h.sessionLookup !== undefined) {
        // The one-message lookup answers exactly as the unit of work does, under the same isolation.
        expect(await h.sessionLookup.findWithAccount(a.orgId, session.id)).to.deep.equal(found);
        expect(await h.sessionLookup.findWithAccount(b.orgId, session.id)).to.equal(null);
        expect(await h.sessionLookup.findWithAccount(a.orgId, stray.id)).to.equal(null);
        expect(await h.sessionLookup.findWithAccount(a.orgId, "x' OR true --")).to.equal(null);
        // Pooled connections come back clean: many lookups in a row, and a revocation seen at once.
        for (let i = 0; i < 12; i += 1) expect((await h.sessionLookup.findWithAccount(a.orgId, session.id))?.session.id).to.equal(session.id);
        await h.uow.run(a, (r) => r.sessions.revoke(session.id, new Date('2026-04-07T00:00:00Z'), 'test'));
        expect((await h.sessionLookup.findWithAccount(a.orgId, session.id))?.session.revokedReason).to.equal('test');
      }
    });

    it('runs a unit of a signed-in request only while its session is live, confirming it in the same transaction', async () => {
      const a = (await createOrg(h)).ctx;
      const b = (await createOrg(h)).ctx;
      const { user, membership } = await aMember(h, a, 'dispatcher');
      const session = aSession(a.orgId, user.id);
      await h.uow.run(a, (r) => r.sessions.insert(session));
      const before = new Date('2026-04-02T09:00:00.000Z');
      const signedIn = (overrides: { sessionId?: string; userId?: string; now?: Date; org?: RequestContext; role?: Role; mfaVerified?: boolean } = {}) => {
        const proof = {
          sessionId: overrides.sessionId ?? session.id,
          userId: overrides.userId ?? user.id,
          role: overrides.role ?? ('dispatcher' as Role),
          mfaVerified: overrides.mfaVerified ?? false,
          confirmed: false,
        };
        return { ctx: { ...(overrides.org ?? a), now: overrides.now ?? before, session: proof }, proof };
      };

      const live = signedIn();
      expect(await h.uow.run(live.ctx, async () => 'ran')).to.equal('ran');
      expect(live.proof.confirmed).to.equal(true);
      // Read-only units check the session too, with or without a statement (ADR 23).
      const readers: Array<[string, (r: TenantRepositories) => Promise<unknown>]> = [
        ['no statement', async () => 'read'],
        ['one read', async (r) => (await r.leads.findById(randomUUID())) ?? 'read'],
      ];
      for (const [label, work] of readers) {
        const reader = signedIn();
        expect(await h.uow.run(reader.ctx, work, { readOnly: true }), label).to.equal('read');
        expect(reader.proof.confirmed, label).to.equal(true);
      }

      let ran = 0;
      const refused = async (label: string, attempt: ReturnType<typeof signedIn>) => {
        const err = await caught(() => h.uow.run(attempt.ctx, async (r) => {
          ran += 1;
          await r.audit.append(anAuditEntry(attempt.ctx));
        }));
        expect(err.code, label).to.equal('auth.session_revoked');
        expect(attempt.proof.confirmed, label).to.equal(false);
        // A read-only unit may start its work (its one read rides with the check), but answers nothing.
        const reads: Array<(r: TenantRepositories) => Promise<unknown>> = [
          async () => 'read',
          (r) => r.leads.list({ statuses: null, createdFrom: null, createdTo: null, search: null, archived: 'include', after: null, limit: 10 }),
        ];
        for (const work of reads) {
          const readErr = await caught(() => h.uow.run(attempt.ctx, work, { readOnly: true }));
          expect(readErr.code, `${label}, read-only`).to.equal('auth.session_revoked');
          expect(attempt.proof.confirmed, `${label}, read-only`).to.equal(false);
        }
      };
      await refused('expired at ctx.now', signedIn({ now: new Date('2026-04-02T10:00:00.000Z') }));
      await refused('another user', signedIn({ userId: randomUUID() }));
      await refused('unknown session', signedIn({ sessionId: randomUUID() }));
      await refused('from another org', signedIn({ org: b }));
      // A token whose claims no longer match the live membership and session (or were forged).
      await refused('a role the membership does not hold', signedIn({ role: 'owner' }));
      await refused('a second factor the session never proved', signedIn({ mfaVerified: true }));
      await h.uow.run(a, (r) => r.sessions.markMfaVerified(session.id));
      await refused('a token from before the second factor was proven', signedIn());
      await h.uow.run(signedIn({ mfaVerified: true }).ctx, async () => undefined);
      await h.uow.run(a, (r) => r.memberships.update({ ...membership, role: 'finance' }));
      await refused('a token from before a role change', signedIn({ mfaVerified: true }));
      await h.uow.run(a, (r) => r.memberships.update(membership));
      await h.uow.run(a, (r) => r.memberships.update({ ...membership, deactivatedAt: before }));
      await refused('membership deactivated', signedIn());
      await h.uow.run(a, (r) => r.memberships.update(membership));
      await h.uow.run(signedIn({ mfaVerified: true }).ctx, async () => undefined);
      await h.uow.run(a, (r) => r.sessions.revoke(session.id, before, 'logout'));
      await refused('revoked', signedIn({ mfaVerified: true }));
      expect(ran, 'work never ran for a dead session').to.equal(0);
    });

    describe('custody of credentials (ADR 13)', () => {
      it('lets an org create only accounts it manages, their address unproven', async () => {
        const a = (await createOrg(h)).ctx;
        const b = (await createOrg(h)).ctx;
        for (const [label, user] of [
          ['managed by another org', aUser({ managedByOrgId: b.orgId })],
          ['managed by no org (a holder-managed account)', aUser({ managedByOrgId: null })],
          ['with a proven address', aUser({ managedByOrgId: a.orgId, emailVerifiedAt: T })],
        ] as const) {
          const err = await caught(() => h.uow.run(a, (r) => r.users.insert(user)));
          expect(err.code, label).to.equal('tenant.cross_org_write');
          expect(await h.userAccounts.findById(user.id), label).to.equal(null);
        }
        const mine = aUser({ managedByOrgId: a.orgId });
        await h.uow.run(a, (r) => r.users.insert(mine));
        expect((await h.userAccounts.findById(mine.id))?.managedByOrgId).to.equal(a.orgId);
      });

      it("never writes an account another org manages or its holder manages, whatever the caller checked", async () => {
        const a = (await createOrg(h)).ctx;
        const b = (await createOrg(h)).ctx;
        // Sam is managed by a; Hal manages his own account and belongs to a and b.
        const { user: sam } = await aMember(h, a, 'viewer');
        const { user: hal } = await aMember(h, a, 'viewer');
        await h.uow.run(asHolder(a, hal.id), (r) => r.users.patch(hal.id, { managedByOrgId: null, updatedAt: T }));
        await h.uow.run(asHolder(b, hal.id), (r) => r.memberships.insert(aMembership(b.orgId, hal.id, 'viewer')));
        const steal = { passwordHash: 'scrypt$16$1$1$c3RvbGVu$c3RvbGVu', totpSecretSealed: null, recoveryCodeHashes: [], updatedAt: T };
        for (const [label, ctx, id] of [
          ["b writing a's managed account (not visible)", b, sam.id],
          ["a writing its member who manages his own account", a, hal.id],
          ["b writing its member who manages his own account", b, hal.id],
        ] as const) {
          const err = await caught(() => h.uow.run(ctx, (r) => r.users.patch(id, steal)));
          expect(err.code, label).to.equal('identity.user_not_found');
          // A locked read is a write intent: refused the same way.
          expect(await h.uow.run(ctx, (r) => r.users.findById(id, { forUpdate: true })), label).to.equal(null);
        }
        expect((await h.userAccounts.findById(hal.id))?.passwordHash).to.equal(hal.passwordHash);
        expect((await h.userAccounts.findById(sam.id))?.passwordHash).to.equal(sam.passwordHash);
        // The holder acting may; the managing org may.
        await h.uow.run(asHolder(b, hal.id), (r) => r.users.patch(hal.id, { totpLastStep: 7, updatedAt: T }));
        await h.uow.run(a, (r) => r.users.patch(sam.id, { mustChangePassword: true, updatedAt: T }));
        expect((await h.userAccounts.findById(hal.id))?.totpLastStep).to.equal(7);
        expect((await h.userAccounts.findById(sam.id))?.mustChangePassword).to.equal(true);
      });

      it('lets custody pass only from the managing org to the holder, never to an org', async () => {
        const a = (await createOrg(h)).ctx;
        const b = (await createOrg(h)).ctx;
        const { user } = await aMember(h, a, 'viewer');
        // The managing org cannot hand the account over to nobody on its own (nor to another org: the port has no way to say it).
        expect((await caught(() => h.uow.run(a, (r) => r.users.patch(user.id, { managedByOrgId: null, updatedAt: T })))).code).to.equal('tenant.cross_org_write');
        expect((await h.userAccounts.findById(user.id))?.managedByOrgId).to.equal(a.orgId);
        await h.uow.run(asHolder(b, user.id), (r) => r.users.patch(user.id, { managedByOrgId: null, emailVerifiedAt: T, updatedAt: T }));
        expect(await h.userAccounts.findById(user.id)).to.deep.include({ managedByOrgId: null, emailVerifiedAt: T });
        // From now on a no longer writes it.
        expect((await caught(() => h.uow.run(a, (r) => r.users.patch(user.id, { mustChangePassword: true, updatedAt: T })))).code).to.equal('identity.user_not_found');
      });

      it("links an account into an org only when the org manages it or its holder is acting", async () => {
        const a = (await createOrg(h)).ctx;
        const b = (await createOrg(h)).ctx;
        const { user } = await aMember(h, a, 'viewer');
        const err = await caught(() => h.uow.run(b, (r) => r.memberships.insert(aMembership(b.orgId, user.id, 'owner'))));
        expect(err.code).to.equal('tenant.cross_org_write');
        expect((await h.userAccounts.membershipsOf(user.id)).map((m) => m.orgId)).to.deep.equal([a.orgId]);
        // Someone else acting (another user of b) is not the holder.
        const { user: bob } = await aMember(h, b, 'owner');
        expect((await caught(() => h.uow.run(asHolder(b, bob.id, 'owner'), (r) => r.memberships.insert(aMembership(b.orgId, user.id, 'owner'))))).code).to.equal(
          'tenant.cross_org_write',
        );
        await h.uow.run(asHolder(b, user.id), (r) => r.memberships.insert(aMembership(b.orgId, user.id, 'viewer')));
        expect((await h.userAccounts.membershipsOf(user.id)).map((m) => m.orgId).sort()).to.deep.equal([a.orgId, b.orgId].sort());
      });

      it('shows the acting user their own account in an org they do not belong to, and no one else', async () => {
        const a = (await createOrg(h)).ctx;
        const b = (await createOrg(h)).ctx;
        const { user } = await aMember(h, a, 'viewer');
        expect(await h.uow.run(b, (r) => r.users.findById(user.id))).to.equal(null);
        expect((await h.uow.run(asHolder(b, user.id), (r) => r.users.findById(user.id)))?.id).to.equal(user.id);
      });
    });

    it('keeps invitations to their org; finds them by token hash and by open address', async () => {
      const a = (await createOrg(h)).ctx;
      const b = (await createOrg(h)).ctx;
      const invitation = anInvitation(a.orgId, { email: 'Pat.Invitee@Example.com' });
      await h.uow.run(a, (r) => r.invitations.insert(invitation));
      const stored = { ...invitation, email: 'pat.invitee@example.com' };
      await h.uow.run(a, async (r) => {
        expect(await r.invitations.findById(invitation.id)).to.deep.equal(stored);
        expect(await r.invitations.findByTokenHash(invitation.tokenHash, { forUpdate: true })).to.deep.equal(stored);
        expect(await r.invitations.findOpenByEmail('PAT.INVITEE@example.com')).to.deep.equal(stored);
        expect(await r.invitations.list()).to.deep.equal([stored]);
      });
      await h.uow.run(b, async (r) => {
        expect(await r.invitations.findById(invitation.id)).to.equal(null);
        expect(await r.invitations.findByTokenHash(invitation.tokenHash)).to.equal(null);
        expect(await r.invitations.findOpenByEmail(invitation.email)).to.equal(null);
        expect(await r.invitations.list()).to.deep.equal([]);
        expect((await caught(() => r.invitations.update({ ...stored, revokedAt: T }))).code).to.equal('iam.invitation_not_found');
      });
      // One open invitation per address: a second is a conflict until the first is closed.
      expect((await caught(() => h.uow.run(a, (r) => r.invitations.insert(anInvitation(a.orgId, { email: 'pat.invitee@example.com' }))))).kind).to.equal('conflict');
      const accepted = { ...stored, acceptedAt: new Date('2026-04-02T10:00:00.000Z'), acceptedUserId: null, updatedAt: new Date('2026-04-02T10:00:00.000Z') };
      await h.uow.run(a, (r) => r.invitations.update(accepted));
      await h.uow.run(a, async (r) => {
        expect(await r.invitations.findOpenByEmail(invitation.email)).to.equal(null);
        expect(await r.invitations.findById(invitation.id)).to.deep.equal(accepted);
      });
      await h.uow.run(a, (r) => r.invitations.insert(anInvitation(a.orgId, { email: 'pat.invitee@example.com' })));
    });

    it('keeps break-glass tokens to their org', async () => {
      const a = (await createOrg(h)).ctx;
      const b = (await createOrg(h)).ctx;
      const token = { id: randomUUID(), orgId: a.orgId, tokenHash: 'e'.repeat(64), reason: 'incident 42', createdBy: 'user-1', createdAt: T, expiresAt: new Date('2026-04-01T11:00:00Z') };
      await h.uow.run(a, (r) => r.breakGlass.insert(token));
      expect(await h.uow.run(a, (r) => r.breakGlass.findByHash(token.tokenHash))).to.deep.equal(token);
      expect(await h.uow.run(b, (r) => r.breakGlass.findByHash(token.tokenHash))).to.equal(null);
    });
  });
}
