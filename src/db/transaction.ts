import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.js';

/**
 * Runs `fn` in a transaction: a new one, or the caller's when `db` already is one (the demo installer and the
 * CLI call services inside their own transaction; Kysely does not nest them).
 */
export function withTransaction<T>(db: Kysely<DB>, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db as Transaction<DB>) : db.transaction().execute(fn);
}
