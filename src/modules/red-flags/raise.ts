import type { Kysely, Transaction } from 'kysely';
import { decodeJson, nowIso } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import { ContactRoles, type RedFlagKind } from '../../domain/enums.js';
import { markHealthDirty } from '../../jobs/health-dirty.js';
import { newId } from '../../lib/ids.js';
import type { RedFlagSource } from './contracts.js';

type Executor = Kysely<DB> | Transaction<DB>;

export interface RaiseRedFlag {
  workspaceId: string;
  accountId: string;
  kind: RedFlagKind;
  note: string | null;
  contactId?: string | null;
  source: RedFlagSource;
  raisedBy: string | null;
  /** When it was raised; now unless given (the demo backdates). */
  raisedAt?: string;
}

/** Inserts one open red flag inside the caller's transaction (ids already checked to be the workspace's). Returns its id. */
export async function raiseRedFlag(trx: Executor, flag: RaiseRedFlag): Promise<string> {
  const id = newId();
  await trx
    .insertInto('red_flags')
    .values({
      id,
      workspace_id: flag.workspaceId,
      account_id: flag.accountId,
      kind: flag.kind,
      note: flag.note,
      contact_id: flag.contactId ?? null,
      source: flag.source,
      status: 'open',
      raised_by: flag.raisedBy,
      raised_at: flag.raisedAt ?? nowIso(),
      resolved_by: null,
      resolved_at: null,
      resolution: null,
    })
    .execute();
  await markHealthDirty(trx, flag.workspaceId, [flag.accountId], 'red flags changed');
  return id;
}

/** Losing one of these people is a churn warning (DOMAIN.md). */
const KEY_ROLES = ['sponsor', 'champion'] as const;

/**
 * Called by the contacts API and the CSV import, in their transaction, with the contacts that have just become
 * 'left': each one who is a sponsor or champion gets an automatic contact_left flag, unless one is already open for
 * them. Returns how many flags were raised.
 */
export async function flagDepartedKeyContacts(trx: Executor, workspaceId: string, contactIds: readonly string[], raisedBy: string | null): Promise<number> {
  let raised = 0;
  for (let i = 0; i < contactIds.length; i += 500) {
    const chunk = contactIds.slice(i, i + 500);
    const contacts = await trx
      .selectFrom('contacts')
      .select(['id', 'account_id', 'name', 'roles', 'left_on'])
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', chunk)
      .where('status', '=', 'left')
      .execute();
    const key = contacts
      .map((c) => ({
        ...c,
        keyRoles: decodeJson<string[]>(c.roles, []).filter((r): r is (typeof KEY_ROLES)[number] => (KEY_ROLES as readonly string[]).includes(r)),
      }))
      .filter((c) => c.keyRoles.length > 0);
    if (key.length === 0) continue;
    const flagged = new Set(
      (
        await trx
          .selectFrom('red_flags')
          .select('contact_id')
          .where('workspace_id', '=', workspaceId)
          .where('kind', '=', 'contact_left')
          .where('status', '=', 'open')
          .where(
            'contact_id',
            'in',
            key.map((c) => c.id),
          )
          .execute()
      ).map((r) => r.contact_id),
    );
    for (const c of key) {
      if (flagged.has(c.id)) continue;
      const roles = c.keyRoles.map((r) => ContactRoles.labels[r].toLowerCase()).join(' and ');
      const when = c.left_on ? ` on ${c.left_on}` : '';
      await raiseRedFlag(trx, {
        workspaceId,
        accountId: c.account_id,
        kind: 'contact_left',
        note: `${c.name} (${roles}) left the company${when}.`,
        contactId: c.id,
        source: 'automatic',
        raisedBy,
      });
      raised += 1;
    }
  }
  return raised;
}
