import type { Virtualizer } from '@tanstack/react-virtual';
import { useEffect } from 'react';
import { rowAtOffset, type TurnRow } from './transcript-layout';
import { useTranscript } from './transcript-store';

/** Scrolls the virtual list to the row holding a requested document offset (find, jump to a hit). */
export function useScrollRequests(virtualizer: Virtualizer<HTMLDivElement, Element>, rows: readonly TurnRow[]): void {
  const request = useTranscript((s) => s.scrollTo);
  useEffect(() => {
    if (!request) return;
    const index = rowAtOffset(rows, request.offset);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'center' });
  }, [request, rows, virtualizer]);
}
