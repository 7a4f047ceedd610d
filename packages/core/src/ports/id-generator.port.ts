/** Produces ids for new rows (UUIDs). A port so tests can make ids predictable. */
export interface IdGenerator {
  next(): string;
}
