import { useMemo } from 'react';
import type { Attribute, Coder, CodebookNode, Coding, DocumentDetail, DocumentGroup, DocumentSummary, Participant } from '../../shared/api/entities';
import { call, callQuietly, useAppStore } from './app-store';
import { createStore } from './create-store';
import { regroup, type Grouped } from './regroup';

interface WorkspaceState {
  readonly documents: readonly DocumentSummary[];
  readonly groups: readonly DocumentGroup[];
  readonly participants: readonly Participant[];
  readonly attributes: readonly Attribute[];
  readonly coders: readonly Coder[];
  readonly nodes: readonly CodebookNode[];
  readonly documentId: string | null;
  readonly detail: DocumentDetail | null;
  readonly unitId: string | null;
  readonly loadedRevision: number;
}

const EMPTY: WorkspaceState = {
  documents: [],
  groups: [],
  participants: [],
  attributes: [],
  coders: [],
  nodes: [],
  documentId: null,
  detail: null,
  unitId: null,
  loadedRevision: -1,
};

export const useWorkspace = createStore<WorkspaceState>(() => EMPTY);

const unitOf = (c: Coding) => c.unitId;
const NO_CODINGS: readonly Coding[] = [];
// Two sets of groups kept up to date: of the open document's codings, and of a view of them
// (one coder's, say), so that neither regroups from the other's.
const grouped: { document: Grouped<Coding> | null; view: Grouped<Coding> | null } = { document: null, view: null };

/**
 * Codings of the open document by unit, kept from one change to the next (see `regroup`): a
 * coding changes one unit's list, not the whole document's. Works for any list of codings; the
 * open document's, or a view of them, come back soonest.
 */
export function codingsByUnit(codings: readonly Coding[]): ReadonlyMap<string, readonly Coding[]> {
  const slot = codings === useWorkspace.getState().detail?.codings ? 'document' : 'view';
  const next = regroup(grouped[slot], codings, unitOf);
  grouped[slot] = next;
  return next.groups;
}

const spanOf = (c: Coding) => (c.unitId === null && c.start !== null ? 'span' : null);
let spanGroup: Grouped<Coding> | null = null;

/** The codings of free passages (not of a meaning unit), kept from one change to the next like `codingsByUnit`. */
export function spanCodings(codings: readonly Coding[]): readonly Coding[] {
  spanGroup = regroup(spanGroup, codings, spanOf);
  return spanGroup.groups.get('span') ?? NO_CODINGS;
}

/** The open document's codings by unit, for views that count units' codings. */
export function useCodingsByUnit(): ReadonlyMap<string, readonly Coding[]> {
  const codings = useWorkspace((s) => s.detail?.codings ?? NO_CODINGS);
  return useMemo(() => codingsByUnit(codings), [codings]);
}

/** One unit's codings in the open document: the caller redraws only when they change. */
export function useUnitCodings(unitId: string | null): readonly Coding[] {
  return useWorkspace((s) => (s.detail && unitId ? codingsByUnit(s.detail.codings).get(unitId) : undefined) ?? NO_CODINGS);
}

export function resetWorkspace(): void {
  grouped.document = grouped.view = null;
  if (placeTimer) clearTimeout(placeTimer);
  placeTimer = null;
  useWorkspace.setState(EMPTY);
}

/** Re-reads the project's lists and the open document; called whenever the revision moves. */
export async function loadWorkspace(): Promise<void> {
  const revision = useAppStore.getState().revision;
  // The document to show is usually known already (the open one, or the one the coder was at):
  // asked for first, it travels while the project answers for the lists.
  const known = useWorkspace.getState().documentId ?? useAppStore.getState().project?.lastDocumentId ?? null;
  const early = known ? callQuietly('documents.get', { id: known }) : Promise.resolve(null);
  const [documents, groups, participants, attributes, coders, nodes] = await Promise.all([
    call('documents.list', {}),
    call('documentGroups.list', {}),
    call('participants.list', {}),
    call('attributes.list', {}),
    call('coders.list', {}),
    call('codebook.list', {}),
  ]);
  const project = useAppStore.getState().project;
  const current = useWorkspace.getState().documentId;
  const documentId =
    current && documents.some((d) => d.id === current)
      ? current
      : project?.lastDocumentId && documents.some((d) => d.id === project.lastDocumentId)
        ? project.lastDocumentId
        : (documents[0]?.id ?? null);
  const fetched = await early;
  const detail = documentId ? (documentId === known && fetched ? fetched : await call('documents.get', { id: documentId })) : null;
  const unitId = useWorkspace.getState().unitId ?? project?.lastUnitId ?? null;
  useWorkspace.setState({ documents, groups, participants, attributes, coders, nodes, documentId, detail, unitId, loadedRevision: revision });
}

export async function openDocument(id: string): Promise<void> {
  const detail = await call('documents.get', { id });
  useWorkspace.setState({ documentId: id, detail, unitId: detail.units[0]?.id ?? null });
  rememberPlaceSoon();
}

let placeTimer: ReturnType<typeof setTimeout> | null = null;

/** Remembers the place once the selection rests, not on every step of J/K through a transcript. */
function rememberPlaceSoon(): void {
  if (placeTimer) clearTimeout(placeTimer);
  placeTimer = setTimeout(() => void rememberPlaceNow(), 600);
}

/** Writes a place still waiting to be remembered; called before the project closes. */
export async function rememberPlaceNow(): Promise<void> {
  if (!placeTimer) return;
  clearTimeout(placeTimer);
  placeTimer = null;
  const { documentId, unitId } = useWorkspace.getState();
  // Where the user was is a convenience: failing to write it must not disturb their work.
  if (useAppStore.getState().project) await call('project.rememberPlace', { documentId, unitId }).catch(() => undefined);
}

export function selectUnit(unitId: string | null): void {
  useWorkspace.setState({ unitId });
  rememberPlaceSoon();
}

/** Moves the unit selection by `delta` within the open document. */
export function moveUnit(delta: number): void {
  const { detail, unitId } = useWorkspace.getState();
  if (!detail || detail.units.length === 0) return;
  const index = detail.units.findIndex((u) => u.id === unitId);
  const next = Math.min(detail.units.length - 1, Math.max(0, (index < 0 ? (delta > 0 ? -1 : detail.units.length) : index) + delta));
  selectUnit(detail.units[next].id);
}
