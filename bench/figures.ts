import type { LoadWindow } from './machine';

// Every figure the bench reports, with its target from the feature issues. A figure is measured
// on each study size; targets are stated for the large study, so that is where pass/miss is marked.

export type Unit = 'ms' | 'fps' | 'MB';

export interface Target {
  readonly op: '<=' | '>=';
  readonly value: number;
  /** Where the target comes from. */
  readonly source: string;
}

export interface FigureDef {
  readonly id: string;
  readonly label: string;
  readonly unit: Unit;
  readonly target?: Target;
  /** The most the figure may be, as a multiple of the bare minimum measured in the same run. */
  readonly ratioTarget?: number;
  /** What the ratio is taken against, in a few words. */
  readonly baseline?: string;
  /** The same work at every study size, so growth says nothing. */
  readonly sameAtEverySize?: boolean;
}

/** Where a view keeps what it read until the project changes: timed both on the first view after a change and on a view again. */
export const TEMPERATURES = {
  cold: 'cold: the first view after a change (a coding applied or removed)',
  warm: 'warm: viewed again, nothing changed',
} as const;

function coldAndWarm(def: FigureDef): FigureDef[] {
  return (['cold', 'warm'] as const).map((t) => ({ ...def, id: `${def.id}.${t}`, label: `${def.label}, ${TEMPERATURES[t]}` }));
}

export const FIGURES: readonly FigureDef[] = [
  { id: 'import.transcript', label: 'Import a 1 MB transcript (speakers, sentences, storage)', unit: 'ms', target: { op: '<=', value: 300, source: '#3' }, ratioTarget: 3, baseline: 'read + split + bulk insert' },
  { id: 'open.study', label: 'Reopen the study the next day to an interactive window (Chromium), as closed by the app', unit: 'ms', target: { op: '<=', value: 1000, source: '#4' } },
  { id: 'open.first', label: 'Open it as a file new to this machine (whole-file check)', unit: 'ms' },
  { id: 'open.core', label: 'Of which in the core: open the file, list, read the longest transcript', unit: 'ms' },
  { id: 'code.apply.p50', label: 'Apply a code: keypress → highlight drawn and coding on disk, p50', unit: 'ms' },
  { id: 'code.apply.p95', label: 'Apply a code: keypress → highlight drawn and coding on disk, p95', unit: 'ms', target: { op: '<=', value: 16, source: '#4' } },
  { id: 'code.answered.p50', label: "Apply a code: keypress → the project's answer in the page, p50", unit: 'ms' },
  { id: 'code.answered.p95', label: "Apply a code: keypress → the project's answer in the page, p95", unit: 'ms' },
  { id: 'code.presented.p50', label: 'Apply a code: keypress → chip presented on screen (Element Timing), p50', unit: 'ms' },
  { id: 'code.presented.p95', label: 'Apply a code: keypress → chip presented on screen (Element Timing), p95', unit: 'ms' },
  { id: 'code.apply.core', label: 'Of which in the core: codings.apply, p95', unit: 'ms' },
  { id: 'scroll.fps', label: 'Scroll the longest transcript (frames per second)', unit: 'fps', target: { op: '>=', value: 55, source: '#3' } },
  { id: 'search.query', label: 'Full-text search (median of 10 queries)', unit: 'ms', target: { op: '<=', value: 30, source: '#4' } },
  ...coldAndWarm({ id: 'agreement.unit', label: 'Agreement of two coders, unit level', unit: 'ms', target: { op: '<=', value: 1000, source: '#5' }, baseline: 'naive loop' }),
  ...coldAndWarm({ id: 'agreement.character', label: 'Agreement of two coders, character level', unit: 'ms', target: { op: '<=', value: 1000, source: '#5' }, baseline: 'naive loop' }),
  { id: 'agreement.scale', label: 'Agreement, 50,000 units × 300 codes, unit + character', unit: 'ms', target: { op: '<=', value: 1000, source: '#5' }, baseline: 'naive loop' },
  {
    id: 'agreement.intervals',
    label: 'Agreement with 95% intervals (α bootstrap, 1,000 draws), 50,000 units × 300 codes, unit level',
    unit: 'ms',
    target: { op: '<=', value: 2000, source: '#20' },
    baseline: 'same run without intervals',
  },
  ...coldAndWarm({ id: 'analysis.matrix', label: 'Code × attribute matrix', unit: 'ms', target: { op: '<=', value: 300, source: '#8' } }),
  ...coldAndWarm({ id: 'analysis.cooccurrence', label: 'Code co-occurrence table', unit: 'ms', target: { op: '<=', value: 300, source: '#8' } }),
  { id: 'export.docx', label: "Word export: the app's own reports of the study, the slowest (each report in the table below)", unit: 'ms', target: { op: '<=', value: 5000, source: '#23' } },
  { id: 'export.qdpx', label: 'REFI-QDA export (.qdpx)', unit: 'ms', target: { op: '<=', value: 1000, source: '#21' }, ratioTarget: 3, baseline: 'rows + XML + zip' },
  { id: 'import.qdpx', label: 'REFI-QDA import (.qdpx)', unit: 'ms', target: { op: '<=', value: 2000, source: '#21' }, ratioTarget: 3, baseline: 'parse + one bulk insert' },
  { id: 'file.size', label: 'Project file size', unit: 'MB' },
  { id: 'memory.server.ui', label: 'Server peak RSS: open, scroll, code in Chromium', unit: 'MB' },
  { id: 'memory.server.core', label: 'Core process peak RSS: the figures above, baselines included', unit: 'MB' },
  { id: 'memory.renderer', label: 'Renderer JS heap, peak sampled', unit: 'MB' },
];

