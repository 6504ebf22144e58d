import type { PreviewRag, PreviewSide, RagCounts } from './contracts-preview.js';

/**
 * The pure half of the scorecard preview: compares each account's score before (stored) and after (the draft),
 * in one pass over the accounts that have either, so it stays linear at 100,000 accounts.
 */
export interface Scored {
  score: number | null;
  rag: string | null;
}

export interface Move {
  accountId: string;
  before: number | null;
  after: number | null;
  change: number;
  ragBefore: PreviewRag;
  ragAfter: PreviewRag;
}

export interface Comparison {
  before: PreviewSide;
  after: PreviewSide;
  transitions: Array<{ from: PreviewRag; to: PreviewRag; count: number }>;
  ragChanged: number;
  scoreChanged: number;
  meanChange: number | null;
  falls: Move[];
  rises: Move[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const RAGS: readonly PreviewRag[] = ['red', 'amber', 'green', 'none'];

export function ragKey(s: Scored | undefined): PreviewRag {
  return s && s.score !== null && (s.rag === 'red' || s.rag === 'amber' || s.rag === 'green') ? s.rag : 'none';
}

/** The histogram's bucket of a score: its shown (rounded) value by tens, 100 in the last bucket. */
export function bucketOf(score: number): number {
  return Math.min(9, Math.max(0, Math.floor(Math.round(score) / 10)));
}

function side(scores: Iterable<Scored>, accounts: number, totalAccounts: number): PreviewSide {
  const rag: RagCounts = { red: 0, amber: 0, green: 0, none: 0 };
  const histogram = Array.from({ length: 10 }, () => 0);
  let sum = 0;
  let n = 0;
  for (const s of scores) {
    const key = ragKey(s);
    if (key === 'none' || s.score === null) continue;
    rag[key] += 1;
    histogram[bucketOf(s.score)] = (histogram[bucketOf(s.score)] ?? 0) + 1;
    sum += s.score;
    n += 1;
  }
  // Everyone else has no score on this scorecard: outside its segment, or without data.
  rag.none = Math.max(0, totalAccounts - rag.red - rag.amber - rag.green);
  return { accounts, rag, histogram, mean: n ? round2(sum / n) : null };
}

const byChange = (a: Move, b: Move) => a.change - b.change || (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0);

/**
 * `before`: the stored scores by account (only accounts with a row). `after`: the draft's scores of the accounts
 * in its segment. `totalAccounts`: the workspace's accounts, so that "none" counts everyone without a score.
 */
export function compareScores(before: ReadonlyMap<string, Scored>, after: ReadonlyMap<string, Scored>, totalAccounts: number, top = 10): Comparison {
  const counts = new Map<string, number>();
  let scoreChanged = 0;
  let changeSum = 0;
  let both = 0;
  const moves: Move[] = [];
  const visit = (accountId: string) => {
    const b = before.get(accountId);
    const a = after.get(accountId);
    const from = ragKey(b);
    const to = ragKey(a);
    if (from !== to) counts.set(`${from}>${to}`, (counts.get(`${from}>${to}`) ?? 0) + 1);
    if (b?.score === null || b?.score === undefined || a?.score === null || a?.score === undefined) return;
    both += 1;
    const change = a.score - b.score;
    changeSum += change;
    if (Math.round(a.score) !== Math.round(b.score)) scoreChanged += 1;
    if (round2(change) !== 0) moves.push({ accountId, before: b.score, after: a.score, change: round2(change), ragBefore: from, ragAfter: to });
  };
  for (const id of after.keys()) visit(id);
  for (const id of before.keys()) if (!after.has(id)) visit(id);

  const transitions: Comparison['transitions'] = [];
  for (const from of RAGS) {
    for (const to of RAGS) {
      const count = counts.get(`${from}>${to}`);
      if (count) transitions.push({ from, to, count });
    }
  }
  transitions.sort((x, y) => y.count - x.count);
  moves.sort(byChange);
  return {
    before: side(before.values(), before.size, totalAccounts),
    after: side(after.values(), after.size, totalAccounts),
    transitions,
    ragChanged: transitions.reduce((sum, t) => sum + t.count, 0),
    scoreChanged,
    meanChange: both ? round2(changeSum / both) : null,
    falls: moves.filter((m) => m.change < 0).slice(0, top),
    rises: moves
      .filter((m) => m.change > 0)
      .slice(-top)
      .reverse(),
  };
}
