import { useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import type { CodebookNode } from '../../../shared/api/entities';
import type { NodeCounts } from '../../../shared/api/methods/codebook';
import { LEVELS_BY_METHOD, NODE_LEVEL_LABELS, type NodeLevel } from '../../../shared/domain/vocabulary';
import { attempt, useAppStore } from '../../state/app-store';
import { useWorkspace } from '../../state/workspace-store';
import { CODE_DRAG_TYPE } from '../coding/CodeRail';
import { selectNode, showNotice, useCoding } from '../coding/coding-store';
import { flattenCodebook, parentForNew, type TreeRow } from './codebook-tree';
import { DeleteDialog, MergeDialog, SplitDialog } from './NodeDialogs';
import { NodeForm, type NodeDialog } from './NodeForm';

const NODE_DRAG_TYPE = 'application/x-condensa-node';
type DropPlace = 'before' | 'inside' | 'after';

interface Dragged {
  readonly id: string;
  readonly parentId: string | null;
}

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

export function CodebookView() {
  const nodes = useWorkspace((s) => s.nodes);
  const methodology = useAppStore((s) => s.project?.settings.methodology ?? 'content-analysis');
  const revision = useAppStore((s) => s.revision);
  const localRevision = useAppStore((s) => s.localRevision);
  const selectedId = useCoding((s) => s.nodeId);
  const rows = useMemo(() => flattenCodebook(nodes), [nodes]);
  const [counts, setCounts] = useState<ReadonlyMap<string, NodeCounts>>(new Map());
  const [renaming, setRenaming] = useState<string | null>(null);
  const [dialog, setDialog] = useState<NodeDialog | null>(null);
  const [drop, setDrop] = useState<{ path: string; place: DropPlace } | null>(null);
  const dragged = useRef<Dragged | null>(null);
  const selected = nodes.find((n) => n.id === selectedId);
  const levels = LEVELS_BY_METHOD[methodology];

  useEffect(() => {
    void attempt('codebook.counts', {}).then((c) => c && setCounts(new Map(c.map((x) => [x.nodeId, x]))));
  }, [revision, localRevision]);

  const create = async (level: NodeLevel) => {
    const parent = parentForNew(level, rows.find((r) => r.node.id === selectedId), nodes, levels);
    const node = await attempt('codebook.create', { level, name: `New ${NODE_LEVEL_LABELS[level].toLowerCase()}`, parentId: parent?.id ?? null });
    if (node) {
      // Says where it went, so a node never lands somewhere unseen.
      showNotice(parent ? `New ${NODE_LEVEL_LABELS[level].toLowerCase()} under ${NODE_LEVEL_LABELS[parent.level].toLowerCase()} “${parent.name}”.` : `New ${NODE_LEVEL_LABELS[level].toLowerCase()} at the top of the codebook.`);
      selectNode(node.id);
      setRenaming(node.id);
    }
  };

  const onDrop = async (row: TreeRow, place: DropPlace) => {
    const d = dragged.current;
    dragged.current = null;
    setDrop(null);
    if (!d || d.id === row.node.id) return;
    const parentId = place === 'inside' ? row.node.id : row.parentId;
    const siblings = rows.filter((r) => r.parentId === parentId && r.depth === (place === 'inside' ? row.depth + 1 : row.depth) && r.node.id !== d.id);
    const at = siblings.findIndex((r) => r.node.id === row.node.id);
    const index = place === 'inside' ? siblings.length : place === 'before' ? Math.max(0, at) : at + 1;
    await attempt('codebook.move', { id: d.id, parentId, index, fromParentId: d.parentId });
  };

  const keyNav = (e: React.KeyboardEvent, i: number) => {
    const go = (j: number) => {
      const r = rows[Math.min(rows.length - 1, Math.max(0, j))];
      if (!r) return;
      selectNode(r.node.id);
      document.querySelector<HTMLElement>(`[data-tree-path="${r.path}"]`)?.focus();
    };
    if (e.key === 'ArrowDown') go(i + 1);
    else if (e.key === 'ArrowUp') go(i - 1);
    else if (e.key === 'F2') setRenaming(rows[i].node.id);
    else if (e.key === 'Delete') setDialog('delete');
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div className="codebook-editor">
      <div className="codebook-pane">
        <div className="toolbar" role="toolbar" aria-label="Codebook tools">
          {levels.map((l) => (
            <button key={l} type="button" onClick={() => void create(l)}>
              + {NODE_LEVEL_LABELS[l]}
            </button>
          ))}
          <span className="muted small">Drag to move or reorder · double-click or F2 to rename</span>
        </div>
        {rows.length === 0 && <p className="muted pad">The codebook is empty. Add a theme, category or code above.</p>}
        {rows.length > 0 && (
          <div className="codebook-head muted small" aria-hidden="true">
            <span>Units</span>
            <span>People</span>
            <span>Docs</span>
          </div>
        )}
        <div className="codebook" role="tree" aria-label="Codebook">
          {rows.map((row, i) => {
            const { node, depth, path } = row;
            const c = counts.get(node.id);
            const dropClass = drop?.path === path ? ` drop-${drop.place}` : '';
            return (
              <div
                key={path}
                role="treeitem"
                aria-level={depth + 1}
                aria-selected={node.id === selectedId}
                tabIndex={node.id === selectedId ? 0 : -1}
                data-tree-path={path}
                data-node-id={node.id}
                className={`codebook-row level-${node.level}${node.id === selectedId ? ' selected' : ''}${dropClass}`}
                style={{ paddingLeft: 12 + depth * 20 }}
                draggable={renaming !== node.id}
                onClick={() => selectNode(node.id)}
                onDoubleClick={() => setRenaming(node.id)}
                onKeyDown={(e) => keyNav(e, i)}
                onDragStart={(e) => {
                  dragged.current = { id: node.id, parentId: row.parentId };
                  e.dataTransfer.setData(NODE_DRAG_TYPE, node.id);
                  if (node.level === 'code') e.dataTransfer.setData(CODE_DRAG_TYPE, node.id);
                  e.dataTransfer.effectAllowed = 'copyMove';
                }}
                onDragOver={(e) => {
                  if (!dragged.current || dragged.current.id === node.id) return;
                  e.preventDefault();
                  e.dataTransfer.dropEffect = 'move';
                  const place = placeFor(e);
                  if (drop?.path !== path || drop.place !== place) setDrop({ path, place });
                }}
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
                <span className="swatch" style={{ background: node.colour }} />
                <span className="node-level muted small">{NODE_LEVEL_LABELS[node.level]}</span>
                {renaming === node.id ? <RenameInput node={node} onDone={() => setRenaming(null)} /> : <span className="node-name">{node.name}</span>}
                {node.shortcut && <kbd>{node.shortcut}</kbd>}
                <span className="node-counts muted small" title={c ? `${c.units} units, ${c.participants} participants, ${c.documents} documents` : undefined}>
                  <span>{c?.units ?? ''}</span>
                  <span>{c?.participants ?? ''}</span>
                  <span>{c?.documents ?? ''}</span>
                </span>
              </div>
            );
          })}
        </div>
      </div>
      <div className="node-pane">
        {selected ? <NodeForm key={selected.id} node={selected} onDialog={setDialog} /> : <p className="muted pad">Select a node to edit its definition, criteria, colour and key.</p>}
      </div>
      {selected && dialog === 'merge' && <MergeDialog node={selected} onClose={() => setDialog(null)} />}
      {selected && dialog === 'split' && <SplitDialog node={selected} onClose={() => setDialog(null)} />}
      {selected && dialog === 'delete' && <DeleteDialog node={selected} onClose={() => setDialog(null)} />}
    </div>
  );
}
