import { useMemo } from 'react';
import type { Attribute, Coder, CodebookNode, Coding, DocumentDetail, DocumentGroup, DocumentSummary, Participant } from '../../shared/api/entities';
import { touches, type ChangeEvent } from '../../shared/api/events';
import { call, callQuietly, patchedByCaller, useAppStore } from './app-store';
import { createStore } from './create-store';
import { onTables, type ChangeSource } from './query-cache';
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
  /** Which project opening the workspace was read for (see AppState.opened); -1 before the first. */
  readonly loadedFor: number;
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
  loadedFor: -1,
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

/** The workspace's lists, each with the method that reads it and the tables it reads. */
const LISTS = {
  // Blind coding (a project setting) decides whose codings count and show.
  documents: { method: 'documents.list', tables: ['documents', 'document_groups', 'meaning_units', 'codings', 'turns', 'participants', 'project'] },
  groups: { method: 'documentGroups.list', tables: ['document_groups', 'documents'] },
  participants: { method: 'participants.list', tables: ['participants', 'participant_values', 'attributes', 'turns'] },
  attributes: { method: 'attributes.list', tables: ['attributes'] },
  coders: { method: 'coders.list', tables: ['coders'] },
  nodes: { method: 'codebook.list', tables: ['codebook_nodes', 'codebook_links', 'codings', 'memos', 'quotes', 'project'] },
} as const;
type ListName = keyof typeof LISTS;

/** What the open document shows: its record, turns, units and codings (whose, by the blind setting), and its speakers' names. */
const DETAIL_TABLES = ['documents', 'turns', 'meaning_units', 'codings', 'participants', 'project'] as const;

/** Reads the project's lists and the open document whole: when a project has been opened here. */
export async function loadWorkspace(): Promise<void> {
  const opened = useAppStore.getState().opened;
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
  const documentId = shownDocument(documents);
  const fetched = await early;
  const detail = documentId ? (documentId === known && fetched ? fetched : await call('documents.get', { id: documentId })) : null;
  const unitId = useWorkspace.getState().unitId ?? project?.lastUnitId ?? null;
  useWorkspace.setState({ documents, groups, participants, attributes, coders, nodes, documentId, detail, unitId, loadedFor: opened });
}

/** The document to show: the open one while it exists, else the one the coder was at, else the first. */
function shownDocument(documents: readonly DocumentSummary[]): string | null {
  const project = useAppStore.getState().project;
  const current = useWorkspace.getState().documentId;
  if (current && documents.some((d) => d.id === current)) return current;
  if (project?.lastDocumentId && documents.some((d) => d.id === project.lastDocumentId)) return project.lastDocumentId;
  return documents[0]?.id ?? null;
}

/** Reads again one list a change touched. */
async function reloadList(name: ListName): Promise<void> {
  const { method } = LISTS[name];
  const value = await callQuietly(method, {});
  if (value === null) return;
  useWorkspace.setState({ [name]: value } as Partial<WorkspaceState>);
  if (name === 'documents') {
    // The open document may be gone (deleted here or in another window).
    const documentId = shownDocument(value as readonly DocumentSummary[]);
    if (documentId !== useWorkspace.getState().documentId) await reloadDetail(documentId);
  }
}

async function reloadDetail(documentId: string | null): Promise<void> {
  const detail = documentId ? await callQuietly('documents.get', { id: documentId }) : null;
  if (documentId !== null && detail === null) return;
  useWorkspace.setState((s) => ({ documentId, detail, unitId: detail && s.unitId && detail.units.some((u) => u.id === s.unitId) ? s.unitId : (detail?.units[0]?.id ?? null) }));
}

/** Whether a change touches the open document: its own record by row, its parts by table (a new coding names no document). */
function touchesDetail(event: ChangeEvent): boolean {
  const { detail } = useWorkspace.getState();
  if (!detail) return false;
  return touches(event.tables, 'documents', detail.document.id) || DETAIL_TABLES.some((t) => t !== 'documents' && touches(event.tables, t));
}

/**
 * A change re-reads only the lists that read its tables, and the open document only if the change
 * touches it. This page's own coding has already been put into the document and the lists by its
 * caller (in the frame after the key), so nothing of the workspace is read again for it.
 */
function refreshFor(event: ChangeEvent, source: ChangeSource): void {
  if (useWorkspace.getState().loadedFor < 0) return;
  if (source.own && patchedByCaller(event.method)) return;
  const stale = (Object.keys(LISTS) as ListName[]).filter((name) => LISTS[name].tables.some((t) => t in event.tables));
  for (const name of stale) void reloadList(name);
  if (touchesDetail(event)) void reloadDetail(useWorkspace.getState().documentId);
}

const ALL_TABLES = [...new Set([...Object.values(LISTS).flatMap((l) => l.tables), ...DETAIL_TABLES])];
onTables(ALL_TABLES, refreshFor);

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
