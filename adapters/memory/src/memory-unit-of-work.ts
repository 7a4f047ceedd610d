import { AsyncLocalStorage } from 'node:async_hooks';
import { AppError, isSessionUsable, isUuid, type RequestContext, type TenantRepositories, type UnitOfWork, type UnitOptions } from '@cws/core';
import type { MemoryState, TenantTables } from './memory-state.js';
import { tenantRepositories } from './memory-tenant-repositories.js';

/**
 * One unit of work at a time (a mutex), with the tenant tables snapshotted on entry and restored
 * when the work throws: all-or-nothing like a database transaction. A unit started inside another
 * fails loudly; on the embedded database it would wait on itself forever.
 */
export class MemoryUnitOfWork implements UnitOfWork {
  private readonly inside = new AsyncLocalStorage<true>();

  constructor(private readonly state: MemoryState) {}

  run<T>(ctx: RequestContext, work: (repos: TenantRepositories) => Promise<T>, options: UnitOptions = {}): Promise<T> {
    if (this.inside.getStore() === true) {
      return Promise.reject(new Error('A unit of work was started inside another unit of work'));
    }
    return this.state.serial(() =>
      this.inside.run(true, async () => {
        if (ctx.session !== undefined) this.confirmSession(ctx);
        const before = this.state.snapshot();
        try {
          const result = await work(tenantRepositories(ctx.orgId, this.state.tables, actingUser(ctx)));
          // As PostgreSQL refuses a write in a read-only transaction: the unit fails, nothing stays.
          if (options.readOnly === true && changedSince(before, this.state.tables)) throw new Error('A read-only unit of work wrote');
          return result;
        } catch (err) {
          this.state.tables = before;
          throw err;
        }
      }),
    );
  }

  /** The live-session check every unit of a signed-in request starts with (see the port), claims included. */
  private confirmSession(ctx: RequestContext): void {
    const proof = ctx.session!;
    const { sessions, memberships } = this.state.tables;
    const session = sessions.get(proof.sessionId);
    const live =
      session !== undefined &&
      session.orgId === ctx.orgId &&
      session.userId === proof.userId &&
      isSessionUsable(session, ctx.now) &&
      session.mfaVerified === proof.mfaVerified &&
      [...memberships.values()].some((m) => m.orgId === ctx.orgId && m.userId === proof.userId && m.deactivatedAt === null && m.role === proof.role);
    if (!live) throw new AppError('auth.session_revoked', 'The session has ended; sign in again');
    proof.confirmed = true;
  }
}

/** Whether any table changed: rows are replaced, never edited in place, so identity is enough. */
function changedSince(before: TenantTables, after: TenantTables): boolean {
  return (Object.keys(before) as Array<keyof TenantTables>).some((name) => {
    const [a, b] = [before[name], after[name]] as [unknown, unknown];
    if (Array.isArray(a) && Array.isArray(b)) return a.length !== b.length || a.some((row, i) => row !== b[i]);
    const [m, n] = [a as Map<unknown, unknown>, b as Map<unknown, unknown>];
    return m.size !== n.size || [...m].some(([key, row]) => n.get(key) !== row);
  });
}

/** The staff user acting, as the PostgreSQL unit of work sets `app.acting_user_id`. */
export function actingUser(ctx: RequestContext): string | null {
  return ctx.actor.kind === 'staff' && isUuid(ctx.actor.id) ? ctx.actor.id.toLowerCase() : null;
}
