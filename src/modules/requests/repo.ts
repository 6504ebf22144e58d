import { type Expression, type ExpressionBuilder, type Kysely, type RawBuilder, type SqlBool, sql, type Transaction } from 'kysely';
import type { KeyKind } from '../../db/keyset.js';
import type { DB } from '../../db/schema.js';
import type { RequestStatus } from '../../domain/enums.js';
import type { InternalRequest } from './contracts.js';

type Executor = Kysely<DB> | Transaction<DB>;
const DAY_MS = 86_400_000;

/** Every request column plus the names a list row shows. */
export function selectRequests(db: Executor) {
  return db
    .selectFrom('internal_requests as r')
    .leftJoin('accounts as account', 'account.id', 'r.account_id')
    .leftJoin('users as asker', 'asker.id', 'r.requested_by')
    .leftJoin('users as assignee', 'assignee.id', 'r.assignee_id')
    .selectAll('r')
    .select(['account.name as account_name', 'asker.name as asker_name', 'assignee.name as assignee_name']);
}

export type RequestRow = DB['internal_requests'] & { account_name: string | null; asker_name: string | null; assignee_name: string | null };

/** The moment before which an open request's last nudge makes it stalled. */
export function stalledBefore(now: Date, followUpDays: number): string {
  return new Date(now.getTime() - followUpDays * DAY_MS).toISOString();
}

/** Stalled: open, and asked (or last followed up) at or before `threshold`. */
export function stalledCondition(threshold: string) {
  return (eb: ExpressionBuilder<DB & { r: DB['internal_requests'] }, 'r'>): Expression<SqlBool> =>
    eb.and([eb('r.status', '=', 'open'), eb(sql`coalesce(r.last_follow_up_at, r.asked_at)`, '<=', threshold)]);
}

export function toRequest(row: RequestRow, now: Date, followUpDays: number): InternalRequest {
  const asked = Date.parse(row.asked_at);
  const nudged = Date.parse(row.last_follow_up_at ?? row.asked_at);
  const end = row.resolved_at ? Date.parse(row.resolved_at) : now.getTime();
  return {
    id: row.id,
    title: row.title,
    details: row.details,
    accountId: row.account_id,
    accountName: row.account_name,
    requestedBy: row.requested_by,
    requestedByName: row.asker_name,
    assigneeId: row.assignee_id,
    assigneeName: row.assignee_name,
    askedAt: row.asked_at,
    neededBy: row.needed_by,
    status: row.status as RequestStatus,
    response: row.response,
    resolvedAt: row.resolved_at,
    lastFollowUpAt: row.last_follow_up_at,
    followUps: Number(row.follow_ups),
    stalled: row.status === 'open' && now.getTime() - nudged >= followUpDays * DAY_MS,
    daysWaiting: Math.max(0, Math.floor((end - asked) / DAY_MS)),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Sort keys; requests without a needed-by date sort last through a sentinel, as accounts do. */
export function requestSortExpression(field: string): { key: RawBuilder<string | number>; kind: KeyKind } {
  return field === 'neededBy' ? { key: sql`coalesce(r.needed_by, '9999-12-31')`, kind: 'date' } : { key: sql`r.asked_at`, kind: 'timestamp' };
}
