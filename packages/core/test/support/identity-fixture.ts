import {
  AesGcmSecretSealer,
  createCore,
  RandomSecretTokens,
  ScryptPasswordHasher,
  systemActor,
  type AuditEntry,
  type AuthSession,
  type Core,
  type IdentityOptions,
  type InviteOutcome,
  type Mailer,
  type OutboxEvent,
  type OutboxOptions,
  type PasswordHasher,
  type RequestContext,
  type Role,
  type SignInResult,
  type SystemContext,
  type UserAccount,
} from '@cws/core';
import { createMemoryAdapters, MemoryRateLimiter, type MemoryAdapters, type MemoryState } from '@cws/adapter-memory';
import { T0 } from './core-fixture.js';
import { FixedClock } from './fixed-clock.js';
import { codeAt, OracleTotpVerifier } from './oracle-totp-verifier.js';
import { SequentialIds } from './sequential-ids.js';
import { InterceptingUnitOfWork } from './intercepting-unit-of-work.js';

/** The outcome of an invite as a new or returning member (fails the test otherwise). */
export function asMember(o: InviteOutcome): Extract<InviteOutcome, { kind: 'member' }> {
  if (o.kind !== 'member') throw new Error('expected a member');
  return o;
}

/** The outcome of an invite as an invitation (fails the test otherwise). */
export function asInvitation(o: InviteOutcome): Extract<InviteOutcome, { kind: 'invitation' }> {
  if (o.kind !== 'invitation') throw new Error('expected an invitation');
  return o;
}

/** A password every identity rule accepts (12+ characters, no weak word). */
export const PASSWORD = 'Tidy-Kitchen-Rota-42';
export const CLIENT_IP = '203.0.113.7';
/** One TOTP time step. */
export const STEP_MS = 30_000;

/** scrypt at N=2^10 instead of 2^15: the same code path, ~1 ms instead of ~100 ms per hash. */
export const CHEAP_HASHER: PasswordHasher = new ScryptPasswordHasher({ N: 2 ** 10, r: 8, p: 1 });

export interface IdentityFixtureOptions {
  readonly identity?: Partial<IdentityOptions>;
  readonly outbox?: Partial<OutboxOptions>;
  /** No email channel (as EMAIL_MODE=off): nothing is queued for mail. */
  readonly noEmailChannel?: boolean;
  /** Leave `passwordHasher` unset so createCore picks its default (full-cost scrypt). */
  readonly defaultHasher?: boolean;
  /** A hasher of the test's own (e.g. a spy around the default); wins over `defaultHasher`. */
  readonly passwordHasher?: PasswordHasher;
}

export type SignInExtra = { orgId?: string; totpCode?: string; recoveryCode?: string; clientIp?: string; requestId?: string };

