import type { AnalysisFilter, CellDisplay, MatrixMeasure, PassageQuery, Split } from '../../../shared/api/methods/analysis';
import type { NodeLevel } from '../../../shared/domain/vocabulary';

export const LEVEL_PLURALS: Readonly<Record<NodeLevel, string>> = {
  theme: 'Themes',
  subtheme: 'Subthemes',
  category: 'Categories',
  subcategory: 'Subcategories',
  code: 'Codes',
};
import { createStore } from '../../state/create-store';

export type AnalysisSubview = 'frequencies' | 'matrix' | 'cooccurrence' | 'map';
export type FrequencyMeasure = 'units' | 'participants' | 'documents' | 'codings';

/** What a click on a table row or cell asks to list, with a caption: every analysis view opens its units this one way. */
export interface PassageRequest {
  /** Which row or cell asked, so it can be shown as selected. */
  readonly key: string;
  readonly title: string;
  /** Units or text ranges the table holds, or a node whose units the core finds under the filter. */
  readonly query: PassageQuery;
}

interface AnalysisState {
  /** The project these choices belong to: another project starts from the defaults. */
  readonly projectId: string | null;
  readonly subview: AnalysisSubview;
  readonly filter: AnalysisFilter;
  readonly frequencies: { readonly split: Split; readonly measure: FrequencyMeasure; readonly chartLevel: NodeLevel | 'all'; readonly sources: boolean };
  readonly matrix: { readonly level: NodeLevel; readonly columns: Split; readonly measure: MatrixMeasure; readonly display: CellDisplay };
  readonly cooccurrence: { readonly level: NodeLevel; readonly mode: 'unit' | 'overlap' };
  readonly map: { readonly codes: boolean; readonly selected: string | null; readonly zoom: 'fit' | number };
  readonly passages: PassageRequest | null;
}

// Choices survive switching tabs, so a researcher can check a unit in the transcript and come back.
const DEFAULTS: AnalysisState = {
  projectId: null,
  subview: 'frequencies',
  filter: { coder: 'current' },
  frequencies: { split: { kind: 'none' }, measure: 'units', chartLevel: 'category', sources: false },
  matrix: { level: 'category', columns: { kind: 'group' }, measure: 'units', display: 'counts' },
  cooccurrence: { level: 'code', mode: 'unit' },
  map: { codes: true, selected: null, zoom: 'fit' },
  passages: null,
};

export const useAnalysis = createStore<AnalysisState>(() => DEFAULTS);

/** Starts from the defaults when the open project is not the one the choices were made in. */
export function adoptProject(projectId: string): void {
  if (useAnalysis.getState().projectId !== projectId) useAnalysis.setState({ ...DEFAULTS, projectId });
}

export function patchAnalysis<K extends 'frequencies' | 'matrix' | 'cooccurrence' | 'map'>(key: K, changes: Partial<AnalysisState[K]>): void {
  useAnalysis.setState((s) => ({ [key]: { ...s[key], ...changes } }) as Partial<AnalysisState>);
}

export function setFilter(changes: Partial<AnalysisFilter>): void {
  useAnalysis.setState((s) => ({ filter: { ...s.filter, ...changes }, passages: null }));
}

export function showPassages(request: PassageRequest | null): void {
  useAnalysis.setState({ passages: request });
}

/** A split as one select value: "none", "group", "document" or "attribute:<id>". */
export function splitKey(split: Split): string {
  return split.kind === 'attribute' ? `attribute:${split.attributeId}` : split.kind;
}

export function splitFromKey(key: string): Split {
  if (key.startsWith('attribute:')) return { kind: 'attribute', attributeId: key.slice('attribute:'.length) };
  return key === 'group' || key === 'document' ? { kind: key } : { kind: 'none' };
}
