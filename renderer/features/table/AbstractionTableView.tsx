import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { AbstractionFilter, AbstractionRow, AbstractionSort, AbstractionTable } from '../../../shared/api/methods/coding';
import { NODE_LEVEL_LABELS } from '../../../shared/domain/vocabulary';
import { DocumentFilterSelect } from '../../components/DocumentFilterSelect';
import { EmptyState } from '../../components/EmptyState';
import { attempt, useAppStore } from '../../state/app-store';
import { useTablesVersion } from '../../state/query-cache';
import { openDocument, selectUnit, useWorkspace } from '../../state/workspace-store';
import { condense, exportTableCsv, patchCodings } from '../coding/coding-actions';
import { useCoding } from '../coding/coding-store';
import { createStore } from '../../state/create-store';
import { flattenCodebook } from '../codebook/codebook-tree';

const BIG_STUDY_UNITS = 5_000;

type Filter = Omit<AbstractionFilter, 'sortBy' | 'descending'> & { sortBy: AbstractionSort; descending: boolean };

// The filters survive switching tabs, so a researcher can go to the transcript and come back.
const useTableFilter = createStore<{ filter: Filter }>(() => ({ filter: { coder: 'current', codedOnly: false, sortBy: 'position', descending: false } }));

function setFilter(changes: Partial<Filter>): void {
  useTableFilter.setState((s) => ({ filter: { ...s.filter, ...changes } }));
}

function CondensedCell({ row }: { row: AbstractionRow }) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(row.condensed);
  // The version the edit starts from: another window's edit meanwhile asks at saving.
  const [from, setFrom] = useState(row.version);
  // Another window's change shows at once, but never replaces what is being typed.
  useEffect(() => {
    if (!editing) setValue(row.condensed);
  }, [row.condensed, editing]);
  const start = () => {
    setFrom(row.version);
    setValue(row.condensed);
    setEditing(true);
  };
  if (!editing) {
    return (
      <div className="cell-edit" role="button" tabIndex={0} aria-label="Edit condensation" onClick={start} onKeyDown={(e) => e.key === 'Enter' && start()}>
        {row.condensed || <span className="muted">add…</span>}
      </div>
    );
  }
  const save = async () => {
    setEditing(false);
    if (value.trim() !== row.condensed) await condense(row.unitId, value.trim(), from);
  };
  return (
    <textarea
      autoFocus
      aria-label="Condensed meaning unit"
      value={value}
      rows={3}
      onChange={(e) => setValue(e.target.value)}
      onBlur={() => void save()}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Enter' && !e.shiftKey) {
          e.preventDefault();
          void save();
        } else if (e.key === 'Escape') {
          setValue(row.condensed);
          setEditing(false);
        }
      }}
    />
  );
}

const SORT_COLUMNS: readonly { key: AbstractionSort; label: string }[] = [
  { key: 'speaker', label: 'Speaker' },
  { key: 'text', label: 'Meaning unit' },
  { key: 'condensed', label: 'Condensed meaning unit' },
  { key: 'codes', label: 'Code(s)' },
];