export type Measurement =
  | {
      readonly kind: 'value';
      readonly value: number;
      /** The bare minimum (or naive reference) measured in the same run, in the figure's unit. */
      readonly baseline?: number;
      /** The ratio to that reference when it is not simply value ÷ baseline (e.g. computing time only). */
      readonly ratio?: number;
      /** How many runs or samples the value summarises. */
      readonly samples?: number;
      /** Every measured run's figure, for the spread (min / median / max); the value is their median. */
      readonly runs?: readonly number[];
      /** The load average before and after the figure was taken. */
      readonly load?: LoadWindow;
      /** How the figure was taken when that is decided at run time (e.g. "cold (page cache dropped)"). */
      readonly condition?: string;
      readonly note?: string;
    }
  /** The feature is not built yet: the row says so instead of showing a number. */
  | { readonly kind: 'unavailable'; readonly reason: string }
  /** Not measured in this run (another size measures it, no Chromium, --no-browser…). */
  | { readonly kind: 'skipped'; readonly reason: string }
  | { readonly kind: 'failed'; readonly reason: string };

export type Measurements = Record<string, Measurement>;

export function value(
  v: number,
  extra: { baseline?: number; ratio?: number; samples?: number; runs?: readonly number[]; load?: LoadWindow; condition?: string; note?: string } = {},
): Measurement {
  return { kind: 'value', value: v, ...extra };
}

/** The measurement with the load average it was taken under (values only). */
export function withLoad(m: Measurement, load: LoadWindow): Measurement {
  return m.kind === 'value' ? { ...m, load } : m;
}

export function unavailable(reason: string): Measurement {
  return { kind: 'unavailable', reason };
}

export function skipped(reason: string): Measurement {
  return { kind: 'skipped', reason };
}

export function failed(err: unknown): Measurement {
  const reason = err instanceof Error ? err.message : String(err);
  return { kind: 'failed', reason: reason.split('\n')[0].slice(0, 300) };
}

export function ratioOf(m: Measurement | undefined): number | null {
  if (m?.kind !== 'value') return null;
  if (m.ratio !== undefined) return m.ratio;
  return m.baseline && m.baseline > 0 ? m.value / m.baseline : null;
}

/** True when the figure meets its target (and its ratio target), null when it has none or no value. */
export function meetsTarget(def: FigureDef, m: Measurement | undefined): boolean | null {
  if (!def.target || m?.kind !== 'value') return null;
  const ok = def.target.op === '<=' ? m.value <= def.target.value : m.value >= def.target.value;
  const ratio = ratioOf(m);
  const ratioOk = def.ratioTarget === undefined || ratio === null || ratio <= def.ratioTarget;
  return ok && ratioOk;
}
