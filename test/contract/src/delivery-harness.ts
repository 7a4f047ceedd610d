/** What the message-channel suites share: awaiting a refused send, and closing every peer a test opened. */
import { expect } from 'chai';
import { AppError } from '@cws/core';

/** The AppError `promise` fails with (anything else, or success, fails the test). */
export async function deliveryFailure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error, String(error)).to.be.instanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected the send to fail');
}

/** Harnesses made in a test, closed after it (registers the mocha hook). */
export function closedAfterEach<O, H extends { close(): Promise<void> }>(factory: (options: O) => Promise<H>): (options: O) => Promise<H> {
  const open: H[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((x) => x.close()));
  });
  return async (options) => {
    const made = await factory(options);
    open.push(made);
    return made;
  };
}
