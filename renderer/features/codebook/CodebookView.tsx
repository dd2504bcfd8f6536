import { useEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import type { CodebookNode } from '../../../shared/api/entities';
import type { NodeCounts } from '../../../shared/api/methods/codebook';
import { LEVELS_BY_METHOD } from '../../../shared/domain/vocabulary';
import { projectLevelWord } from '../../state/level-words';
import { attempt, useAppStore } from '../../state/app-store';
import { useTablesVersion } from '../../state/query-cache';
import { useWorkspace } from '../../state/workspace-store';
import { useCoderView } from '../agreement/coder-view-store';
import { coderIdsForView, viewWords } from '../coding/code-counts';
import { CODE_DRAG_TYPE } from '../coding/CodeRail';
import { selectNode, showNotice, useCoding } from '../coding/coding-store';
import {
  childDraft,
  draftDepth,
  draftPosition,
  dropTarget,
  flattenCodebook,
  parentIdsOf,
  parentRow,
  rowRange,
  siblingPlaces,
  siblingDraft,
  siblingRows,
  stepRow,
  visibleRows,
  type NodeDraft,
  type TreeRow,
} from './codebook-tree';
import { cancelDraft, commitDraft, draftPlace, startDraft, startNewNode } from './new-node';
import { MoveDialog } from './MoveDialog';
import { DeleteDialog, MergeDialog, SplitDialog } from './NodeDialogs';
import { NodeForm } from './NodeForm';
import { moveProblem, moveSelection } from './tree-moves';
import { movingOf, openTreeDialog, setCollapsed, useTree, type MovingNode } from './tree-store';

const NODE_DRAG_TYPE = 'application/x-condensa-node';
type DropPlace = 'before' | 'inside' | 'after';

function placeFor(e: DragEvent<HTMLElement>): DropPlace {
  const box = e.currentTarget.getBoundingClientRect();
  const y = (e.clientY - box.top) / Math.max(1, box.height);
  return y < 0.28 ? 'before' : y > 0.72 ? 'after' : 'inside';
}

function RenameInput({ node, onDone }: { node: CodebookNode; onDone: () => void }) {
  const [value, setValue] = useState(node.name);
  const ref = useRef<HTMLInputElement>(null);
  const done = useRef(false);
  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, []);
  const finish = (save: boolean) => {
    if (done.current) return;
    done.current = true;
    if (save && value.trim() && value.trim() !== node.name) void attempt('codebook.update', { id: node.id, name: value.trim() });
    onDone();
  };
  return (
    <input
      ref={ref}
      className="rename-input"
      aria-label={`Rename ${node.name}`}
      value={value}
      onClick={(e) => e.stopPropagation()}
      onChange={(e) => setValue(e.target.value)}
      onBlur={() => finish(true)}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Enter') finish(true);
        else if (e.key === 'Escape') finish(false);
      }}
    />
  );
}

/** What the codebook's counts read. */
const COUNTED_TABLES = ['codings', 'meaning_units', 'codebook_nodes', 'codebook_links', 'memos', 'quotes'];

/** The row of a node not yet made: its level shown, its name typed; Enter adds it, Escape leaves no trace. */
function DraftRow({ draft }: { draft: NodeDraft }) {
  const [value, setValue] = useState('');
  const busy = useRef(false);
  // Where the keys were before the row opened (a toolbar button, a row): Escape goes back there.
  const [cameFrom] = useState(() => document.activeElement as HTMLElement | null);
  const level = projectLevelWord(draft.level);
  const depth = draftDepth(draft);
  const finish = async (save: boolean) => {
    if (busy.current) return;
    busy.current = true;
    if (!save) {
      cancelDraft();
      if (cameFrom?.isConnected) cameFrom.focus();
    } else if (await commitDraft(draft, value)) return;
    busy.current = false;
  };
  return (
    <div role="treeitem" aria-level={depth + 1} aria-selected={false} className={`codebook-row draft level-${draft.level}`} style={{ paddingLeft: 4 + depth * 20 }}>
      <span className="tree-chevron leaf" aria-hidden="true" />
      <span className="node-level small">{level}</span>
      <input
        autoFocus
        className="rename-input"
        aria-label={`Name of the new ${level.toLowerCase()} ${draftPlace(draft)}`}
        placeholder={`New ${level.toLowerCase()} ${draftPlace(draft)}`}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        onBlur={() => void finish(value.trim() !== '')}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === 'Enter') {
            e.preventDefault();
            void finish(value.trim() !== '');
          } else if (e.key === 'Escape') void finish(false);
        }}
      />
      <span className="muted small">Enter adds it · Escape cancels</span>
    </div>
  );
}

