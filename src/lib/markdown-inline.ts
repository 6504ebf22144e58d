/**
 * Inline markdown (emphasis, code spans, links, line breaks) to plain nodes. A single left-to-right scan: bracket and
 * parenthesis pairs are matched once up front, and a failed search for a closer is remembered, so that hostile input
 * such as "[[[[…" or "` `` ` ``…" stays linear instead of rescanning the rest of the text at every opener.
 */
export type Inline =
  | { type: 'text'; text: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'em'; children: Inline[] }
  | { type: 'code'; text: string }
  | { type: 'link'; href: string; children: Inline[] }
  | { type: 'break' };

/** Emphasis inside emphasis inside a link…: deeper than this is kept as text (and bounds the recursion). */
const MAX_INLINE_DEPTH = 8;
const PUNCTUATION = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');
const SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/**
 * The link target a story may carry: an absolute http(s) URL with a host, or a mailto: address. Anything else
 * (javascript:, data:, vbscript:, protocol-relative "//host", relative paths, control characters) gives null.
 * The canonical form the URL parser produces is returned, so what the browser follows is exactly what was checked.
 */
export function safeHref(raw: string): string | null {
  let target = raw.trim();
  if (target.startsWith('<') && target.endsWith('>')) target = target.slice(1, -1);
  else {
    // [text](url "title"): the title is dropped.
    const space = target.search(/\s/);
    if (space >= 0) target = target.slice(0, space);
  }
  if (!/^(?:https?:\/\/|mailto:)/i.test(target)) return null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what must be refused
  if (/[\u0000-\u0020\u007f]/.test(target)) return null;
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return null;
  }
  if (!SCHEMES.has(url.protocol)) return null;
  if (url.protocol !== 'mailto:' && !url.hostname) return null;
  return url.href;
}

/** For each opening character, the index of its matching close (or -1); escaped characters do not count. */
function matchPairs(src: string, open: string, close: string): Int32Array {
  const match = new Int32Array(src.length).fill(-1);
  const stack: number[] = [];
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (c === open) stack.push(i);
    else if (c === close && stack.length) match[stack.pop() as number] = i;
  }
  return match;
}

function runLength(src: string, at: number, c: string): number {
  let n = 0;
  while (src[at + n] === c) n++;
  return n;
}

const isSpace = (c: string | undefined) => c === undefined || c === ' ' || c === '\n';
const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** Code span content: one leading and trailing space are dropped when both are there, newlines read as spaces. */
function codeText(raw: string): string {
  const text = raw.replace(/\n/g, ' ');
  return text.length > 2 && text.startsWith(' ') && text.endsWith(' ') && text.trim() !== '' ? text.slice(1, -1) : text;
}

/** The end of a bare http(s) URL starting at `at`, without trailing punctuation. */
function bareUrlEnd(src: string, at: number): number {
  let end = at;
  while (end < src.length && !/[\s<>"]/.test(src[end] as string)) end++;
  while (end > at && /[.,:;!?'*_)]/.test(src[end - 1] as string)) {
    if (src[end - 1] === ')' && src.slice(at, end).includes('(')) break;
    end--;
  }
  return end;
}

export function parseInline(src: string, depth = 0, inLink = false): Inline[] {
  const out: Inline[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push({ type: 'text', text });
    text = '';
  };
  const emit = (node: Inline | Inline[]) => {
    flush();
    for (const n of Array.isArray(node) ? node : [node]) {
      const last = out[out.length - 1];
      if (n.type === 'text' && last?.type === 'text') last.text += n.text;
      else out.push(n);
    }
  };
  const nested = depth < MAX_INLINE_DEPTH;
  // Plain words (most of a story) need no scan at all.
  if (!/[\\\n`*_[h]/.test(src)) return src ? [{ type: 'text', text: src }] : [];
  let pairs: { brackets: Int32Array; parens: Int32Array } | null = null;
  const linkAt = (at: number): { close: number; end: number } | null => {
    pairs ??= { brackets: matchPairs(src, '[', ']'), parens: matchPairs(src, '(', ')') };
    const close = pairs.brackets[at] as number;
    const end = close > at && src[close + 1] === '(' ? (pairs.parens[close + 1] as number) : -1;
    return end > 0 ? { close, end } : null;
  };
  // Where a search for a closer of this kind already failed: any later search from there fails too.
  const noCloserFrom = new Map<string, number>();

  const findRun = (from: number, c: string, n: number, valid: (at: number) => boolean): number => {
    const key = `${c}${n}`;
    if (from >= (noCloserFrom.get(key) ?? Number.POSITIVE_INFINITY)) return -1;
    for (let j = from; j < src.length; ) {
      if (src[j] === '\\' && c !== '`') {
        j += 2;
        continue;
      }
      if (src[j] !== c) {
        j++;
        continue;
      }
      const run = runLength(src, j, c);
      if (run === n && valid(j)) return j;
      j += run;
    }
    noCloserFrom.set(key, Math.min(from, noCloserFrom.get(key) ?? from));
    return -1;
  };

  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    const next = src[i + 1];
    if (c === '\\' && next === '\n') {
      emit({ type: 'break' });
      i += 2;
    } else if (c === '\\' && next !== undefined && PUNCTUATION.has(next)) {
      text += next;
      i += 2;
    } else if (c === '\n') {
      emit({ type: 'break' });
      i++;
    } else if (c === '`') {
      const n = runLength(src, i, '`');
      const close = findRun(i + n, '`', n, () => true);
      if (close >= 0) emit({ type: 'code', text: codeText(src.slice(i + n, close)) });
      else text += src.slice(i, i + n);
      i = close >= 0 ? close + n : i + n;
    } else if ((c === '*' || c === '_') && nested) {
      const n = runLength(src, i, c);
      const opens = n <= 3 && !isSpace(src[i + n]) && !(c === '_' && isWordChar(src[i - 1]));
      const close = opens ? findRun(i + n + 1, c, n, (at) => !isSpace(src[at - 1]) && !(c === '_' && isWordChar(src[at + n]))) : -1;
      if (close < 0) {
        text += src.slice(i, i + n);
        i += n;
        continue;
      }
      const children = parseInline(src.slice(i + n, close), depth + 1, inLink);
      if (n === 1) emit({ type: 'em', children });
      else if (n === 2) emit({ type: 'strong', children });
      else emit({ type: 'strong', children: [{ type: 'em', children }] });
      i = close + n;
    } else if (c === '[' && !inLink && nested && linkAt(i)) {
      const { close, end } = linkAt(i) as { close: number; end: number };
      const children = parseInline(src.slice(i + 1, close), depth + 1, true);
      const href = safeHref(src.slice(close + 2, end));
      // A link we will not follow keeps its words, as plain text.
      emit(href ? { type: 'link', href, children } : children);
      i = end + 1;
    } else if (c === 'h' && !inLink && /^https?:\/\//.test(src.slice(i, i + 8)) && (i === 0 || /[\s(]/.test(src[i - 1] as string))) {
      const end = bareUrlEnd(src, i);
      const url = src.slice(i, end);
      const href = safeHref(url);
      if (href) emit({ type: 'link', href, children: [{ type: 'text', text: url }] });
      else text += url;
      i = Math.max(end, i + 1);
    } else {
      text += c;
      i++;
    }
  }
  flush();
  return out;
}
