/** DI tokens of the container. The core knows nothing of them: it is wired through createCore. */
export const TOKENS = {
  Config: Symbol.for('cws.Config'),
  Clock: Symbol.for('cws.Clock'),
  Ids: Symbol.for('cws.IdGenerator'),
  Database: Symbol.for('cws.Database'),
  StoragePorts: Symbol.for('cws.StoragePorts'),
  Core: Symbol.for('cws.Core'),
  RateLimiter: Symbol.for('cws.RateLimiter'),
  Messaging: Symbol.for('cws.Messaging'),
  Payments: Symbol.for('cws.Payments'),
} as const;
