import type { CodebookNode, Coding, MeaningUnit } from '../../../shared/api/entities';
import type { CodingChange } from '../../../shared/api/methods/coding';
import { registerAction } from '../../commands/registry';
import { attempt, call, markLocalMutations, useAppStore } from '../../state/app-store';
import { sendEdit } from '../../state/edit-conflict';
import { codingsByUnit, useWorkspace } from '../../state/workspace-store';
import { showNotice, useCoding, type TextSelection } from './coding-store';

// Coding changes patch the open document instead of reloading the project: applying a code must
// feel instant on a 40,000-unit study. Lists that show progress catch up a moment later.
markLocalMutations(['codings.apply', 'codings.applySpan', 'codings.remove', 'codings.replace', 'codings.inVivo', 'units.condense']);

const hasProject = () => useAppStore.getState().project !== null;
const hasUnit = () => hasProject() && useWorkspace.getState().unitId !== null && useWorkspace.getState().detail !== null;

/** The selected units in text order: one, or the range from the anchor to the current unit. */
export function selectedUnitIds(): string[] {
  const { detail, unitId } = useWorkspace.getState();
  if (!detail || !unitId) return [];
  const anchor = useCoding.getState().anchorUnitId;
  if (!anchor) return [unitId];
  const a = detail.units.findIndex((u) => u.id === anchor);
  const b = detail.units.findIndex((u) => u.id === unitId);
  if (a < 0 || b < 0) return [unitId];
  return detail.units.slice(Math.min(a, b), Math.max(a, b) + 1).map((u) => u.id);
}

function nodeName(id: string): string {
  return useWorkspace.getState().nodes.find((n) => n.id === id)?.name ?? 'code';
}

let listTimer: ReturnType<typeof setTimeout> | null = null;

/** Refreshes the document list once coding pauses, for changes to documents other than the open one. */
function refreshDocumentsSoon(): void {
  if (listTimer) clearTimeout(listTimer);
  listTimer = setTimeout(() => {
    listTimer = null;
    void attempt('documents.list', {}).then((documents) => documents && useWorkspace.setState({ documents }));
  }, 1500);
}

let pendingCounts: { codes: Map<string, number>; documentId: string | null } | null = null;

/** Runs `fn` once the next frame is drawn and the page is idle (at most 200 ms later): it can wait. */
function afterPaint(fn: () => void): void {
  requestAnimationFrame(() => requestIdleCallback(fn, { timeout: 200 }));
}

/**
 * Puts a coding change into the open document at once, so its chip is drawn in the next frame;
 * the codebook counts and the document's progress follow after that frame, coalesced. No need to
 * ask the application again: the open document holds every coding the coder may see, so "units
 * coded" can be counted from it. `added` are codings new to the project, as its answers give them.
 */
export function patchCodings(change: Pick<CodingChange, 'added' | 'removed'>, replacesPending = false): void {
  let elsewhere = false;
  let documentId: string | null = null;
  const codes = new Map<string, number>();
  for (const c of change.added) codes.set(c.codeId, (codes.get(c.codeId) ?? 0) + 1);
  useWorkspace.setState((s) => {
    const detail = s.detail;
    if (!detail) {
      elsewhere = true;
      return {};
    }
    const docId = detail.document.id;
    const added = change.added.filter((c: Coding) => c.documentId === docId);
    const gone = new Set(change.removed);
    // Looked for from the end, where the pending codings a stored one replaces were drawn.
    const removedAt: number[] = [];
    for (let i = detail.codings.length - 1; i >= 0 && removedAt.length < gone.size; i--) {
      const c = detail.codings[i];
      if (!gone.has(c.id)) continue;
      removedAt.push(i);
      if (!replacesPending) codes.set(c.codeId, (codes.get(c.codeId) ?? 0) - 1);
    }
    elsewhere = added.length < change.added.length || removedAt.length < change.removed.length;
    if (removedAt.length === 0 && added.length === 0) return {};
    documentId = docId;
    return { detail: { ...detail, codings: without(detail.codings, removedAt).concat(added) } };
  });
  if (elsewhere) refreshDocumentsSoon();
  if (codes.size === 0 && !documentId) return;
  const first = pendingCounts === null;
  pendingCounts ??= { codes: new Map(), documentId: null };
  for (const [id, n] of codes) pendingCounts.codes.set(id, (pendingCounts.codes.get(id) ?? 0) + n);
  pendingCounts.documentId = documentId ?? pendingCounts.documentId;
  if (first) afterPaint(flushCounts);
}

/** `list` without the items at `indexes` (in any order), copied in stretches. */
function without<T>(list: readonly T[], indexes: readonly number[]): T[] {
  if (indexes.length === 0) return list.slice();
  const out: T[] = [];
  let from = 0;
  for (const i of [...indexes].sort((a, b) => a - b)) {
    out.push(...list.slice(from, i));
    from = i + 1;
  }
  out.push(...list.slice(from));
  return out;
}

