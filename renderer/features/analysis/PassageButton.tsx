import type { ReactNode } from 'react';
import { type PassageRequest, showPassages, useAnalysis } from './analysis-store';

/** A count that lists the units behind it: the one click-through of frequencies, matrix and co-occurrence. */
export function PassageButton({ request, hint, children }: { readonly request: PassageRequest; readonly hint?: string; readonly children: ReactNode }) {
  return (
    <button
      type="button"
      className="count-button"
      title={hint}
      onClick={(e) => {
        // The row around it may open the same list; one click asks once.
        e.stopPropagation();
        showPassages(request);
      }}
    >
      {children}
    </button>
  );
}

/** The key of the row or cell whose units are listed, to mark it as selected. */
export function useShownPassageKey(): string | null {
  return useAnalysis((s) => s.passages?.key ?? null);
}

/** "1 unit", "24 units": the caption of a listed row or cell. */
export function countOf(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
