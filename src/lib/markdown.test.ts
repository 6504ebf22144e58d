import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Block, type Inline, MAX_MARKDOWN_LENGTH, parseMarkdown, safeHref } from './markdown.js';

const text = (t: string): Inline => ({ type: 'text', text: t });
const para = (...children: Inline[]): Block => ({ type: 'paragraph', children });

/** Every link target in a tree, and every text, so tests can say what can and cannot reach a page. */
function walk(blocks: Block[]): { hrefs: string[]; texts: string[]; kinds: Set<string> } {
  const hrefs: string[] = [];
  const texts: string[] = [];
  const kinds = new Set<string>();
  const inline = (nodes: Inline[]) => {
    for (const n of nodes) {
      kinds.add(n.type);
      if (n.type === 'link') hrefs.push(n.href);
      if (n.type === 'text' || n.type === 'code') texts.push(n.text);
      if ('children' in n) inline(n.children);
    }
  };
  const block = (list: Block[]) => {
    for (const b of list) {
      kinds.add(b.type);
      if (b.type === 'paragraph' || b.type === 'heading') inline(b.children);
      else if (b.type === 'blockquote') block(b.children);
      else if (b.type === 'list') b.items.forEach(block);
      else if (b.type === 'code_block') texts.push(b.text);
    }
  };
  block(blocks);
  return { hrefs, texts, kinds };
}

describe('markdown blocks', () => {
  it('reads paragraphs, with every newline a line break', () => {
    expect(parseMarkdown('one\ntwo\n\nthree')).toEqual([para(text('one'), { type: 'break' }, text('two')), para(text('three'))]);
  });

  it('reads headings # to ###, deeper ones as ###, and drops a closing run of #', () => {
    expect(parseMarkdown('# One\n## Two ##\n#### Four\n#nope')).toEqual([
      { type: 'heading', level: 1, children: [text('One')] },
      { type: 'heading', level: 2, children: [text('Two')] },
      { type: 'heading', level: 3, children: [text('Four')] },
      para(text('#nope')),
    ]);
  });

  it('reads fenced code verbatim, markdown and HTML included', () => {
    expect(parseMarkdown('```ts\nconst a = **b**;\n<b>x</b>\n```\nafter')).toEqual([
      { type: 'code_block', lang: 'ts', text: 'const a = **b**;\n<b>x</b>' },
      para(text('after')),
    ]);
    // An unclosed fence runs to the end.
    expect(parseMarkdown('~~~\nopen')).toEqual([{ type: 'code_block', lang: null, text: 'open' }]);
  });

  it('reads bullet and numbered lists, nested by indentation', () => {
    expect(parseMarkdown('- a\n- b\n  - c\n\n3. x\n4. y')).toEqual([
      {
        type: 'list',
        ordered: false,
        start: 1,
        items: [[para(text('a'))], [para(text('b')), { type: 'list', ordered: false, start: 1, items: [[para(text('c'))]] }]],
      },
      { type: 'list', ordered: true, start: 3, items: [[para(text('x'))], [para(text('y'))]] },
    ]);
  });

  it('reads blockquotes and rules', () => {
    expect(parseMarkdown('> quoted\n> **still**\n\n---')).toEqual([
      { type: 'blockquote', children: [para(text('quoted'), { type: 'break' }, { type: 'strong', children: [text('still')] })] },
      { type: 'rule' },
    ]);
  });

  it('does not start a numbered list inside a paragraph unless it starts at 1', () => {
    expect(parseMarkdown('We grew in\n2019. What a year')).toEqual([para(text('We grew in'), { type: 'break' }, text('2019. What a year'))]);
  });
});

