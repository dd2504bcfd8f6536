import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Button, Collection, DropIndicator, Tree, TreeItem, TreeItemContent, useDragAndDrop, type DropPosition, type Key, type Selection } from 'react-aria-components';
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
  dropTarget,
  flattenCodebook,
  parentIdsOf,
  siblingDraft,
  siblingRows,
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

/** The library's drop positions named as codebook.move names places: on a row is inside it. */
function placeOf(position: DropPosition): DropPlace {
  return position === 'on' ? 'inside' : position;
}

/** A row of the library's tree: a node where it shows (one per parent), or the new node's row waiting for its name. */
type TreeEntry =
  | { readonly kind: 'node'; readonly id: string; readonly row: TreeRow; readonly children: TreeEntry[] }
  | { readonly kind: 'draft'; readonly id: string; readonly draft: NodeDraft; readonly children: TreeEntry[] };

/** The flat rows nested again for the library, keyed by path; the draft row stands where draftPosition puts it. */
function treeEntries(rows: readonly TreeRow[], draft: NodeDraft | null): TreeEntry[] {
  const top: TreeEntry[] = [];
  const byPath = new Map<string, TreeEntry[]>([['', top]]);
  for (const row of rows) {
    const children: TreeEntry[] = [];
    byPath.get(row.path.slice(0, row.path.lastIndexOf('/')))?.push({ kind: 'node', id: row.path, row, children });
    byPath.set(row.path, children);
  }
  if (draft) {
    const siblings = byPath.get(draft.parentPath) ?? top;
    const after = draft.afterPath ? siblings.findIndex((e) => e.id === draft.afterPath) : -1;
    siblings.splice(after < 0 ? siblings.length : after + 1, 0, { kind: 'draft', id: 'new-node-draft', draft, children: [] });
  }
  return top;
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
    <div className="codebook-row-content" style={{ paddingLeft: 4 + depth * 20 }}>
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
  const { collapsed, focusPath, marked, cut, dialog, draft } = useTree();
  const rows = useMemo(() => flattenCodebook(nodes), [nodes]);
  const visible = useMemo(() => visibleRows(rows, collapsed), [rows, collapsed]);
  const withChildren = useMemo(() => parentIdsOf(nodes), [nodes]);
  const [counts, setCounts] = useState<ReadonlyMap<string, NodeCounts>>(new Map());
  const [renaming, setRenaming] = useState<string | null>(null);
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
    // After the library has put the focus on a neighbour of a row that went away.
    const frame = requestAnimationFrame(() => {
      const el = tree.querySelector<HTMLElement>(`[data-tree-path="${focused.path}"]`);
      if (el && el !== document.activeElement) {
        el.focus();
        el.scrollIntoView({ block: 'nearest' });
      }
    });
    return () => cancelAnimationFrame(frame);
  }, [focused, renaming, draft, dialog]);

  // Keys of this tree the library does not own (it owns arrows, Home/End, Shift/Ctrl selection, * and the
  // chevrons): read before it sees them, on the row that has the focus, never from a text field in a row.
  const onTreeKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement;
    if (target.closest('input, textarea')) return;
    const row = visible.find((r) => r.path === target.closest<HTMLElement>('[data-tree-path]')?.dataset.treePath);
    if (!row || renaming) return;
    const chosen = selection.some((r) => r.path === row.path) ? selection : [row];
    const primary = e.ctrlKey || e.metaKey;
    const open = withChildren.has(row.node.id) && !collapsed.has(row.node.id);
    const plain = !primary && !e.altKey && !e.shiftKey;
    if (e.altKey && e.key in STEPS) void moveSelection(movingOf(chosen), { kind: STEPS[e.key as keyof typeof STEPS] });
    // The tree pattern's → on an open branch (to its first child) and ← on a closed one or a leaf (to its parent);
    // the library's treegrid would go into the row's cells instead.
    else if (plain && e.key === 'ArrowRight' && open) goTo(rows.find((r) => r.path.startsWith(`${row.path}/`)));
    else if (plain && e.key === 'ArrowLeft' && !open) goTo(byPath.get(row.path.slice(0, row.path.lastIndexOf('/'))));
    else if (e.key === '*') setCollapsed(siblingRows(rows, row).map((r) => r.node.id), false);
    else if (primary && e.key.toLowerCase() === 'x' && !e.shiftKey) {
      const moving = movingOf(chosen);
      useTree.setState({ cut: moving });
      showNotice(`Cut ${moving.length === 1 ? `“${row.node.name}”` : `${moving.length} nodes`}: select where ${moving.length === 1 ? 'it goes' : 'they go'} and press Ctrl+V.`);
    } else if (primary && e.key.toLowerCase() === 'v' && !e.shiftKey) {
      if (!cut?.length) showNotice('Nothing is cut: select nodes and press Ctrl+X first.');
      else void moveSelection(cut, { kind: 'inside', nodeId: row.node.id, at: 'last' }).then((ok) => ok && useTree.setState({ cut: null }));
    } else if (e.key === 'Escape' && (marked.size || cut)) {
      useTree.setState({ marked: new Set(), cut: null });
    } else if (e.key === 'Enter' && !primary && !e.shiftKey) startDraft(siblingDraft(rows, row));
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

  const byPath = useMemo(() => new Map(rows.map((r) => [r.path, r])), [rows]);
  const items = useMemo(() => treeEntries(rows, draft), [rows, draft]);
  // A branch waiting for its first child (the draft row) is open to show it.
  const expandedKeys = useMemo(
    () => rows.filter((r) => (withChildren.has(r.node.id) && !collapsed.has(r.node.id)) || r.path === draft?.parentPath).map((r) => r.path),
    [rows, withChildren, collapsed, draft],
  );

  // The library names rows by key, one per place a node shows; the project remembers nodes, so a node opens or closes wherever it shows.
  const onExpandedChange = (keys: Set<Key>) => {
    const open = new Set([...keys].map(String));
    const was = new Set(expandedKeys);
    const opened = [...open].filter((k) => !was.has(k)).flatMap((k) => byPath.get(k)?.node.id ?? []);
    const closed = [...was].filter((k) => !open.has(k)).flatMap((k) => byPath.get(k)?.node.id ?? []);
    if (opened.length) setCollapsed(opened, false);
    if (closed.length) {
      setCollapsed(closed, true);
      // The selection never hides inside a closed branch: it moves up to the branch.
      const branch = rows.find((r) => closed.includes(r.node.id) && selection.some((s) => s.path.startsWith(`${r.path}/`)));
      if (branch) chooseRows([branch], branch);
    }
  };

  const goTo = (row: TreeRow | undefined) => {
    if (!row) return;
    chooseRows([row], row);
    treeRef.current?.querySelector<HTMLElement>(`[data-tree-path="${row.path}"]`)?.focus();
  };

  const chooseRows = (chosenRows: readonly TreeRow[], focus: TreeRow) => {
    selectNode(focus.node.id);
    useTree.setState({ focusPath: focus.path, marked: chosenRows.length > 1 ? new Set(chosenRows.map((r) => r.path)) : new Set(), anchorPath: focus.path });
  };

  const onSelectionChange = (keys: Selection) => {
    const paths = keys === 'all' ? visible.map((r) => r.path) : [...keys].map(String);
    const chosenRows = paths.flatMap((p) => byPath.get(p) ?? []);
    if (chosenRows.length === 0) return;
    // The row just added is where the keys are; else the last one.
    const before = new Set(selection.map((r) => r.path));
    const focus = chosenRows.find((r) => !before.has(r.path)) ?? chosenRows[chosenRows.length - 1];
    chooseRows(chosenRows, focus);
  };

  const dragged = useRef<readonly MovingNode[] | null>(null);
  // Where a drag would land, drawn on the row as before: a line before or after it, an outline inside, a dashed one when refused.
  const [drop, setDrop] = useState<{ path: string; place: DropPlace; refused: boolean } | null>(null);
  const showDrop = (next: { path: string; place: DropPlace; refused: boolean } | null) =>
    queueMicrotask(() => setDrop((d) => (d?.path === next?.path && d?.place === next?.place && d?.refused === next?.refused ? d : next)));
  const { dragAndDropHooks } = useDragAndDrop<TreeEntry>({
    getItems: (keys) =>
      [...keys].flatMap((k) => {
        const r = byPath.get(String(k));
        if (!r) return [];
        return [{ 'text/plain': r.node.name, [NODE_DRAG_TYPE]: r.node.id, ...(r.node.level === 'code' ? { [CODE_DRAG_TYPE]: r.node.id } : {}) }];
      }),
    getAllowedDropOperations: () => ['move', 'copy'],
    onDragStart: (e) => {
      dragged.current = movingOf([...e.keys].flatMap((k) => byPath.get(String(k)) ?? []));
    },
    onDragEnd: () => {
      dragged.current = null;
      showDrop(null);
    },
    // A place of the wrong level (a category under a code) shows no indicator and takes no drop.
    getDropOperation: (target) => {
      const moving = dragged.current;
      if (!moving || target.type !== 'item') return 'cancel';
      const row = byPath.get(String(target.key));
      if (!row || moving.some((m) => m.id === row.node.id)) return 'cancel';
      const place = placeOf(target.dropPosition);
      const { parentId } = dropTarget(row, place, expandedKeys.includes(row.path));
      const refused = moveProblem(moving, parentId) !== null;
      showDrop({ path: row.path, place, refused });
      return refused ? 'cancel' : 'move';
    },
    onMove: async (e) => {
      const moving = dragged.current ?? movingOf([...e.keys].flatMap((k) => byPath.get(String(k)) ?? []));
      const row = byPath.get(String(e.target.key));
      showDrop(null);
      if (!row) return;
      await moveSelection(moving, dropTarget(row, placeOf(e.target.dropPosition), expandedKeys.includes(row.path)).to);
    },
    renderDropIndicator: (target) => <DropIndicator target={target} className="tree-drop-line" />,
  });

  const dialogSources = selection.map((r) => r.node);
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
        <div className="codebook-tree-keys" onKeyDownCapture={onTreeKey}
          onFocus={() => (treeHasFocus.current = true)}
          onBlur={(e) => {
            // A row removed by a move blurs with nothing to go to: the tree keeps the focus then.
            // A dialog opened from the tree (Move to…, Merge…) gives the focus back to it.
            if (e.relatedTarget && !e.currentTarget.contains(e.relatedTarget as Node) && !useTree.getState().dialog) treeHasFocus.current = false;
          }}
        >
          <Tree
            ref={treeRef}
            className="codebook"
            aria-label="Codebook"
            items={items}
            dependencies={[counts, renaming, cut, selection, draft, view, drop]}
            selectionMode="multiple"
            selectionBehavior="replace"
            selectedKeys={selection.map((r) => r.path)}
            onSelectionChange={onSelectionChange}
            expandedKeys={expandedKeys}
            onExpandedChange={onExpandedChange}
            dragAndDropHooks={dragAndDropHooks}
          >
            {function renderItem(item: TreeEntry) {
              if (item.kind === 'draft') {
                return (
                  <TreeItem id={item.id} textValue="New node" className={`codebook-row draft level-${item.draft.level}`}>
                    <TreeItemContent>
                      <DraftRow draft={item.draft} />
                    </TreeItemContent>
                  </TreeItem>
                );
              }
              const { node, path } = item.row;
              const c = counts.get(node.id);
              return (
                <TreeItem
                  id={path}
                  textValue={node.name}
                  data-tree-path={path}
                  data-node-id={node.id}
                  className={({ isSelected }) =>
                    `codebook-row level-${node.level}${isSelected ? ' selected' : ''}${cutIds.has(node.id) ? ' cut' : ''}${drop?.path === path ? ` drop-${drop.refused ? 'refused' : drop.place}` : ''}`
                  }
                  // The drop line starts where the row's text does; after an open branch it is its first child's.
                  style={({ level, isExpanded }) => ({ ['--indent' as string]: `${4 + (level - 1) * 20 + (drop?.path === path && drop.place === 'after' && isExpanded ? 20 : 0)}px` })}
                  onAction={() => setRenaming(node.id)}
                >
                  <TreeItemContent>
                    {({ hasChildItems, isExpanded, level }) => (
                      <div className="codebook-row-content" style={{ paddingLeft: 4 + (level - 1) * 20 }}>
                        <Button slot="chevron" className={`tree-chevron${hasChildItems ? '' : ' leaf'}`} excludeFromTabOrder aria-label={isExpanded ? `Collapse ${node.name}` : `Expand ${node.name}`} isDisabled={!hasChildItems}>
                          {hasChildItems ? (isExpanded ? '▾' : '▸') : ''}
                        </Button>
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
                    )}
                  </TreeItemContent>
                  <Collection items={item.children}>{renderItem}</Collection>
                </TreeItem>
              );
            }}
          </Tree>
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
