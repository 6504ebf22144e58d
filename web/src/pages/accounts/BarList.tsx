import { Text, VisuallyHidden } from '@mantine/core';
import { useId } from 'react';

export interface Bar {
  key: string;
  label: string;
  /** What the bar's length shows. */
  value: number;
  /** The value as people read it ("$1.2M"). */
  valueText: string;
  /** A second figure after the value ("12 accounts"). */
  detail?: string;
  color: string;
}

/**
 * A small horizontal bar chart from plain elements (no chart library): one row per bar, its label and
 * figures as text above a thin bar scaled to the largest value. Screen readers read the list's text
 * ("Deployed: 12 · $4.1M"); the bars themselves are hidden from them.
 */
export function BarList({ title, bars }: { title: string; bars: Bar[] }) {
  const id = useId();
  const max = Math.max(0, ...bars.map((b) => b.value));
  return (
    <div>
      <Text id={id} size="xs" fw={700} c="dimmed" tt="uppercase" mb={6}>
        {title}
      </Text>
      <ul className="kw-bars" aria-labelledby={id}>
        {bars.map((bar) => (
          <li key={bar.key}>
            <div className="kw-bar-text">
              <span className="kw-bar-label">
                {bar.label}
                <VisuallyHidden>: </VisuallyHidden>
              </span>
              <span className="kw-bar-value">
                {bar.valueText}
                {bar.detail && <span className="kw-bar-detail"> · {bar.detail}</span>}
              </span>
            </div>
            <div className="kw-bar-track" aria-hidden="true">
              <div className="kw-bar-fill" style={{ width: `${max > 0 ? (bar.value / max) * 100 : 0}%`, background: bar.color }} />
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
