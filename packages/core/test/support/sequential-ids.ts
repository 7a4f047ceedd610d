import type { IdGenerator } from '@cws/core';

/**
 * UUID-shaped ids in issue order: 00000000-0000-4000-8000-000000000001, ...02, ... Later ids
 * sort after earlier ones, so ties broken by id follow creation order.
 */
export class SequentialIds implements IdGenerator {
  private issued = 0;

  next(): string {
    this.issued += 1;
    return SequentialIds.format(this.issued);
  }

  /** The id the k-th next call will return (k = 1 is the very next one), without issuing it. */
  peek(k = 1): string {
    return SequentialIds.format(this.issued + k);
  }

  get count(): number {
    return this.issued;
  }

  static format(n: number): string {
    return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
  }
}