export function AbstractionTableView() {
  const changed = useTablesVersion(['codings', 'meaning_units', 'codebook_nodes', 'codebook_links', 'documents', 'participants', 'participant_values', 'turns', 'coders']);
  const currentCoderId = useAppStore((s) => s.project?.currentCoderId ?? null);
  const blind = useAppStore((s) => s.project?.settings.blind ?? false);
  const participants = useWorkspace((s) => s.participants);
  const attributes = useWorkspace((s) => s.attributes);
  const coders = useWorkspace((s) => s.coders);
  const nodes = useWorkspace((s) => s.nodes);
  const filter = useTableFilter((s) => s.filter);
  const [table, setTable] = useState<AbstractionTable | null>(null);
  const [attributeId, setAttributeId] = useState('');
  const scroller = useRef<HTMLDivElement>(null);
  const tree = useMemo(() => flattenCodebook(nodes), [nodes]);

  // A whole study of tens of thousands of units is a lot to lay out at once: big studies open on the current document.
  useEffect(() => {
    const { documents: docs, documentId } = useWorkspace.getState();
    const units = docs.reduce((n, d) => n + d.units, 0);
    if (units > BIG_STUDY_UNITS && documentId && !useTableFilter.getState().filter.documentIds) setFilter({ documentIds: [documentId] });
  }, []);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => void attempt('table.abstraction', filter).then((t) => live && t && setTable(t)), 60);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [filter, changed]);

  const rows = table?.rows ?? [];
  // Keyed by unit, so a re-sorted table reuses each row's measured height instead of its position's.
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 64,
    overscan: 10,
    getItemKey: (i) => rows[i]?.unitId ?? i,
  });
  const attribute = attributes.find((a) => a.id === attributeId);
  const attributeValues = attribute
    ? attribute.choices.length
      ? attribute.choices
      : [...new Set(participants.map((p) => p.values[attribute.id]).filter((v): v is string => !!v))].sort()
    : [];

  const sortBy = (key: AbstractionSort) => setFilter(filter.sortBy === key ? { descending: !filter.descending } : { sortBy: key, descending: false });
  const arrow = (key: AbstractionSort) => (filter.sortBy === key ? (filter.descending ? ' ▼' : ' ▲') : '');
  const levelColumns = (table?.columns ?? []).map((level, i) => ({ key: `level${i}` as AbstractionSort, label: NODE_LEVEL_LABELS[level] }));
  const header = [...SORT_COLUMNS, ...levelColumns];

  return (
    <div className="abstraction">
      <div className="table-filters" role="group" aria-label="Filters">
        <DocumentFilterSelect label="Document" value={filter.documentIds} onChange={(documentIds) => setFilter({ documentIds })} />
        <label>
          Participant
          <select value={filter.participantIds?.[0] ?? ''} onChange={(e) => setFilter({ participantIds: e.target.value ? [e.target.value] : undefined })}>
            <option value="">Everyone</option>
            {participants.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label} ({p.pseudonym})
              </option>
            ))}
          </select>
        </label>
        <label>
          Attribute
          <select
            value={attributeId}
            onChange={(e) => {
              setAttributeId(e.target.value);
              setFilter({ attributes: undefined });
            }}
          >
            <option value="">—</option>
            {attributes.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        {attribute && (
          <label>
            {attribute.name} is
            <select
              value={filter.attributes?.[0]?.value ?? ''}
              onChange={(e) => setFilter({ attributes: e.target.value ? [{ attributeId: attribute.id, value: e.target.value }] : undefined })}
            >
              <option value="">any</option>
              {attributeValues.map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          Code or category
          <select value={filter.nodeIds?.[0] ?? ''} onChange={(e) => setFilter({ nodeIds: e.target.value ? [e.target.value] : undefined })}>
            <option value="">Any</option>
            {tree.map((r) => (
              <option key={r.path} value={r.node.id}>
                {'  '.repeat(r.depth)}
                {r.node.name}
              </option>
            ))}
          </select>
        </label>
        {!blind && (
          <label>
            Codings of
            <select value={filter.coder} onChange={(e) => setFilter({ coder: e.target.value })}>
              <option value="current">me</option>
              <option value="all">everyone</option>
              {coders
                .filter((c) => c.id !== currentCoderId)
                .map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
            </select>
          </label>
        )}
        <label className="inline">
          <input type="checkbox" checked={filter.codedOnly} onChange={(e) => setFilter({ codedOnly: e.target.checked })} /> Coded units only
        </label>
        <span className="spacer" />
        <span className="muted small" data-testid="table-count">
          {table ? `${rows.length} units` : 'Loading…'}
        </span>
        <button type="button" onClick={() => void exportTableCsv()}>
          Export CSV
        </button>
      </div>
      {/* The header row and the scrolling body are one table to assistive technology (the wrapper takes no box). */}
      <div className="abstraction-table" role="table" aria-label="Abstraction table">
        <div className="abstraction-grid" role="rowgroup" style={{ gridTemplateColumns: `110px 3fr 2fr 1.8fr ${levelColumns.map(() => '1.3fr').join(' ')}` }}>
          <div role="row" className="abstraction-head">
            {header.map((h) => (
              <div key={h.key} role="columnheader" aria-sort={filter.sortBy === h.key ? (filter.descending ? 'descending' : 'ascending') : 'none'}>
                <button type="button" className="sort-button" onClick={() => sortBy(h.key)}>
                  {h.label}
                  {arrow(h.key)}
                </button>
              </div>
            ))}
          </div>
        </div>
        <div className="abstraction-body" ref={scroller}>
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = rows[item.index];
              return (
                <div
                  key={row.unitId}
                  role="row"
                  data-index={item.index}
                  data-unit-id={row.unitId}
                  ref={virtualizer.measureElement}
                  className="abstraction-row"
                  style={{
                    position: 'absolute',
                    top: 0,
                    left: 0,
                    right: 0,
                    transform: `translateY(${item.start}px)`,
                    gridTemplateColumns: `110px 3fr 2fr 1.8fr ${levelColumns.map(() => '1.3fr').join(' ')}`,
                  }}
                >
                  <div role="cell" className="small">
                    <div>{row.pseudonym ?? row.speaker ?? '—'}</div>
                    <button
                      type="button"
                      className="link small"
                      title="Show in the transcript"
                      onClick={async () => {
                        if (useWorkspace.getState().documentId !== row.documentId) await openDocument(row.documentId);
                        selectUnit(row.unitId);
                        useAppStore.setState({ view: 'transcript' });
                      }}
                    >
                      {row.documentTitle}
                    </button>
                  </div>
                  <div role="cell" className="cell-text">
                    {row.text}
                  </div>
                  <div role="cell">
                    <CondensedCell row={row} />
                  </div>
                  <div role="cell" className="cell-codes">
                    {row.codes.map((c, i) => (
                      <span key={`${c.id}-${c.coderId}-${i}`} className="chip" style={{ borderColor: c.colour, background: `${c.colour}22` }} title={coders.find((x) => x.id === c.coderId)?.name}>
                        {c.name}
                        {c.coderId === currentCoderId && (
                          <button
                            type="button"
                            className="chip-remove"
                            aria-label={`Remove ${c.name}`}
                            onClick={async () => {
                              const r = await attempt('codings.remove', { target: { unitIds: [row.unitId] }, codeIds: [c.id] });
                              if (r) patchCodings(r);
                            }}
                          >
                            ×
                          </button>
                        )}
                      </span>
                    ))}
                    <button
                      type="button"
                      className="chip add-chip"
                      aria-label="Add a code"
                      onClick={() => useCoding.setState({ pickerOpen: true, pickerForUnits: [row.unitId], pickerForSelection: null })}
                    >
                      +
                    </button>
                  </div>
                  {row.levels.map((refs, i) => (
                    <div role="cell" key={i} className="small">
                      {refs.map((r) => r.name).join('; ')}
                    </div>
                  ))}
                </div>
              );
            })}
          </div>
          {table && rows.length === 0 && <NoRows />}
        </div>
      </div>
    </div>
  );
}

/** A study without meaning units yet says how to make them; otherwise the filters hide them. */
function NoRows() {
  const documents = useWorkspace((s) => s.documents);
  if (documents.length === 0) return <EmptyState commands={['document.import']}>No meaning units yet: import a transcript, then split it into meaning units.</EmptyState>;
  if (documents.every((d) => d.units === 0))
    return <EmptyState commands={['document.segment']}>No meaning units yet: open a transcript and split it into meaning units.</EmptyState>;
  return <p className="muted pad">No meaning units match these filters.</p>;
}
