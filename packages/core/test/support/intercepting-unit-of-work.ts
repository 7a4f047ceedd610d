import type { RequestContext, TenantRepositories, UnitOfWork, UnitOptions } from '@cws/core';

export type RepositoryOverrides = {
  [K in keyof TenantRepositories]?: Partial<TenantRepositories[K]>;
};

/**
 * Delegates to a real unit of work but lets a test replace single repository methods, e.g. make
 * the audit append throw to prove a use case's writes roll back together. `overrides` receives
 * the real repositories so a replacement can call through.
 */
export class InterceptingUnitOfWork implements UnitOfWork {
  overrides: ((real: TenantRepositories) => RepositoryOverrides) | null = null;
  /** The options of every unit the core opened through this one, in order (what the port was told). */
  readonly opened: Array<UnitOptions | undefined> = [];

  constructor(private readonly inner: UnitOfWork) {}

  run<T>(ctx: RequestContext, work: (repos: TenantRepositories) => Promise<T>, options?: UnitOptions): Promise<T> {
    this.opened.push(options);
    return this.inner.run(ctx, (real) => {
      const make = this.overrides;
      if (make === null) return work(real);
      const extra = make(real);
      const repos = Object.fromEntries(
        Object.entries(real).map(([name, repo]) => [name, overlay(repo as object, extra[name as keyof TenantRepositories] as Partial<object> | undefined)]),
      ) as unknown as TenantRepositories;
      return work(repos);
    }, options);
  }
}

function overlay<T extends object>(base: T, extra: Partial<T> | undefined): T {
  if (extra === undefined) return base;
  return new Proxy(base, {
    get(target, prop) {
      if (Object.hasOwn(extra, prop)) return (extra as Record<string | symbol, unknown>)[prop];
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
