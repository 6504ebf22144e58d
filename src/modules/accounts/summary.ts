import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from '../../db/connection.js';
import { type DeploymentStatus, DeploymentStatuses, type TouchTier, TouchTiers } from '../../domain/enums.js';
import type { Actor } from '../../server/types.js';
import { bandRanges, type RevenueBand } from '../workspaces/revenue-bands.js';
import { getSettings } from '../workspaces/service.js';
import type { AccountFilters, AccountSummaryReport } from './contracts.js';
import { filteredAccounts } from './repo.js';
import { kpiRestriction } from './service.js';

/** The share of ARR the Pareto view asks about, as a fraction p/q kept in integers so SQL compares exactly. */
const PARETO = { p: 4, q: 5 };

/** YYYY-MM-DD of a UTC date `days` after `isoDate`. */
export function plusDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Index of the revenue band an account's ARR falls in (bands are contiguous from 0, the last one open-ended). */
function bandIndex(bands: RevenueBand[]): RawBuilder<number> {
  const bounded = bandRanges(bands).filter((r) => r.maxMinor !== null);
  if (bounded.length === 0) return sql<number>`${sql.lit(0)}`;
  const whens = bounded.map((r, i) => sql`when accounts.arr_minor < ${r.maxMinor} then ${sql.lit(i)}`);
  return sql<number>`case ${sql.join(whens, sql` `)} else ${sql.lit(bounded.length)} end`;
}

/** The accounts the list would show for these filters, with only the columns the summary needs. */
function matching(database: Database, actor: Actor, filters: AccountFilters, bands: RevenueBand[], restrict: RawBuilder<boolean> | null) {
  const filtered = filteredAccounts(database, actor.workspaceId, filters, bands);
  return (restrict ? filtered.where(restrict) : filtered)
    .select(['accounts.id as id', 'accounts.arr_minor as arr', 'accounts.deployment_status as deployment', 'accounts.touch_tier as tier'])
    .select(['accounts.renewal_date as renewal', bandIndex(bands).as('band')])
    .as('f');
}

function countWhere(condition: Expression<SqlBool>): RawBuilder<number> {
  return sql<number>`count(case when ${condition} then 1 end)`;
}

type Slice = { count: number; arrMinor: number };
type GroupRow = { key: string | number | null; n: number | string; arr: number | string | null };

function slices<K extends string | number | null>(keys: readonly K[], rows: GroupRow[]): Array<{ key: K } & Slice> {
  return keys.map((key) => {
    // Compare as text: a driver may hand the band index back as a number or as a string.
    const row = rows.find((r) => (r.key === null ? key === null : key !== null && String(r.key) === String(key)));
    return { key, count: Number(row?.n ?? 0), arrMinor: Number(row?.arr ?? 0) };
  });
}

/** Counts, ARR, segment breakdowns, renewal windows and the Pareto figure for the filtered accounts. */
export async function summarizeAccounts(
  database: Database,
  actor: Actor,
  filters: AccountFilters,
  today: string = new Date().toISOString().slice(0, 10),
): Promise<AccountSummaryReport> {
  const { currency, revenueBands } = await getSettings(database, actor.workspaceId);
  const db = database.db;
  const restrict = await kpiRestriction(database, actor, filters);
  const from = () => db.selectFrom(matching(database, actor, filters, revenueBands, restrict));
  const in30 = plusDays(today, 30);
  const in90 = plusDays(today, 90);
  const arrSum = sql<number | string>`coalesce(sum(f.arr), 0)`;

  const totalsQuery = from()
    .select((eb) => [
      eb.fn.countAll<number | string>().as('n'),
      arrSum.as('arr'),
      countWhere(eb('f.renewal', '<', today)).as('overdue'),
      countWhere(eb.and([eb('f.renewal', '>=', today), eb('f.renewal', '<=', in30)])).as('next30'),
      countWhere(eb.and([eb('f.renewal', '>=', today), eb('f.renewal', '<=', in90)])).as('next90'),
    ])
    .executeTakeFirstOrThrow();
  const group = (column: 'f.deployment' | 'f.tier' | 'f.band') =>
    from()
      .select((eb) => [eb.ref(column).as('key'), eb.fn.countAll<number | string>().as('n'), arrSum.as('arr')])
      .groupBy(column)
      .execute() as Promise<GroupRow[]>;
  // Running ARR, largest first (id breaks ties so the order is total): the accounts whose running sum is still
  // below 80% of the whole are all needed, and so is the one after them.
  const running = from().select([
    sql<number>`sum(f.arr) over (order by f.arr desc, f.id rows between unbounded preceding and current row)`.as('running'),
    sql<number>`sum(f.arr) over ()`.as('total'),
  ]);
  const paretoQuery = db
    .selectFrom(running.as('r'))
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where(sql<SqlBool>`r.running * ${sql.lit(PARETO.q)} < r.total * ${sql.lit(PARETO.p)}`)
    .executeTakeFirstOrThrow();

  const [totals, byDeployment, byTier, byBand, below] = await Promise.all([totalsQuery, group('f.deployment'), group('f.tier'), group('f.band'), paretoQuery]);
  const count = Number(totals.n);
  const arrTotalMinor = Number(totals.arr);
  const accountsFor80PctArr = arrTotalMinor > 0 ? Number(below.n) + 1 : 0;
  const bandSlices = slices(
    revenueBands.map((_, i) => i),
    byBand,
  );
  return {
    count,
    arrTotalMinor,
    currency,
    asOf: today,
    byDeploymentStatus: slices<DeploymentStatus | null>([...DeploymentStatuses.values, null], byDeployment),
    byTouchTier: slices<TouchTier | null>([...TouchTiers.values, null], byTier),
    byRevenueBand: bandSlices.map(({ key, ...slice }) => ({ label: revenueBands[key]?.label ?? '', ...slice })),
    renewals: { overdue: Number(totals.overdue), next30: Number(totals.next30), next90: Number(totals.next90) },
    pareto: { accountsFor80PctArr, shareOfAccounts: count > 0 ? accountsFor80PctArr / count : 0 },
  };
}
