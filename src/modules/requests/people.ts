import { invalid } from '../../server/errors.js';
import type { Actor } from '../../server/types.js';

/**
 * Replaces "me" in a user-id filter with the caller. An API key is nobody: "me" from one is refused, naming the
 * field, rather than silently matching nothing.
 */
export function resolveMe(actor: Actor, field: string, values: string[] | undefined): string[] | undefined {
  if (!values?.includes('me')) return values;
  if (!actor.userId) throw invalid(field, 'person', `${field}: "me" needs a signed-in person; an API key must name a user id`, 'me');
  const me = actor.userId;
  return values.map((v) => (v === 'me' ? me : v));
}

/** A filter on a nullable user column: ids, plus "none" for no one. */
export function splitNone(values: string[]): { ids: string[]; none: boolean } {
  const ids = values.filter((v) => v !== 'none');
  return { ids, none: ids.length !== values.length };
}