/** Alt+arrows: the selection one step up, down, out of its parent or in under the sibling above. */
const STEPS = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'outdent', ArrowRight: 'indent' } as const;

const DRAG_NOTE = 'Drag to move: the line shows before or after, the outline inside';

export function CodebookView() {
  const nodes = useWorkspace((s) => s.nodes);
  const methodology = useAppStore((s) => s.project?.settings.methodology ?? 'content-analysis');
  const counted = useTablesVersion(COUNTED_TABLES);
  const coders = useWorkspace((s) => s.coders);
  const view = useCoderView((s) => s.view);
  const blind = useAppStore((s) => s.project?.settings.blind ?? false);
  const selectedId = useCoding((s) => s.nodeId);
  const { collapsed, focusPath, marked, anchorPath, cut, dialog, draft } = useTree();
  const rows = useMemo(() => flattenCodebook(nodes), [nodes]);
  const visible = useMemo(() => visibleRows(rows, collapsed), [rows, collapsed]);
  const withChildren = useMemo(() => parentIdsOf(nodes), [nodes]);
  // A flat list of treeitems tells assistive technology each row's place among its siblings itself.
  const places = useMemo(() => siblingPlaces(rows), [rows]);
  const [counts, setCounts] = useState<ReadonlyMap<string, NodeCounts>>(new Map());
  const [renaming, setRenaming] = useState<string | null>(null);
  const [drop, setDrop] = useState<{ path: string; place: DropPlace; refused: boolean } | null>(null);
  const dragged = useRef<readonly MovingNode[] | null>(null);
  const treeRef = useRef<HTMLDivElement>(null);
  const levels = LEVELS_BY_METHOD[methodology];
  // The focused row shows the selected node: the row remembered (a node may show under two parents), else where it now sits.
  const focused = visible.find((r) => r.path === focusPath && r.node.id === selectedId) ?? visible.find((r) => r.node.id === selectedId) ?? visible[0];
  // Marked rows a move or an undo took elsewhere are gone: the selection is then the focused row again.
  const markedRows = marked.size ? visible.filter((r) => marked.has(r.path)) : [];
  const selection = markedRows.length ? markedRows : focused && focused.node.id === selectedId ? [focused] : [];
  const selected = nodes.find((n) => n.id === selectedId);
  const cutIds = new Set(cut?.map((c) => c.id));

  useEffect(() => {
    // The coder view in use, as the code list beside the transcript: never every coder and the consensus added up.
    void attempt('codebook.counts', { coderIds: coderIdsForView(view, coders) }).then((c) => c && setCounts(new Map(c.map((x) => [x.nodeId, x]))));
  }, [counted, view, coders]);

  // Keep the keyboard focus on the focused row when it re-renders elsewhere (after a move its old element is gone,
  // and the focus with it).
  const treeHasFocus = useRef(false);
  useEffect(() => {
    const tree = treeRef.current;
    const lost = document.activeElement === document.body || document.activeElement === null;
    // While a dialog is open it has the keys; when it closes, they come back to the row (a moved row's old element is gone).
    if (!tree || !focused || renaming || draft || dialog || !(tree.contains(document.activeElement) || (lost && treeHasFocus.current))) return;
    const el = tree.querySelector<HTMLElement>(`[data-tree-path="${focused.path}"]`);
    if (el && el !== document.activeElement) {
      el.focus();
      el.scrollIntoView({ block: 'nearest' });
    }
  }, [focused, renaming, draft, dialog]);

  const focusRow = (row: TreeRow | undefined, how: 'only' | 'range' | 'toggle' = 'only') => {
    if (!row) return;
    selectNode(row.node.id);
    if (how === 'only') {
      useTree.setState({ focusPath: row.path, marked: new Set(), anchorPath: row.path });
    } else if (how === 'range') {
      const from = anchorPath ?? focused?.path ?? row.path;
      useTree.setState({ focusPath: row.path, marked: new Set(rowRange(visible, from, row.path).map((r) => r.path)), anchorPath: from });
    } else {
      const next = new Set(selection.map((r) => r.path));
      if (next.has(row.path)) next.delete(row.path);
      else next.add(row.path);
      useTree.setState({ focusPath: row.path, marked: next, anchorPath: row.path });
    }
    treeRef.current?.querySelector<HTMLElement>(`[data-tree-path="${row.path}"]`)?.focus();
  };

  const onTreeKey = (e: KeyboardEvent<HTMLDivElement>) => {
    // Keys act on the row that has the focus (a click on a chevron may have moved it without selecting).
    const row = visible.find((r) => r.path === (e.target as HTMLElement).dataset.treePath);
    if (!row || renaming) return;
    const chosen = row === focused ? selection : [row];
    const primary = e.ctrlKey || e.metaKey;
    const open = withChildren.has(row.node.id) && !collapsed.has(row.node.id);
    if (e.altKey && e.key in STEPS) void moveSelection(movingOf(chosen), { kind: STEPS[e.key as keyof typeof STEPS] });
    else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') focusRow(stepRow(visible, row.path, e.key === 'ArrowDown' ? 1 : -1), e.shiftKey ? 'range' : 'only');
    else if (e.key === 'Home' || e.key === 'End') focusRow(e.key === 'Home' ? visible[0] : visible[visible.length - 1], e.shiftKey ? 'range' : 'only');
    else if (e.key === 'ArrowRight' && !primary) {
      if (withChildren.has(row.node.id) && !open) setCollapsed([row.node.id], false);
      else if (open) focusRow(stepRow(visible, row.path, 1));
    } else if (e.key === 'ArrowLeft' && !primary) {
      if (open) setCollapsed([row.node.id], true);
      else focusRow(parentRow(rows, row));
    } else if (e.key === '*') setCollapsed(siblingRows(rows, row).map((r) => r.node.id), false);
    else if (primary && e.key.toLowerCase() === 'x' && !e.shiftKey) {
      const moving = movingOf(chosen);
      useTree.setState({ cut: moving });
      showNotice(`Cut ${moving.length === 1 ? `“${row.node.name}”` : `${moving.length} nodes`}: select where ${moving.length === 1 ? 'it goes' : 'they go'} and press Ctrl+V.`);
    } else if (primary && e.key.toLowerCase() === 'v' && !e.shiftKey) {
      if (!cut?.length) showNotice('Nothing is cut: select nodes and press Ctrl+X first.');
      else void moveSelection(cut, { kind: 'inside', nodeId: row.node.id, at: 'last' }).then((ok) => ok && useTree.setState({ cut: null }));
    } else if (e.key === 'Escape' && (marked.size || cut)) useTree.setState({ marked: new Set(), cut: null });
    else if (e.key === 'Enter' && !primary && !e.shiftKey) startDraft(siblingDraft(rows, row));
    else if (e.key === 'Insert' || (e.key === 'Enter' && primary)) {
      const below = childDraft(row, levels);
      if (below) startDraft(below);
      else showNotice(`Nothing goes under a ${projectLevelWord(row.node.level).toLowerCase()}: Enter adds one beside “${row.node.name}”.`);
    } else if (e.key === 'F2') setRenaming(row.node.id);
    else if (e.key === 'Delete') openTreeDialog('delete');
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  const dragOver = (e: DragEvent<HTMLElement>, row: TreeRow) => {
    const moving = dragged.current;
    if (!moving) return;
    const place = placeFor(e);
    const { parentId } = dropTarget(row, place, withChildren.has(row.node.id) && !collapsed.has(row.node.id));
    const refused = moveProblem(moving, parentId) !== null;
    if (!refused) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
    }
    if (drop?.path !== row.path || drop.place !== place || drop.refused !== refused) setDrop({ path: row.path, place, refused });
  };

  const onDrop = async (row: TreeRow, place: DropPlace) => {
    const moving = dragged.current;
    dragged.current = null;
    setDrop(null);
    if (!moving || moving.some((m) => m.id === row.node.id)) return;
    await moveSelection(moving, dropTarget(row, place, withChildren.has(row.node.id) && !collapsed.has(row.node.id)).to);
  };

  const dialogSources = selection.map((r) => r.node);
  const draftAt = draft ? draftPosition(visible, draft) : -1;
  return (
    <div className="codebook-editor">
      <div className="codebook-pane">
        <div className="toolbar" role="toolbar" aria-label="Codebook tools">
          {levels.map((l) => (
            <button key={l} type="button" onClick={() => startNewNode(l)} title={`A new ${projectLevelWord(l).toLowerCase()} under the selected node’s branch`}>
              + {projectLevelWord(l)}
            </button>
          ))}
          <button type="button" disabled={selection.length === 0} onClick={() => openTreeDialog('move')}>
            Move to…
          </button>
          <span className="muted small">{DRAG_NOTE} · Enter adds a node beside, Ctrl+Enter one below · Alt+arrows move · ? for all keys</span>
        </div>
        {rows.length === 0 && !draft && <p className="muted pad">The codebook is empty. Add a theme, category or code above.</p>}
        {rows.length > 0 && (
          <div className="codebook-head muted small">
            <span className="codebook-count-note" data-testid="codebook-count-note">
              Counted: {viewWords(view, coders, blind)}
            </span>
            <span aria-hidden="true">Units</span>
            <span aria-hidden="true">People</span>
            <span aria-hidden="true">Docs</span>
          </div>
        )}
        <div className="codebook" role="tree" aria-label="Codebook" aria-multiselectable="true" ref={treeRef}
          onKeyDown={onTreeKey}
          onFocus={() => (treeHasFocus.current = true)}
          onBlur={(e) => {
            // A row removed by a move blurs with nothing to go to: the tree keeps the focus then.
            // A dialog opened from the tree (Move to…, Merge…) gives the focus back to it.
            if (e.relatedTarget && !e.currentTarget.contains(e.relatedTarget as Node) && !useTree.getState().dialog) treeHasFocus.current = false;
          }}
        >
          {visible.map((row, i) => {
            const { node, depth, path } = row;
            const draftHere = draft && i === draftAt ? <DraftRow key="draft" draft={draft} /> : null;
            const c = counts.get(node.id);
            const canOpen = withChildren.has(node.id);
            const isOpen = canOpen && !collapsed.has(node.id);
            const chosen = selection.includes(row);
            const dropClass = drop?.path === path ? ` drop-${drop.refused ? 'refused' : drop.place}` : '';
            const rowElement = (
              <div
                key={path}
                role="treeitem"
                aria-level={depth + 1}
                aria-posinset={places.get(path)?.index}
                aria-setsize={places.get(path)?.of}
                aria-expanded={canOpen ? isOpen : undefined}
                aria-selected={chosen}
                tabIndex={row === focused ? 0 : -1}
                data-tree-path={path}
                data-node-id={node.id}
                className={`codebook-row level-${node.level}${chosen ? ' selected' : ''}${cutIds.has(node.id) ? ' cut' : ''}${dropClass}`}
                style={{ paddingLeft: 4 + depth * 20, ['--indent' as string]: `${4 + depth * 20 + (drop?.place === 'after' && isOpen ? 20 : 0)}px` }}
                draggable={renaming !== node.id}
                onClick={(e) => focusRow(row, e.shiftKey ? 'range' : e.ctrlKey || e.metaKey ? 'toggle' : 'only')}
                onDoubleClick={() => setRenaming(node.id)}
                onDragStart={(e) => {
                  const group = chosen ? movingOf(selection) : [{ id: node.id, fromParentId: row.parentId }];
                  dragged.current = group;
                  e.dataTransfer.setData(NODE_DRAG_TYPE, node.id);
                  if (node.level === 'code') e.dataTransfer.setData(CODE_DRAG_TYPE, node.id);
                  e.dataTransfer.effectAllowed = 'copyMove';
                }}
                onDragOver={(e) => dragOver(e, row)}
                onDragLeave={() => setDrop((d) => (d?.path === path ? null : d))}
                onDragEnd={() => {
                  dragged.current = null;
                  setDrop(null);
                }}
                onDrop={(e) => {
                  e.preventDefault();
                  void onDrop(row, placeFor(e));
                }}
              >
                <span
                  className={`tree-chevron${canOpen ? '' : ' leaf'}`}
                  aria-hidden="true"
                  title={canOpen ? (isOpen ? 'Collapse (←)' : 'Expand (→)') : undefined}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={(e) => {
                    if (!canOpen) return;
                    e.stopPropagation();
                    setCollapsed([node.id], isOpen);
                    // The selection never hides inside a closed branch: it moves up to the branch.
                    if (isOpen && selection.some((r) => r.path.startsWith(`${path}/`))) focusRow(row);
                  }}
                >
                  {canOpen ? (isOpen ? '▾' : '▸') : ''}
                </span>
                <span className="swatch" style={{ background: node.colour }} />
                <span className="node-level muted small">{projectLevelWord(node.level)}</span>
                {renaming === node.id ? <RenameInput node={node} onDone={() => setRenaming(null)} /> : <span className="node-name">{node.name}</span>}
                {node.shortcut && <kbd>{node.shortcut}</kbd>}
                <span className="node-counts muted small" title={c ? `${c.units} units, ${c.participants} participants, ${c.documents} documents` : undefined}>
                  <span>{c?.units ?? ''}</span>
                  <span>{c?.participants ?? ''}</span>
                  <span>{c?.documents ?? ''}</span>
                </span>
              </div>
            );
            return draftHere ? [draftHere, rowElement] : rowElement;
          })}
          {draft && draftAt === visible.length && <DraftRow draft={draft} />}
        </div>
      </div>
      <div className="node-pane">
        {selection.length > 1 ? (
          <SelectionPane rows={selection} />
        ) : selected ? (
          <NodeForm key={selected.id} node={selected} onDialog={openTreeDialog} />
        ) : (
          <p className="muted pad">Select a node to edit its definition, criteria, colour and key.</p>
        )}
      </div>
      {dialog === 'move' && selection.length > 0 && <MoveDialog moving={movingOf(selection)} onClose={() => openTreeDialog(null)} />}
      {dialog === 'merge' && dialogSources.length > 0 && <MergeDialog sources={dialogSources} onClose={() => openTreeDialog(null)} />}
      {selected && dialog === 'split' && <SplitDialog node={selected} onClose={() => openTreeDialog(null)} />}
      {selected && dialog === 'delete' && <DeleteDialog node={selected} onClose={() => openTreeDialog(null)} />}
    </div>
  );
}

/** Several rows selected: how many, and what can be done with them all at once. */
function SelectionPane({ rows }: { rows: readonly TreeRow[] }) {
  const levels = new Set(rows.map((r) => r.node.level));
  return (
    <div className="node-form" data-testid="tree-selection">
      <h2>{rows.length} selected</h2>
      <ul className="small">
        {rows.map((r) => (
          <li key={r.path}>
            {projectLevelWord(r.node.level)} “{r.node.name}”
          </li>
        ))}
      </ul>
      <div className="dialog-buttons">
        <button type="button" onClick={() => openTreeDialog('move')}>
          Move to…
        </button>
        <button type="button" disabled={levels.size > 1} title={levels.size > 1 ? 'Only nodes of one level merge' : undefined} onClick={() => openTreeDialog('merge')}>
          Merge…
        </button>
      </div>
      <p className="muted small">Shift+click or Shift+↑/↓ adds a range, Ctrl+click one more; Ctrl+X then Ctrl+V moves them under another node; Escape keeps one.</p>
    </div>
  );
}
