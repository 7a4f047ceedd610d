import type { Clock } from '../ports/clock.port.js';

/** The real clock. */
export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}
