import type { PasswordHasher } from '@cws/core';
import { CHEAP_HASHER } from './identity-fixture.js';

/**
 * A password hasher that can hold its next `verify` open, to land another request between a use
 * case's read of a user and its write (password checks never run inside a unit of work, so the
 * hold cannot deadlock the memory adapter's serial units of work).
 */
export class GatedHasher implements PasswordHasher {
  private pending: { arrived: () => void; gate: Promise<void> } | null = null;

  constructor(private readonly inner: PasswordHasher = CHEAP_HASHER) {}

  /** The next verify waits; `reached` resolves when it has started, `release` lets it go on. */
  holdNextVerify(): { reached: Promise<void>; release: () => void } {
    let release!: () => void;
    let arrived!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const reached = new Promise<void>((resolve) => (arrived = resolve));
    this.pending = { arrived, gate };
    return { reached, release };
  }

  hash(password: string): Promise<string> {
    return this.inner.hash(password);
  }

  async verify(hash: string, password: string): Promise<boolean> {
    const held = this.pending;
    if (held !== null) {
      this.pending = null;
      held.arrived();
      await held.gate;
    }
    return this.inner.verify(hash, password);
  }
}
