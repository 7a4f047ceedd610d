import { randomUUID } from 'node:crypto';
import type { IdGenerator } from '../ports/id-generator.port.js';

/** Random (v4) UUIDs from the platform CSPRNG. */
export class RandomIdGenerator implements IdGenerator {
  next(): string {
    return randomUUID();
  }
}