function flushCounts(): void {
  const counts = pendingCounts;
  pendingCounts = null;
  if (!counts) return;
  useWorkspace.setState((s) => {
    const detail = s.detail?.document.id === counts.documentId ? s.detail : null;
    const codedUnits = detail ? codingsByUnit(detail.codings).size : null;
    // The navigator's list shows the count. The open document's own record is left as it was:
    // a new one would redraw the transcript, and nothing there shows the count.
    return {
      nodes: counts.codes.size ? s.nodes.map((n) => (counts.codes.has(n.id) ? { ...n, codings: Math.max(0, n.codings + counts.codes.get(n.id)!) } : n)) : s.nodes,
      documents: detail && codedUnits !== null ? s.documents.map((d) => (d.id === detail.document.id ? { ...d, codedUnits } : d)) : s.documents,
    };
  });
}

function patchUnit(unit: MeaningUnit): void {
  useWorkspace.setState((s) =>
    s.detail && s.detail.document.id === unit.documentId ? { detail: { ...s.detail, units: s.detail.units.map((u) => (u.id === unit.id ? unit : u)) } } : {},
  );
}

function addNode(node: CodebookNode): void {
  useWorkspace.setState((s) => ({ nodes: [...s.nodes.filter((n) => n.id !== node.id), node] }));
}

const unitsWord = (n: number) => `${n} unit${n === 1 ? '' : 's'}`;

/** Id prefix of a coding drawn before the project has stored it (see `drawPending`). */
export const PENDING_PREFIX = 'pending:';
let pendingSeq = 0;

/**
 * Draws the codings a command is about to make, at once, in the pending style: the frame after the
 * keypress shows the chip. The stored codings take over the chips' elements when the project
 * answers (they look the same; only a slow answer fades them); if it refuses, they go again.
 * Returns the pending ids.
 */
function drawPending(codeIds: readonly string[], unitIds: readonly string[]): string[] {
  const { detail } = useWorkspace.getState();
  const coderId = useAppStore.getState().project?.currentCoderId;
  if (!detail || !coderId) return [];
  const byUnit = codingsByUnit(detail.codings);
  const pending: Coding[] = [];
  // In text order; one unit (the usual keypress) needs no walk through the document's units.
  const inOrder = unitIds.length === 1 ? unitIds : inTextOrder(detail.units, unitIds);
  for (const unitId of inOrder) {
    const have = byUnit.get(unitId) ?? [];
    for (const codeId of codeIds) {
      if (have.some((c) => c.coderId === coderId && c.codeId === codeId)) continue;
      pending.push({ id: `${PENDING_PREFIX}${++pendingSeq}`, codeId, coderId, documentId: detail.document.id, unitId, start: null, end: null });
    }
  }
  if (pending.length === 0) return [];
  useWorkspace.setState((s) => (s.detail ? { detail: { ...s.detail, codings: s.detail.codings.concat(pending) } } : {}));
  return pending.map((c) => c.id);
}

function inTextOrder(units: readonly MeaningUnit[], unitIds: readonly string[]): string[] {
  const wanted = new Set(unitIds);
  return units.filter((u) => wanted.has(u.id)).map((u) => u.id);
}

export async function applyCodes(codeIds: readonly string[], unitIds: readonly string[] = selectedUnitIds()): Promise<boolean> {
  if (codeIds.length === 0 || unitIds.length === 0) return false;
  // The request goes out first; the chip is drawn at once as pending, and the stored coding
  // takes over its element when the project answers.
  const request = attempt('codings.apply', { target: { unitIds: [...unitIds] }, codeIds: [...codeIds] });
  const drawn = drawPending(codeIds, unitIds);
  const r = await request;
  // The stored codings take the pending ones' place in one step; a refusal takes them away.
  patchCodings({ added: r?.added ?? [], removed: drawn }, true);
  if (!r) return false;
  const names = codeIds.map((id) => `“${nodeName(id)}”`).join(', ');
  // The confirmation line waits a frame: the chip comes first.
  afterPaint(() => showNotice(r.added.length ? `Coded ${unitsWord(unitIds.length)} with ${names}.` : `Already coded with ${names}.`));
  return true;
}

export async function applyToSelection(sel: TextSelection, codeIds: readonly string[]): Promise<boolean> {
  const r = await attempt('codings.applySpan', { documentId: sel.documentId, start: sel.start, end: sel.end, codeIds: [...codeIds] });
  if (!r) return false;
  patchCodings(r);
  useCoding.setState({ selection: null });
  showNotice(`Coded the passage with ${codeIds.map((id) => `“${nodeName(id)}”`).join(', ')}.`);
  return true;
}

export async function removeCodings(codingIds: readonly string[]): Promise<void> {
  const r = await attempt('codings.remove', { codingIds: [...codingIds] });
  if (r) patchCodings(r);
}

