import { Typography } from '@mantine/core';
import { type ReactNode, useMemo } from 'react';
import { type Block, type Inline, parseMarkdown } from '../../../src/lib/markdown';

/**
 * Markdown (a story's body) as React elements, through the shared parser: every piece of text is a React text node,
 * so markup typed into a story is shown, never run. Never use dangerouslySetInnerHTML here. Links were checked by
 * the parser (http, https and mailto only) and open in a new tab without giving it this window.
 */
export function Markdown({ source, className }: { source: string; className?: string }) {
  const blocks = useMemo(() => parseMarkdown(source), [source]);
  return (
    <Typography className={className} fz="sm">
      {renderBlocks(blocks)}
    </Typography>
  );
}

// Parsed nodes have no identity of their own; their position is stable for a given source.
function renderBlocks(blocks: Block[]): ReactNode[] {
  return blocks.map((block, i) => renderBlock(block, String(i)));
}

function renderBlock(block: Block, key: string): ReactNode {
  switch (block.type) {
    case 'paragraph':
      return <p key={key}>{renderInline(block.children)}</p>;
    case 'heading': {
      // Story headings sit inside a page that has its own h1 and h2: they start at h3.
      const Tag = (['h3', 'h4', 'h5'] as const)[block.level - 1] ?? 'h5';
      return <Tag key={key}>{renderInline(block.children)}</Tag>;
    }
    case 'code_block':
      return (
        <pre key={key}>
          <code>{block.text}</code>
        </pre>
      );
    case 'blockquote':
      return <blockquote key={key}>{renderBlocks(block.children)}</blockquote>;
    case 'rule':
      return <hr key={key} />;
    case 'list': {
      const items = block.items.map((item, i) => <li key={String(i)}>{renderItem(item)}</li>);
      return block.ordered ? (
        <ol key={key} start={block.start === 1 ? undefined : block.start}>
          {items}
        </ol>
      ) : (
        <ul key={key}>{items}</ul>
      );
    }
  }
}

/** A list item that is one paragraph (with perhaps a nested list) reads tight, without paragraph spacing. */
function renderItem(item: Block[]): ReactNode {
  const [first, ...rest] = item;
  if (first?.type === 'paragraph' && rest.every((b) => b.type === 'list')) {
    return [...renderInline(first.children), ...rest.map((b, i) => renderBlock(b, `n${i}`))];
  }
  return renderBlocks(item);
}

function renderInline(nodes: Inline[]): ReactNode[] {
  return nodes.map((node, i) => renderNode(node, String(i)));
}

function renderNode(node: Inline, key: string): ReactNode {
  switch (node.type) {
    case 'text':
      return node.text;
    case 'break':
      return <br key={key} />;
    case 'code':
      return <code key={key}>{node.text}</code>;
    case 'strong':
      return <strong key={key}>{renderInline(node.children)}</strong>;
    case 'em':
      return <em key={key}>{renderInline(node.children)}</em>;
    case 'link':
      return (
        <a key={key} href={node.href} target="_blank" rel="noopener noreferrer">
          {renderInline(node.children)}
        </a>
      );
  }
}
