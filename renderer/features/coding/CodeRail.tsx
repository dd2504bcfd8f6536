import { memo, useMemo, useState } from 'react';
import type { CodebookNode } from '../../../shared/api/entities';
import { fuzzyScore } from '../../../shared/domain/fuzzy';
import { ChunkedList, type ListPlace } from '../../components/ChunkedList';
import { Pane } from '../../components/Pane';
import { useAppStore } from '../../state/app-store';
import { useWorkspace } from '../../state/workspace-store';
import { useCoderView } from '../agreement/coder-view-store';
import { perCoderWords, shortCoderNames, useCountMode, usePerCoderCounts, useViewUnitCounts, viewWords } from './code-counts';
import { flattenCodebook, parentIdsOf, visibleRows } from '../codebook/codebook-tree';
import { setCollapsed, useTree } from '../codebook/tree-store';
import { applyCodes, applyToSelection, selectedUnitIds } from './coding-actions';
import { selectNode, useCoding } from './coding-store';

export const CODE_DRAG_TYPE = 'application/x-condensa-code';

function apply(codeId: string): void {
  const sel = useCoding.getState().selection;
  if (sel) void applyToSelection(sel, [codeId]);
  else void applyCodes([codeId], selectedUnitIds());
}

/** One line of the rail; memoized, so a count changing redraws that line alone. */
const RailItem = memo(function RailItem({
  node,
  indent,
  units,
  perCoder,
  perCoderInFull,
  open,
  ...at
}: {
  node: CodebookNode;
  indent: number;
  units: number | undefined;
  /** Each coder's figure in words, when the list counts per coder. */
  perCoder: string | undefined;
  /** The same with the coders' whole names, for the tooltip. */
  perCoderInFull: string | undefined;
  /** Null for a node without children. */
  open: boolean | null;
} & ListPlace) {
  if (node.level !== 'code') {
    return (
      <li {...at} className={`rail-group level-${node.level}`} style={{ paddingLeft: indent }}>
        {open !== null && (
          // The same collapsed branches as the codebook tree: one remembered view of the codebook.
          <button type="button" className="rail-chevron" aria-expanded={open} aria-label={`${open ? 'Collapse' : 'Expand'} ${node.name}`} onClick={() => setCollapsed([node.id], open)}>
            {open ? '▾' : '▸'}
          </button>
        )}
        <button type="button" className="link-like" onClick={() => selectNode(node.id)} title="Show in the inspector">
          {node.name}
        </button>
      </li>
    );
  }
  return (
    <li {...at} style={{ paddingLeft: indent }}>
      <button
        type="button"
        className="rail-code"
        draggable
        title={`${node.name}${node.definition ? ` — ${node.definition}` : ''}\nClick to apply to the selected unit, or drag onto a unit.`}
        onDragStart={(e) => {
          e.dataTransfer.setData(CODE_DRAG_TYPE, node.id);
          e.dataTransfer.setData('text/plain', node.name);
          e.dataTransfer.effectAllowed = 'copy';
        }}
        onClick={() => apply(node.id)}
        onContextMenu={(e) => {
          e.preventDefault();
          selectNode(node.id);
        }}
      >
        <span className="swatch" style={{ background: node.colour }} />
        <span className="rail-name">{node.name}</span>
        {node.shortcut && <kbd>{node.shortcut}</kbd>}
        {perCoder !== undefined ? (
          <span className="rail-per-coder muted small" title={`Units and passages coded with it, per coder: ${perCoderInFull ?? perCoder}`}>
            {perCoder}
          </span>
        ) : (
          <span className="muted small" title={units === undefined ? undefined : `${units} unit${units === 1 ? '' : 's'} coded with it`}>
            {units ?? ''}
          </span>
        )}
      </button>
    </li>
  );
});

/** The codebook beside the transcript: click a code to apply it, or drag it onto a unit. */
export function CodeRail() {
  const nodes = useWorkspace((s) => s.nodes);
  const coders = useWorkspace((s) => s.coders);
  const view = useCoderView((s) => s.view);
  const blind = useAppStore((s) => s.project?.settings.blind ?? false);
  const units = useViewUnitCounts();
  const perCoderOn = useCountMode((s) => s.perCoder);
  const perCoder = usePerCoderCounts(perCoderOn);
  const names = useMemo(() => shortCoderNames(coders), [coders]);
  const fullNames = useMemo(() => new Map(coders.map((c) => [c.id, c.name])), [coders]);
  const [filter, setFilter] = useState('');
  const collapsed = useTree((s) => s.collapsed);
  const rows = useMemo(() => flattenCodebook(nodes), [nodes]);
  const withChildren = useMemo(() => parentIdsOf(nodes), [nodes]);
  const shown = filter.trim() ? rows.filter((r) => r.node.level === 'code' && fuzzyScore(filter, r.node.name) !== null) : visibleRows(rows, collapsed);

  return (
    <Pane className="code-rail" label="Codes">
      <input className="rail-filter" placeholder="Filter codes" aria-label="Filter codes" value={filter} onChange={(e) => setFilter(e.target.value)} />
      <div className="rail-count-mode small" role="group" aria-label="Counts">
        <span className="muted">Counts:</span>
        {([false, true] as const).map((on) => (
          <button key={String(on)} type="button" className="link-like" aria-pressed={perCoderOn === on} onClick={() => useCountMode.setState({ perCoder: on })}>
            {on ? 'per coder' : 'this view'}
          </button>
        ))}
      </div>
      <p className="rail-count-note muted small" data-testid="rail-count-note">
        {perCoderOn
          ? `Units and passages coded, per coder${blind ? ' (blind: yours only)' : `: ${coders.map((c) => (names.get(c.id) === c.name ? c.name : `${names.get(c.id)} ${c.name}`)).join(', ')}`}`
          : `Units and passages coded: ${viewWords(view, coders, blind)}`}
      </p>
      <ChunkedList
        items={shown}
        itemHeight={24}
        render={({ node, depth, path }, at) => (
          <RailItem
            key={path}
            node={node}
            units={units?.get(node.id)}
            perCoder={perCoderOn ? (perCoder ? perCoderWords(perCoder.get(node.id) ?? [], names) : '') : undefined}
            perCoderInFull={perCoderOn && perCoder ? perCoderWords(perCoder.get(node.id) ?? [], fullNames) : undefined}
            indent={filter ? 6 : 6 + depth * 10}
            open={withChildren.has(node.id) ? !collapsed.has(node.id) : null}
            {...at}
          />
        )}
      />
      {nodes.length === 0 && <p className="muted small pad">No codes yet. Press A on a unit and type a name to make one.</p>}
    </Pane>
  );
}
