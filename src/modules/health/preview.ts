import type { Database } from '../../db/connection.js';
import { AppError } from '../../server/errors.js';
import type { Actor } from '../../server/types.js';
import { type AccountScore, loadSourceContext, scoreAccounts } from './compute.js';
import type { Scorecard } from './contracts.js';
import type { PreviewInput, PreviewMove, ScorecardPreview } from './contracts-preview.js';
import { compareScores, type Move, type Scored } from './preview-compare.js';
import { checkScorecard, getScorecard } from './service.js';

/**
 * The scorecard editor's preview: scores a draft on the live sources (the same code a recompute runs, minus the
 * writes) and compares it with the scorecard's stored scores. Set-based throughout: the sources' handful of queries
 * per measure, one query for the stored scores, one for the names of the accounts shown. Nothing is written.
 */
export async function previewScorecard(database: Database, actor: Actor, input: PreviewInput): Promise<ScorecardPreview> {
  const started = performance.now();
  const current = input.scorecardId ? await getScorecard(database, actor, input.scorecardId) : null;
  const { draft } = input;
  await underDraft(() => checkScorecard(database, actor, draft, current ? current.measures.map((m) => m.id) : null));
  const card: Pick<Scorecard, 'measures' | 'groups' | 'rag' | 'segment'> = {
    // A kept measure keeps its id, and so its manual values; a new one gets an id no stored measure has.
    measures: draft.measures.map((m, i) => ({ ...m, id: m.id ?? `draft-measure-${i}`, group: m.group ?? null })),
    groups: draft.groups,
    rag: draft.rag,
    segment: draft.segment,
  };
  const ctx = await loadSourceContext(database, actor.workspaceId, {});
  const scored = await scoreAccounts(ctx, card);
  const after = new Map<string, AccountScore>(scored.map((s) => [s.accountId, s]));
  const before = current ? await storedScores(database, actor.workspaceId, current.id) : new Map<string, Scored>();
  const comparison = compareScores(before, after, ctx.accounts.length);
  const names = await accountNames(
    database,
    actor.workspaceId,
    [...comparison.falls, ...comparison.rises].map((m) => m.accountId),
  );
  const decorate = (m: Move): PreviewMove => ({ ...m, name: names.get(m.accountId) ?? '', weakestAfter: weakestOf(after.get(m.accountId)) });
  return {
    scorecardId: current?.id ?? null,
    totalAccounts: ctx.accounts.length,
    ...comparison,
    falls: comparison.falls.map(decorate),
    rises: comparison.rises.map(decorate),
    milliseconds: Math.round((performance.now() - started) * 10) / 10,
  };
}

/** The draft is the body's `draft` field: its errors name `draft.<field>`, as the body's schema errors do. */
async function underDraft(check: () => Promise<void>): Promise<void> {
  try {
    await check();
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'validation') throw err;
    throw new AppError(
      'validation',
      err.message,
      err.issues.map((i) => ({ ...i, field: `draft.${i.field}` })),
    );
  }
}

async function storedScores(database: Database, workspaceId: string, scorecardId: string): Promise<Map<string, Scored>> {
  const rows = await database.db
    .selectFrom('health_scores')
    .select(['account_id', 'score', 'rag'])
    .where('workspace_id', '=', workspaceId)
    .where('scorecard_id', '=', scorecardId)
    .execute();
  return new Map(rows.map((r) => [r.account_id, { score: r.score === null ? null : Number(r.score), rag: r.rag }]));
}

async function accountNames(database: Database, workspaceId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await database.db
    .selectFrom('accounts')
    .select(['id', 'name'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

function weakestOf(score: AccountScore | undefined): PreviewMove['weakestAfter'] {
  const id = score?.stored.weakest;
  const component = id ? score.stored.components.find((c) => c.measureId === id) : undefined;
  return component ? { name: component.name, sentence: component.sentence } : null;
}
