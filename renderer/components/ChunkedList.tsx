import type { ReactNode } from 'react';

/** Where an item stands in the whole list, spread onto its `<li>` (its stretch's `<ul>` is no list of its own). */
export interface ListPlace {
  readonly role: 'listitem';
  readonly 'aria-posinset': number;
  readonly 'aria-setsize': number;
}

/** How many items one stretch holds: few stretches for the browser to check, small enough to skip most. */
const STRETCH = 32;

interface Props<T> {
  readonly items: readonly T[];
  /** One item's `<li>`, keyed, which takes `at`: its role and place in the whole list, for assistive technology. */
  readonly render: (item: T, at: ListPlace) => ReactNode;
  /** About how tall an item is, in pixels: the room a stretch takes before it was ever drawn. */
  readonly itemHeight: number;
  readonly className?: string;
  readonly 'aria-label'?: string;
}

/**
 * A long list in stretches the browser lays out and paints only while they are on screen
 * (`content-visibility: auto`): a codebook of hundreds of codes or a study of hundreds of
 * documents no longer weighs on every frame of the window, while every item stays in the page
 * (find, tab order and assistive technology reach them all). A list is one stretch per
 * `STRETCH` items, each its own `<ul>`; each item says where it stands in the whole list.
 */
export function ChunkedList<T>({ items, render, itemHeight, className, 'aria-label': label }: Props<T>) {
  const stretches: T[][] = [];
  for (let i = 0; i < items.length; i += STRETCH) stretches.push(items.slice(i, i + STRETCH));
  return (
    <div className={className ? `chunked-list ${className}` : 'chunked-list'} role="list" aria-label={label}>
      {stretches.map((stretch, s) => (
        // Keyed by place: an item added at the top moves one item into each next stretch, not every stretch anew.
        <ul key={s} role="none" className="stretch" style={{ containIntrinsicSize: `auto ${stretch.length * itemHeight}px` }}>
          {stretch.map((item, i) => render(item, { role: 'listitem', 'aria-posinset': s * STRETCH + i + 1, 'aria-setsize': items.length }))}
        </ul>
      ))}
    </div>
  );
}
