import { createProjectStore } from '../../state/project-store';

export interface FindMatch {
  readonly start: number;
  readonly end: number;
}

interface TranscriptState {
  readonly findOpen: boolean;
  readonly query: string;
  readonly matches: readonly FindMatch[];
  /** Index into matches of the current hit, -1 when none. */
  readonly current: number;
  /** The document offset the list should scroll to; `seq` makes a repeat request count. */
  readonly scrollTo: { readonly offset: number; readonly seq: number } | null;
  readonly segmentOpen: boolean;
  /** A repair of a turn under way: its text corrected, a split's new speaker chosen, its speaker changed. */
  readonly repair: TurnRepairRequest | null;
}

export interface TurnRepairRequest {
  readonly mode: 'correct' | 'split' | 'speaker';
  readonly turnId: string;
  /** Where a split cuts (a document offset). */
  readonly at?: number;
}

export const useTranscript = createProjectStore<TranscriptState>(() => ({
  findOpen: false,
  query: '',
  matches: [],
  current: -1,
  scrollTo: null,
  segmentOpen: false,
  repair: null,
}));

const MAX_MATCHES = 10_000;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every place the query occurs in the text, case ignored, at most 10,000. */
export function findAll(text: string, query: string): FindMatch[] {
  const q = query.trim();
  if (q === '') return [];
  const re = new RegExp(escapeRegExp(q).replace(/\s+/g, '\\s+'), 'giu');
  const out: FindMatch[] = [];
  for (const m of text.matchAll(re)) {
    out.push({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
    if (out.length >= MAX_MATCHES) break;
  }
  return out;
}

export function requestScroll(offset: number): void {
  useTranscript.setState((s) => ({ scrollTo: { offset, seq: (s.scrollTo?.seq ?? 0) + 1 } }));
}
