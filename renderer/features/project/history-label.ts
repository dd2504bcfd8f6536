export interface HistoryStep {
  readonly summary: string;
  /** When the step was made, if in an earlier session of the project. */
  readonly earlierAt: string | null;
}

type Direction = 'undo' | 'redo';

const VERB: Record<Direction, { readonly label: string; readonly done: string }> = {
  undo: { label: 'Undo', done: 'Undid' },
  redo: { label: 'Redo', done: 'Redid' },
};

/** What undo or redo would do: “Undo “Rename code …” (from 3 Dec)”. */
export function historyLabel(direction: Direction, step: HistoryStep, now = new Date(), locale?: string): string {
  return `${VERB[direction].label} ${quoted(step.summary)}${earlierSuffix(step.earlierAt, now, locale)}`;
}

/** What undo or redo just did, as the confirmation line says it. */
export function historyNotice(direction: Direction, step: HistoryStep, now = new Date(), locale?: string): string {
  return `${VERB[direction].done} ${quoted(step.summary)}${earlierSuffix(step.earlierAt, now, locale)}.`;
}

// Summaries often quote a name already (Rename code “Fear” …): single quotes around them read clearer.
function quoted(summary: string): string {
  return summary.includes('“') ? `‘${summary}’` : `“${summary}”`;
}

// A step from an earlier session may be days old and forgotten: its day tells the user what it was.
function earlierSuffix(earlierAt: string | null, now: Date, locale: string | undefined): string {
  if (!earlierAt) return '';
  const at = new Date(earlierAt);
  if (Number.isNaN(at.getTime())) return ' (from an earlier session)';
  if (at.toDateString() === now.toDateString()) {
    const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(at);
    return ` (from the session at ${time} today)`;
  }
  const sameYear = at.getFullYear() === now.getFullYear();
  const day = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', ...(sameYear ? {} : { year: 'numeric' }) }).format(at);
  return ` (from ${day})`;
}