export interface IdentityFixture {
  readonly core: Core;
  readonly adapters: MemoryAdapters;
  /** The core's unit of work: set `overrides` to make a repository method fail inside it. */
  readonly uow: InterceptingUnitOfWork;
  readonly state: MemoryState;
  readonly clock: FixedClock;
  readonly ids: SequentialIds;
  readonly totp: OracleTotpVerifier;
  readonly sealer: AesGcmSecretSealer;
  /** Seals what outbox messages carry; opens them in `queued`. */
  readonly messageSealer: AesGcmSecretSealer;
  readonly tokens: RandomSecretTokens;
  readonly hasher: PasswordHasher;
  sys(): SystemContext;
  /** A staff context in `orgId` (default: an owner with a made-up id). */
  ctx(orgId: string, overrides?: { role?: Role; actorId?: string; requestId?: string }): RequestContext;
  /** The context of a request made with the access token of `session`. */
  as(session: AuthSession, requestId?: string): RequestContext;
  /** A request without a session yet, from `clientIp` (default CLIENT_IP). */
  attempt(requestId?: string, clientIp?: string): { requestId: string; now: Date; clientIp: string };
  /**
   * Bootstraps an org whose owner has `PASSWORD`. An existing email is invited as its owner and
   * the holder accepts (an account an org manages then gets `PASSWORD` as its own new password).
   */
  newOrgWithOwner(slug: string, ownerEmail: string): Promise<{ orgId: string; ownerId: string }>;
  /** Two orgs, `org-a` and `org-b`, whose owners are `owner@a.test` and `owner@b.test`. */
  twoOrgs(): Promise<{ orgA: string; ownerA: string; orgB: string; ownerB: string }>;
  /**
   * Invites a member (as an owner); returns their temporary password. An existing account is
   * invited and its holder accepts with `PASSWORD` (password null then).
   */
  invite(orgId: string, email: string, role: Role): Promise<{ userId: string; password: string | null }>;
  /** The holder of `email` accepts the newest invitation mailed to it, with `PASSWORD`. */
  accept(email: string, extra?: { totpCode?: string; recoveryCode?: string }): Promise<{ orgId: string; userId: string }>;
  /** The newest token queued in a mail to `email` for `kind` (throws when none). */
  mailedToken(kind: 'invitation' | 'password_reset' | 'second_factor_reset', email: string): string;
  /** The mail and texts queued for `address` (any org), oldest first, with their secret opened. */
  queued(address: string, template?: string): Array<{ event: OutboxEvent; template: string; secret: string | null }>;
  signIn(email: string, password: string, extra?: SignInExtra): Promise<SignInResult>;
  /** Enrols (with `password`, default PASSWORD) and verifies TOTP in `session`, then moves the clock one step on (the step just used is spent). */
  enableTotp(session: AuthSession, password?: string): Promise<{ secret: string; recoveryCodes: string[] }>;
  /** The code for `secret` at the clock's current time. */
  code(secret: string): string;
  storedUser(id: string): UserAccount;
  storedSession(id: string): AuthSession;
  auditRows(orgId: string): AuditEntry[];
}

