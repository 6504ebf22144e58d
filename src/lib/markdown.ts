import { type Inline, parseInline } from './markdown-inline.js';

/**
 * A small markdown parser for stories: text in, a plain tree out, never HTML. The web app turns the tree into React
 * elements, so raw HTML in a story (<script>, <img onerror>, entities) is only ever shown as the characters typed.
 * Supported: paragraphs (every newline is a line break, as in a comment box), headings # to ### (deeper ones read
 * as ###), **bold**, *italic*, `code`, fenced code blocks, bullet and numbered lists (nested by indentation),
 * > blockquotes, --- rules and links to http(s) and mailto: targets only (see safeHref).
 * Input is cut at MAX_MARKDOWN_LENGTH; nesting deeper than MAX_BLOCK_DEPTH is read as text. No regex here can
 * backtrack over more than a line's leading marker.
 */
export type { Inline } from './markdown-inline.js';
export { safeHref } from './markdown-inline.js';

export type Block =
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'heading'; level: 1 | 2 | 3; children: Inline[] }
  | { type: 'code_block'; lang: string | null; text: string }
  | { type: 'list'; ordered: boolean; start: number; items: Block[][] }
  | { type: 'blockquote'; children: Block[] }
  | { type: 'rule' };

export const MAX_MARKDOWN_LENGTH = 50_000;
const MAX_BLOCK_DEPTH = 8;

export function parseMarkdown(source: string): Block[] {
  const text = source.slice(0, MAX_MARKDOWN_LENGTH).replace(/\r\n?/g, '\n').replace(/\t/g, '    ').replaceAll('\u0000', '\ufffd');
  return parseBlocks(text.split('\n'), 0);
}

const isBlank = (line: string) => line.trim() === '';
const indentOf = (line: string) => line.length - line.trimStart().length;

interface Fence {
  indent: number;
  char: string;
  length: number;
  lang: string | null;
}