describe('markdown inline', () => {
  it('reads bold, italic, code and links', () => {
    expect(parseMarkdown('**b** *i* _j_ `c` [site](https://example.com/a?b=1)')).toEqual([
      para(
        { type: 'strong', children: [text('b')] },
        text(' '),
        { type: 'em', children: [text('i')] },
        text(' '),
        { type: 'em', children: [text('j')] },
        text(' '),
        { type: 'code', text: 'c' },
        text(' '),
        { type: 'link', href: 'https://example.com/a?b=1', children: [text('site')] },
      ),
    ]);
  });

  it('nests emphasis, keeps snake_case and lone stars as text, honours escapes', () => {
    expect(parseMarkdown('*a **b** c* snake_case_name 2 * 3 \\*x\\*')).toEqual([
      para({ type: 'em', children: [text('a '), { type: 'strong', children: [text('b')] }, text(' c')] }, text(' snake_case_name 2 * 3 *x*')),
    ]);
    expect(parseMarkdown('**unclosed *both')).toEqual([para(text('**unclosed *both'))]);
  });

  it('links bare http(s) URLs and mailto: links', () => {
    const { hrefs } = walk(parseMarkdown('See https://example.com/x. Or [mail](mailto:cs@example.com) (https://example.com/y)'));
    expect(hrefs).toEqual(['https://example.com/x', 'mailto:cs@example.com', 'https://example.com/y']);
  });
});

describe('markdown safety', () => {
  const attacks = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '[click](javascript:alert(1))',
    '[click](JaVaScRiPt:alert(1))',
    '[click]( javascript:alert(1))',
    '[click](java\tscript:alert(1))',
    '[click](&#106;avascript:alert(1))',
    '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '[click](vbscript:msgbox)',
    '[click](//evil.example.com)',
    '[click](/relative/path)',
    '[click](https:evil)',
    '[click](<javascript:alert(1)>)',
    '[[nested](javascript:alert(1))](https://ok.example.com)',
    '[a [b] c](javascript:x)',
    '&lt;script&gt;alert(1)&lt;/script&gt; &#x3C;b&#x3E;',
    'javascript:alert(1)',
  ];

  it.each(attacks)('keeps %j as text with no unsafe link', (attack) => {
    const { hrefs, texts, kinds } = walk(parseMarkdown(attack));
    for (const href of hrefs) expect(href).toMatch(/^(https?:\/\/[^/]|mailto:)/);
    expect(kinds.has('link') ? hrefs.every((h) => h.startsWith('https://ok.example.com')) : true).toBe(true);
    // Raw HTML and entities come through as the characters typed: the renderer shows them as text.
    if (attack.startsWith('<') || attack.startsWith('&')) expect(texts.join('')).toBe(attack);
  });

  it('accepts only absolute http(s) URLs with a host and mailto:', () => {
    expect(safeHref('https://example.com')).toBe('https://example.com/');
    expect(safeHref('HTTP://Example.com/A')).toBe('http://example.com/A');
    expect(safeHref('mailto:a@example.com')).toBe('mailto:a@example.com');
    expect(safeHref('https://example.com "title"')).toBe('https://example.com/');
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'ftp://example.com', 'http://', '', '#top', 'https://exa\u0000mple.com']) {
      expect(safeHref(bad), bad).toBeNull();
    }
  });

  it('cuts input at the maximum length', () => {
    const { texts } = walk(parseMarkdown('x'.repeat(MAX_MARKDOWN_LENGTH + 100)));
    expect(texts.join('').length).toBe(MAX_MARKDOWN_LENGTH);
  });

  it('stays fast on hostile input (no catastrophic backtracking, bounded nesting)', () => {
    const n = MAX_MARKDOWN_LENGTH;
    const hostile = [
      '['.repeat(n),
      '[a]('.repeat(n / 4),
      '*a '.repeat(n / 3),
      '_'.repeat(n),
      '` `` '.repeat(n / 5),
      '**a *b '.repeat(n / 7),
      '>'.repeat(n),
      `${'- '.repeat(n / 2)}x`,
      '  '.repeat(n / 4).concat('#'),
      `# ${' '.repeat(n - 10)}x`,
      `${'1. '.repeat(n / 3)}`,
      'https://'.repeat(n / 8),
      '\\'.repeat(n),
      `${'\n'.repeat(n / 2)}`,
    ];
    for (const input of hostile) {
      const started = performance.now();
      parseMarkdown(input);
      expect(performance.now() - started, JSON.stringify(input.slice(0, 20))).toBeLessThan(1500);
    }
  });

  it('never throws and never yields an unsafe link, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('[', ']', '(', ')', '*', '_', '`', '>', '-', '#', '\n', ' ', 'a', ':', 'javascript', 'https://x.io', '\\') }),
        (input) => {
          const { hrefs } = walk(parseMarkdown(input));
          return hrefs.every((h) => /^(https?:\/\/[^/]|mailto:)/.test(h));
        },
      ),
      { numRuns: 500 },
    );
  });
});