/** The core on the memory adapters, with every identity port set and time from a FixedClock. */
export function identityFixture(options: IdentityFixtureOptions = {}): IdentityFixture {
  const clock = new FixedClock(T0);
  const ids = new SequentialIds();
  // The memory limiter reads wall-clock time unless told otherwise; tests move time by the clock.
  const memory = createMemoryAdapters();
  const uow = new InterceptingUnitOfWork(memory.uow);
  const adapters: MemoryAdapters = { ...memory, uow, rateLimiter: new MemoryRateLimiter({ now: () => clock.now().getTime() }) };
  const totp = new OracleTotpVerifier();
  const sealer = new AesGcmSecretSealer('identity-fixture-sealing-secret');
  const messageSealer = new AesGcmSecretSealer('identity-fixture-message-secret', 'outbox-message:v1');
  // Messages are queued, not delivered, here: any mailer makes the email channel exist.
  const mailer: Mailer = { provider: 'fixture', send: async () => ({ providerMessageId: null }) };
  const tokens = new RandomSecretTokens();
  const useDefault = options.passwordHasher === undefined && options.defaultHasher === true;
  const hasher = options.passwordHasher ?? (useDefault ? new ScryptPasswordHasher() : CHEAP_HASHER);
  const core = createCore(
    {
      ...adapters,
      clock,
      ids,
      totp,
      secretSealer: sealer,
      secretTokens: tokens,
      messageSealer,
      ...(options.noEmailChannel === true ? {} : { channels: { email: mailer } }),
      ...(useDefault ? {} : { passwordHasher: hasher }),
    },
    { identity: options.identity ?? {}, outbox: options.outbox ?? {} },
  );
  const sys = (): SystemContext => ({ actor: systemActor('test-setup'), requestId: 'req-system', now: clock.now(), reason: 'test fixture' });
  const ctx: IdentityFixture['ctx'] = (orgId, { role = 'owner', actorId = 'user-owner', requestId = 'req-1' } = {}) => ({
    orgId,
    actor: { kind: 'staff', id: actorId, role },
    requestId,
    now: clock.now(),
  });
  const attempt = (requestId = 'req-auth', clientIp = CLIENT_IP) => ({ requestId, now: clock.now(), clientIp });
  const fx: IdentityFixture = {
    core,
    adapters,
    uow,
    state: adapters.state,
    clock,
    ids,
    totp,
    sealer,
    messageSealer,
    tokens,
    hasher,
    sys,
    ctx,
    as: (session, requestId = 'req-1') => ({
      orgId: session.orgId,
      actor: { kind: 'staff', id: session.userId, role: session.role },
      requestId,
      now: clock.now(),
    }),
    attempt,
    async newOrgWithOwner(slug, ownerEmail) {
      const { org, owner } = await core.identity.bootstrapOwner.execute(sys(), { name: `Org ${slug}`, slug, ownerEmail, ownerPassword: PASSWORD });
      if (owner !== null) return { orgId: org.id, ownerId: owner.id };
      const accepted = await fx.accept(ownerEmail);
      return { orgId: org.id, ownerId: accepted.userId };
    },
    async twoOrgs() {
      const a = await fx.newOrgWithOwner('org-a', 'owner@a.test');
      const b = await fx.newOrgWithOwner('org-b', 'owner@b.test');
      return { orgA: a.orgId, ownerA: a.ownerId, orgB: b.orgId, ownerB: b.ownerId };
    },
    async invite(orgId, email, role) {
      const added = await core.iam.inviteUser.execute(ctx(orgId), { email, role });
      if (added.kind === 'member') return { userId: added.member.user.id, password: added.temporaryPassword };
      return { userId: (await fx.accept(email)).userId, password: null };
    },
    mailedToken(kind, email) {
      const secret = fx.queued(email, kind).at(-1)?.secret ?? null;
      if (secret === null) throw new Error(`no ${kind} queued for ${email}`);
      return secret;
    },
    queued(address, template) {
      const wanted = address.toLowerCase();
      return [...adapters.state.tables.outbox.values()].flatMap((event) => {
        if (event.payload.kind !== 'email' && event.payload.kind !== 'sms') return [];
        const { message } = event.payload;
        if (message.to.toLowerCase() !== wanted || (template !== undefined && message.template !== template)) return [];
        return [{ event, template: message.template, secret: message.sealedSecret === null ? null : messageSealer.open(message.sealedSecret) }];
      });
    },
    async accept(email, extra = {}) {
      const account = [...adapters.state.tables.users.values()].find((u) => u.email === email.toLowerCase());
      const credential = account?.managedByOrgId === null ? { password: PASSWORD } : { newPassword: PASSWORD };
      const accepted = await core.identity.acceptInvitation.execute(attempt('req-accept'), { token: fx.mailedToken('invitation', email), ...credential, ...extra });
      return { orgId: accepted.orgId, userId: accepted.userId };
    },
    signIn(email, password, extra = {}) {
      const { clientIp = CLIENT_IP, requestId, ...rest } = extra;
      return core.identity.signIn.execute(attempt(requestId, clientIp), { email, password, ...rest });
    },
    async enableTotp(session, password = PASSWORD) {
      const { secret } = await core.identity.enrollTotp.execute(fx.as(session), { sessionId: session.id, currentPassword: password });
      const { recoveryCodes } = await core.identity.verifyTotp.execute(fx.as(session), { sessionId: session.id, code: codeAt(secret, clock.now()) });
      clock.advance(STEP_MS);
      return { secret, recoveryCodes };
    },
    code: (secret) => codeAt(secret, clock.now()),
    storedUser(id) {
      const user = adapters.state.tables.users.get(id);
      if (user === undefined) throw new Error(`no user ${id}`);
      return user;
    },
    storedSession(id) {
      const session = adapters.state.tables.sessions.get(id);
      if (session === undefined) throw new Error(`no session ${id}`);
      return session;
    },
    auditRows: (orgId) => adapters.state.tables.audit.filter((e) => e.orgId === orgId),
  };
  return fx;
}