function openFence(line: string): Fence | null {
  const m = /^( {0,3})(`{3,}|~{3,})(.*)$/.exec(line);
  if (!m) return null;
  const marker = m[2] as string;
  const info = (m[3] as string).trim();
  if (marker[0] === '`' && info.includes('`')) return null;
  return { indent: (m[1] as string).length, char: marker[0] as string, length: marker.length, lang: info.split(' ')[0] || null };
}

function closesFence(line: string, fence: Fence): boolean {
  const trimmed = line.trim();
  return indentOf(line) <= 3 && trimmed.length >= fence.length && [...trimmed].every((c) => c === fence.char);
}

function heading(line: string): { level: 1 | 2 | 3; text: string } | null {
  const m = /^ {0,3}(#{1,6})(?: +(.*))?$/.exec(line);
  if (!m) return null;
  let text = (m[2] ?? '').trimEnd();
  // An optional closing run of #s ("## Title ##"), taken off without a backtracking pattern.
  let end = text.length;
  while (end > 0 && text[end - 1] === '#') end--;
  if (end === 0 || text[end - 1] === ' ') text = text.slice(0, end).trimEnd();
  return { level: Math.min((m[1] as string).length, 3) as 1 | 2 | 3, text };
}

function isRule(line: string): boolean {
  if (indentOf(line) > 3) return false;
  const chars = line.replace(/ /g, '');
  return chars.length >= 3 && (chars[0] === '-' || chars[0] === '*' || chars[0] === '_') && [...chars].every((c) => c === chars[0]);
}

const isQuote = (line: string) => /^ {0,3}>/.test(line);

interface Marker {
  ordered: boolean;
  /** The bullet character, or the delimiter after the number; items of one list share it. */
  kind: string;
  start: number;
  /** Where the item's content starts; its continuation lines are indented at least this far. */
  contentIndent: number;
  rest: string;
}

function listMarker(line: string): Marker | null {
  const m = /^( {0,3})([-+*]|\d{1,9}[.)])( +|$)/.exec(line);
  if (!m) return null;
  const marker = m[2] as string;
  const ordered = /\d/.test(marker[0] as string);
  const spaces = (m[3] as string).length;
  const contentIndent = (m[1] as string).length + marker.length + (spaces > 4 || spaces === 0 ? 1 : spaces);
  return {
    ordered,
    kind: ordered ? marker.slice(-1) : marker,
    start: ordered ? Number.parseInt(marker, 10) : 1,
    contentIndent,
    rest: line.slice(Math.min(line.length, contentIndent)),
  };
}

/** Whether a line starts a block of its own (and so ends a paragraph). */
function startsBlock(line: string, containers: boolean): boolean {
  if (openFence(line) || heading(line) || isRule(line)) return true;
  if (!containers) return false;
  const marker = listMarker(line);
  // Only a list that starts at 1 (or a bullet with text) may interrupt a paragraph: "2019. What a year" may not.
  return isQuote(line) || (marker !== null && marker.rest.trim() !== '' && marker.start === 1);
}

function parseBlocks(lines: string[], depth: number): Block[] {
  const blocks: Block[] = [];
  const containers = depth < MAX_BLOCK_DEPTH;
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push({ type: 'paragraph', children: parseInline(paragraph.join('\n')) });
    paragraph = [];
  };
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    if (isBlank(line)) {
      flush();
      i++;
      continue;
    }
    const fence = openFence(line);
    const head = heading(line);
    const marker = containers ? listMarker(line) : null;
    const interrupts = paragraph.length === 0 || startsBlock(line, containers);
    if (fence) {
      flush();
      const body: string[] = [];
      i++;
      while (i < lines.length && !closesFence(lines[i] as string, fence)) {
        const inner = lines[i] as string;
        body.push(inner.slice(Math.min(fence.indent, indentOf(inner))));
        i++;
      }
      blocks.push({ type: 'code_block', lang: fence.lang, text: body.join('\n') });
      i++;
    } else if (head) {
      flush();
      blocks.push({ type: 'heading', level: head.level, children: parseInline(head.text) });
      i++;
    } else if (isRule(line)) {
      flush();
      blocks.push({ type: 'rule' });
      i++;
    } else if (containers && isQuote(line) && interrupts) {
      flush();
      const inner: string[] = [];
      while (i < lines.length && isQuote(lines[i] as string)) {
        inner.push((lines[i] as string).replace(/^ {0,3}> ?/, ''));
        i++;
      }
      blocks.push({ type: 'blockquote', children: parseBlocks(inner, depth + 1) });
    } else if (marker && interrupts) {
      flush();
      const list = parseList(lines, i, marker, depth);
      blocks.push(list.block);
      i = list.next;
    } else {
      paragraph.push(line.trim());
      i++;
    }
  }
  flush();
  return blocks;
}

function parseList(lines: string[], from: number, first: Marker, depth: number): { block: Block; next: number } {
  const items: string[][] = [[first.rest]];
  let indent = first.contentIndent;
  let i = from + 1;
  while (i < lines.length) {
    const line = lines[i] as string;
    const current = items[items.length - 1] as string[];
    if (isBlank(line)) {
      // A blank line stays in the list only when the list goes on after it.
      let j = i + 1;
      while (j < lines.length && isBlank(lines[j] as string)) j++;
      const after = lines[j];
      const sibling = after !== undefined ? listMarker(after) : null;
      if (after === undefined || (indentOf(after) < indent && !(sibling && sibling.kind === first.kind))) break;
      current.push('');
      i++;
      continue;
    }
    const marker = indentOf(line) < indent ? listMarker(line) : null;
    if (indentOf(line) >= indent) current.push(line.slice(indent));
    else if (marker && marker.kind === first.kind && marker.ordered === first.ordered) {
      items.push([marker.rest]);
      indent = marker.contentIndent;
    } else if (!isBlank(current[current.length - 1] ?? '') && !startsBlock(line, true) && !marker) {
      // A lazy continuation of the item's paragraph.
      current.push(line.trim());
    } else break;
    i++;
  }
  return {
    block: { type: 'list', ordered: first.ordered, start: first.start, items: items.map((item) => parseBlocks(item, depth + 1)) },
    next: i,
  };
}
