import type {
  AgreementReport,
  ComparisonStatus,
  Discrepancy,
  DiscrepancyDetail,
  DiscrepancyList,
} from '../../../shared/api/methods/agreement';
import type { AgreementLevel, DiscrepancyType, UnitSetMode } from '../../../shared/domain/agreement-options';
import type { ResolutionDecision } from '../../../shared/domain/vocabulary';
import { attempt, attemptHere, call, refreshProject, useAppStore } from '../../state/app-store';
import { createProjectStore } from '../../state/project-store';

export interface CompareFilter {
  readonly status: 'open' | 'resolved' | 'all';
  readonly type: DiscrepancyType | '';
  readonly codeId: string;
  readonly documentId: string;
}

interface CompareState {
  readonly status: ComparisonStatus | null;
  readonly coderAId: string | null;
  readonly coderBId: string | null;
  /** The level the user picked; null: the app's default (the report says which it took). */
  readonly level: AgreementLevel | null;
  readonly unitSet: UnitSetMode;
  /** Which documents: the hand-out records (else all), all, or the user's pick. */
  readonly documents: 'auto' | 'all' | 'handed-out';
  readonly documentIds: readonly string[] | undefined;
  /** Show the 95 % interval beside every κ. */
  readonly intervals: boolean;
  readonly report: AgreementReport | null;
  readonly reportError: string | null;
  readonly list: DiscrepancyList | null;
  readonly filter: CompareFilter;
  readonly selectedKey: string | null;
  readonly detail: DiscrepancyDetail | null;
  readonly decision: ResolutionDecision | null;
  readonly otherCodeId: string;
  readonly rationale: string;
  /** A decision is on its way to the project; a second Ctrl+Enter waits for it. */
  readonly saving: boolean;
  /** A sentence next to the decision buttons: what is missing, or what was saved. */
  readonly formMessage: { readonly text: string; readonly error: boolean } | null;
  readonly exportMessage: string | null;
  /** The pair whose consensus was brought up to date in this session. */
  readonly consensusFor: string | null;
}

const FRESH_DRAFT = { decision: null, otherCodeId: '', rationale: '' } as const;

export const useCompare = createProjectStore<CompareState>(() => ({
  status: null,
  coderAId: null,
  coderBId: null,
  level: null,
  unitSet: 'coded-by-any',
  documents: 'auto',
  documentIds: undefined,
  intervals: false,
  report: null,
  reportError: null,
  list: null,
  filter: { status: 'all', type: '', codeId: '', documentId: '' },
  selectedKey: null,
  detail: null,
  decision: null,
  otherCodeId: '',
  rationale: '',
  saving: false,
  formMessage: null,
  exportMessage: null,
  consensusFor: null,
}));

function pair(): [string, string] | null {
  const { coderAId, coderBId } = useCompare.getState();
  return coderAId && coderBId && coderAId !== coderBId ? [coderAId, coderBId] : null;
}

export async function loadStatus(): Promise<ComparisonStatus | null> {
  const status = await attempt('agreement.status', {});
  if (!status) return null;
  const s = useCompare.getState();
  const known = (id: string | null) => id !== null && status.coders.some((c) => c.id === id);
  const [a, b] = status.defaultPair ?? [null, null];
  useCompare.setState({ status, coderAId: known(s.coderAId) ? s.coderAId : a, coderBId: known(s.coderBId) ? s.coderBId : b });
  return status;
}

/** Everything the screen shows, re-read; the consensus is brought up to date once per pair. */
export async function loadComparison(): Promise<void> {
  const status = useCompare.getState().status;
  const p = pair();
  if (!status || status.blind || !p) return;
  const key = p.join('|');
  if (useCompare.getState().consensusFor !== key) {
    useCompare.setState({ consensusFor: key });
    await attempt('consensus.rebuild', { coderAId: p[0], coderBId: p[1] });
  }
  await Promise.all([loadReport(), loadList()]);
}

export async function loadReport(): Promise<void> {
  const { status, level, unitSet, documents, documentIds, intervals } = useCompare.getState();
  const p = pair();
  if (!status?.agreementEnabled || !p) {
    useCompare.setState({ report: null, reportError: null });
    return;
  }
  useCompare.setState({ reportError: null });
  const report = await attemptHere(
    // A unit set chooses meaning units; at the character level every character is a unit, at the document level every document.
    () => call('agreement.compute', { coderIds: p, level: level ?? undefined, unitSet: level === 'unit' ? unitSet : undefined, documents, documentIds: documentIds ? [...documentIds] : undefined, intervals }),
    (message) => useCompare.setState({ reportError: `The figures could not be computed: ${message}` }),
  );
  useCompare.setState({ report });
}

/** The pair and the current filter as the discrepancy methods take them; an empty choice means any. */
function listQuery(p: readonly [string, string]) {
  const { filter } = useCompare.getState();
  return {
    coderAId: p[0],
    coderBId: p[1],
    status: filter.status,
    type: filter.type || undefined,
    codeId: filter.codeId || undefined,
    documentId: filter.documentId || undefined,
  };
}

