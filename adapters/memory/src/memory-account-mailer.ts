import type { AccountMailer, AccountMessage } from '@cws/core';

/**
 * The AccountMailer in memory: every message is kept in `sent` (newest last), for tests and for
 * embedding apps that deliver mail themselves. `deliver: false` plays a store without a mail
 * transport (nothing kept, `delivered: false`).
 */
export class MemoryAccountMailer implements AccountMailer {
  readonly sent: AccountMessage[] = [];

  constructor(private readonly options: { deliver?: boolean } = {}) {}

  async send(message: AccountMessage): Promise<{ delivered: boolean }> {
    if (this.options.deliver === false) return { delivered: false };
    this.sent.push(message);
    return { delivered: true };
  }

  /** The newest message of `kind` to `to`, or null. */
  last(kind: AccountMessage['kind'], to: string): AccountMessage | null {
    const lower = to.toLowerCase();
    return [...this.sent].reverse().find((m) => m.kind === kind && m.to.toLowerCase() === lower) ?? null;
  }
}
