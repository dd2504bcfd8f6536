import type { ReactNode } from 'react';

/**
 * A side pane of the window: a landmark the window's grid places, and inside it the part that
 * scrolls. The inner part is laid out on its own (styles.css: `.pane-body`), so a count or a line
 * changing in it does not lay out the whole window again: a grid cell cannot be such a boundary
 * in Chromium, a block inside it can.
 */
export function Pane({ className, label, children }: { className: string; label: string; children: ReactNode }) {
  return (
    <aside className={className} aria-label={label}>
      <div className="pane-body">{children}</div>
    </aside>
  );
}