export async function loadList(): Promise<void> {
  const p = pair();
  if (!p) return;
  const list = await attempt('agreement.discrepancies', listQuery(p));
  if (!list) return;
  const selected = useCompare.getState().selectedKey;
  const keep = selected && list.items.some((d) => d.key === selected) ? selected : (list.items[0]?.key ?? null);
  useCompare.setState({ list });
  await select(keep, keep === selected);
}

/** Selects a discrepancy; a new selection starts a fresh decision. */
export async function select(key: string | null, keepDraft = false): Promise<void> {
  const p = pair();
  useCompare.setState(keepDraft ? { selectedKey: key } : { selectedKey: key, ...FRESH_DRAFT, formMessage: null });
  if (!key || !p) {
    useCompare.setState({ detail: null });
    return;
  }
  const detail = await attempt('agreement.discrepancy', { coderAId: p[0], coderBId: p[1], key });
  if (useCompare.getState().selectedKey === key) useCompare.setState({ detail });
}

/** The discrepancies in the order the list shows them: grouped by type. */
export function orderedItems(list: DiscrepancyList | null): Discrepancy[] {
  if (!list) return [];
  const order: DiscrepancyType[] = ['one-coder-only', 'different-code', 'boundaries'];
  return order.flatMap((type) => list.items.filter((d) => d.type === type));
}

export function move(delta: number): void {
  const { list, selectedKey } = useCompare.getState();
  const items = orderedItems(list);
  if (items.length === 0) return;
  const at = items.findIndex((d) => d.key === selectedKey);
  const next = Math.min(items.length - 1, Math.max(0, (at < 0 ? 0 : at) + delta));
  void select(items[next].key);
}

export function choose(decision: ResolutionDecision): void {
  useCompare.setState({ decision, formMessage: null });
}

/**
 * Saves the decision with its rationale, then moves to the next discrepancy that is still open.
 * The selection moves and the draft clears in one step as soon as the save is acknowledged, so a
 * key pressed from then on decides the next discrepancy, even while its details are still loading.
 */
export async function saveAndNext(): Promise<boolean> {
  const { decision, rationale, otherCodeId, selectedKey, list, saving } = useCompare.getState();
  const p = pair();
  if (!p || !selectedKey || saving) return false;
  if (!decision) {
    useCompare.setState({ formMessage: { text: 'Choose a decision first (keys 1–6).', error: true } });
    return false;
  }
  if (decision === 'other-code' && !otherCodeId) {
    useCompare.setState({ formMessage: { text: 'Choose the code to apply instead.', error: true } });
    return false;
  }
  if (!rationale.trim()) {
    useCompare.setState({ formMessage: { text: 'Write a rationale: say why you decided this. It is required and goes into the resolution log.', error: true } });
    return false;
  }
  useCompare.setState({ saving: true });
  const saved = await attempt('resolutions.decide', {
    coderAId: p[0],
    coderBId: p[1],
    key: selectedKey,
    decision,
    otherCodeId: otherCodeId || undefined,
    rationale,
  }).finally(() => useCompare.setState({ saving: false }));
  if (!saved) return false;
  const items = orderedItems(list);
  const at = items.findIndex((d) => d.key === selectedKey);
  const nextOpen = [...items.slice(at + 1), ...items.slice(0, Math.max(0, at))].find((d) => d.status === 'open');
  const consensus = saved.consensus.length ? saved.consensus.map((c) => c.name).join(', ') : 'no code';
  useCompare.setState({
    ...FRESH_DRAFT,
    selectedKey: nextOpen?.key ?? selectedKey,
    formMessage: { text: `Saved the last decision; the consensus there now has ${consensus}.`, error: false },
  });
  await loadList();
  return true;
}

export async function reveal(): Promise<void> {
  const summary = await attempt('agreement.reveal', { confirm: true });
  if (!summary) return;
  await refreshProject();
  await loadStatus();
  await loadComparison();
}

export function exportName(what: string): string {
  const { list } = useCompare.getState();
  const title = useAppStore.getState().project?.settings.title ?? 'Study';
  const who = list ? ` – ${list.coderA.initials} and ${list.coderB.initials}` : '';
  return `${title} – ${what}${who}`.replace(/[\\/:*?"<>|]/g, '');
}

export async function exportList(format: 'csv' | 'xlsx'): Promise<void> {
  const p = pair();
  if (!p) return;
  const r = await attempt('agreement.exportDiscrepancies', { ...listQuery(p), path: exportName('discrepancies'), format });
  if (r) useCompare.setState({ exportMessage: `Saved ${r.rows} discrepancies to ${r.path}` });
}

export async function exportLog(format: 'csv' | 'xlsx'): Promise<void> {
  const p = pair();
  if (!p) return;
  const r = await attempt('resolutions.export', { coderAId: p[0], coderBId: p[1], path: exportName('resolution log'), format });
  if (r) useCompare.setState({ exportMessage: `Saved ${r.rows} decisions to ${r.path}` });
}