export async function removeMine(unitIds: readonly string[] = selectedUnitIds()): Promise<void> {
  if (unitIds.length === 0) return;
  const r = await attempt('codings.remove', { target: { unitIds: [...unitIds] } });
  if (r) {
    patchCodings(r);
    showNotice(`Removed ${r.removed.length} coding${r.removed.length === 1 ? '' : 's'}.`);
  }
}

/** Makes a code from typed text and applies it to the selected units (or passage). */
export async function createAndApply(name: string, target: { units: readonly string[] } | { selection: TextSelection }): Promise<boolean> {
  const node = await attempt('codebook.create', { name, level: 'code' });
  if (!node) return false;
  addNode(node);
  return 'units' in target ? applyCodes([node.id], target.units) : applyToSelection(target.selection, [node.id]);
}

export async function inVivo(sel: TextSelection | null = useCoding.getState().selection): Promise<void> {
  if (!sel) {
    showNotice('Select some words in the transcript first; they become the name of the new code.');
    return;
  }
  const r = await attempt('codings.inVivo', { documentId: sel.documentId, start: sel.start, end: sel.end });
  if (!r) return;
  addNode(r.node);
  patchCodings(r.change);
  useCoding.setState({ selection: null });
  window.getSelection()?.removeAllRanges();
  showNotice(`New in-vivo code “${r.node.name}”.`);
}

/**
 * Writes a unit's condensation, edited from the unit at `version` (null: the caller knows none, so
 * no check). Another window's edit since then asks which text to keep.
 */
export async function condense(unitId: string, condensed: string, version: number | null = null): Promise<boolean> {
  const unit =
    version === null
      ? await attempt('units.condense', { unitId, condensed })
      : await sendEdit({
          what: 'condensation',
          mine: condensed,
          version,
          theirs: (d) => d.theirs.condensed ?? '',
          send: (v) => call('units.condense', { unitId, condensed, version: v }),
        }).catch(() => null);
  if (!unit) return false;
  patchUnit(unit);
  return true;
}

export function openPicker(): void {
  const sel = useCoding.getState().selection;
  if (sel) {
    useCoding.setState({ pickerOpen: true, pickerForSelection: sel, pickerForUnits: null });
    return;
  }
  const units = selectedUnitIds();
  if (units.length === 0) {
    showNotice('Select a meaning unit first (click it, or move with J and K).');
    return;
  }
  // From the menu or palette on another tab: show the unit being coded, not a picker for something off screen.
  if (useAppStore.getState().view !== 'transcript') useAppStore.setState({ view: 'transcript' });
  useCoding.setState({ pickerOpen: true, pickerForUnits: units, pickerForSelection: null });
}

export function openMemoForFocus(): void {
  const { focus, nodeId } = useCoding.getState();
  const { unitId, detail, nodes } = useWorkspace.getState();
  const view = useAppStore.getState().view;
  if (nodeId && (view === 'codebook' || (focus === 'node' && view !== 'transcript'))) {
    useCoding.setState({ memo: { targetType: 'node', targetId: nodeId, label: nodes.find((n) => n.id === nodeId)?.name ?? 'code' } });
  } else if (unitId && detail) {
    const unit = detail.units.find((u) => u.id === unitId);
    const text = unit ? detail.text.slice(unit.start, unit.end) : '';
    useCoding.setState({ memo: { targetType: 'unit', targetId: unitId, label: text.length > 60 ? `${text.slice(0, 60)}…` : text } });
  } else {
    useCoding.setState({ memo: { targetType: 'project', targetId: undefined, label: useAppStore.getState().project?.settings.title ?? 'the project' } });
  }
}

export async function exportTableCsv(): Promise<void> {
  const r = await attempt('table.exportCsv', {});
  if (r) downloadText('abstraction-table.csv', r.csv, 'text/csv');
}

export async function exportAuditCsv(): Promise<void> {
  const r = await attempt('audit.exportCsv', {});
  if (r) downloadText('audit-log.csv', r.csv, 'text/csv');
}

/** Hands text to the browser (or Electron) as a file download. */
export function downloadText(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function show(view: string) {
  return () => useAppStore.setState({ view });
}

export function registerCodingActions(): void {
  registerAction('view.table', show('table'), hasProject);
  registerAction('view.search', show('search'), hasProject);
  registerAction('coding.pick', openPicker, hasProject);
  registerAction(
    'unit.condense',
    () => {
      const unitId = useWorkspace.getState().unitId;
      if (unitId) useCoding.setState({ editingUnitId: unitId });
      if (useAppStore.getState().view !== 'transcript') useAppStore.setState({ view: 'transcript' });
    },
    hasUnit,
  );
  registerAction('coding.inVivo', () => inVivo(), hasProject);
  registerAction('coding.removeMine', () => removeMine(), hasUnit);
  registerAction('memo.write', openMemoForFocus, hasProject);
  registerAction('journal.new', () => useCoding.setState({ journalOpen: true }), hasProject);
  registerAction('table.exportCsv', exportTableCsv, hasProject);
  registerAction('audit.exportCsv', exportAuditCsv, hasProject);
}

