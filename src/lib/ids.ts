import { monotonicFactory } from 'ulid';

const nextUlid = monotonicFactory();

/** Sortable text id (ULID): creation order is id order, which keyset pagination relies on. */
export function newId(): string {
  return nextUlid();
}
