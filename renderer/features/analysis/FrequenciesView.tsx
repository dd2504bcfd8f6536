import { useMemo } from 'react';
import type { FrequencyRow, Tally } from '../../../shared/api/methods/analysis';
import { formatRanges } from '../../../shared/domain/number-ranges';
import { NODE_LEVEL_LABELS } from '../../../shared/domain/vocabulary';
import { useWorkspace } from '../../state/workspace-store';
import { type FrequencyMeasure, type PassageRequest, patchAnalysis, showPassages, splitFromKey, splitKey, useAnalysis } from './analysis-store';
import { BarChart } from './BarChart';
import { LevelSelect } from './LevelSelect';
import { countOf, PassageButton, useShownPassageKey } from './PassageButton';
import { PassageList } from './PassageList';
import { SplitSelect } from './SplitSelect';
import { useAnalysisQuery } from './use-analysis-query';

const MEASURES: readonly { key: FrequencyMeasure; label: string }[] = [
  { key: 'units', label: 'Units' },
  { key: 'participants', label: 'Participants' },
  { key: 'documents', label: 'Documents' },
  { key: 'codings', label: 'Codings' },
];

const value = (t: Tally, m: FrequencyMeasure) => t[m];
const EVERY_NODE = [{ value: 'all', label: 'Every node' }] as const;
const unitsKey = (r: FrequencyRow) => `freq:${r.nodeId}`;

export function FrequenciesView() {
  const filter = useAnalysis((s) => s.filter);
  const options = useAnalysis((s) => s.frequencies);
  const shownKey = useShownPassageKey();
  const { data } = useAnalysisQuery('analysis.frequencies', { filter, split: options.split });
  const measureLabel = MEASURES.find((m) => m.key === options.measure)!.label.toLowerCase();
  const attributes = useWorkspace((s) => s.attributes);
  const split = options.split;
  const splitLabel =
    split.kind === 'attribute' ? (attributes.find((a) => a.id === split.attributeId)?.name.toLowerCase() ?? 'attribute') : split.kind === 'group' ? 'document group' : 'document';

  // The units a row counts, found by the core under the same filter (the table holds only the counts).
  const unitsOf = (r: FrequencyRow): PassageRequest => ({
    key: unitsKey(r),
    title: `${r.name}: ${countOf(r.total.units, 'unit', 'units')}`,
    query: { node: { nodeId: r.nodeId, filter } },
  });

  const chartRows = useMemo(() => {
    const rows = (data?.rows ?? []).filter((r) => options.chartLevel === 'all' || r.level === options.chartLevel);
    return rows.map((r: FrequencyRow) => ({
      id: r.nodeId,
      label: r.name,
      colour: r.colour,
      values: data && data.columns.length > 0 ? r.byColumn.map((t) => value(t, options.measure)) : [value(r.total, options.measure)],
    }));
  }, [data, options.chartLevel, options.measure]);

  return (
    <div className="analysis-pane">
      <div className="toolbar analysis-options">
        <SplitSelect label="Split by" value={splitKey(options.split)} allowNone onChange={(k) => patchAnalysis('frequencies', { split: splitFromKey(k) })} />
        <label className="inline">
          Chart
          <select aria-label="Chart measure" value={options.measure} onChange={(e) => patchAnalysis('frequencies', { measure: e.target.value as FrequencyMeasure })}>
            {MEASURES.map((m) => (
              <option key={m.key} value={m.key}>
                {m.label}
              </option>
            ))}
          </select>
        </label>
        <LevelSelect
          label="of"
          name="Chart level"
          value={options.chartLevel}
          extra={EVERY_NODE}
          onChange={(chartLevel) => patchAnalysis('frequencies', { chartLevel })}
        />
        <label className="inline">
          <input type="checkbox" checked={options.sources} onChange={(e) => patchAnalysis('frequencies', { sources: e.target.checked })} /> Sources (document numbers)
        </label>
        <span className="spacer" />
        {data && <span className="muted small">Codings: {data.source}</span>}
      </div>
      {!data ? (
        <p className="muted pad">Counting…</p>
      ) : (
        <div className="analysis-scroll">
          <table className="data-table analysis-table" aria-label="Frequencies">
            <thead>
              {data.columns.length > 0 && (
                <tr className="two-rows">
                  <th />
                  <th colSpan={data.columns.length} className="group-head">
                    {MEASURES.find((m) => m.key === options.measure)!.label} by {splitLabel}
                  </th>
                  <th colSpan={options.sources ? 5 : 4} className="group-head">
                    In total
                  </th>
                </tr>
              )}
              <tr>
                <th>Node</th>
                {data.columns.map((c) => (
                  <th key={c.key} className="num split-column" title={`${measureLabel} — ${c.label}`}>
                    {c.label}
                  </th>
                ))}
                <th className="num">Units</th>
                <th className="num">Participants</th>
                <th className="num">Documents</th>
                <th className="num">Codings</th>
                {options.sources && <th>Sources</th>}
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => (
                <tr
                  key={r.nodeId}
                  className={`level-${r.level}${r.total.units > 0 ? ' clickable' : ''}${shownKey === unitsKey(r) ? ' selected' : ''}`}
                  data-node={r.name}
                  onClick={r.total.units > 0 ? () => showPassages(unitsOf(r)) : undefined}
                >
                  <th scope="row" style={{ paddingLeft: 10 + r.depth * 16 }}>
                    <span className="swatch" style={{ background: r.colour }} /> <span className="node-name" title={NODE_LEVEL_LABELS[r.level]}>{r.name}</span>
                  </th>
                  {r.byColumn.map((t, j) => (
                    <td key={data.columns[j].key} className={`num split-column${value(t, options.measure) === 0 ? ' zero' : ''}`} data-column={data.columns[j].label}>
                      {value(t, options.measure)}
                    </td>
                  ))}
                  <td className="num" data-measure="units">
                    {r.total.units > 0 ? <PassageButton request={unitsOf(r)}>{r.total.units}</PassageButton> : 0}
                  </td>
                  <td className="num" data-measure="participants">{r.total.participants}</td>
                  <td className="num" data-measure="documents">{r.total.documents}</td>
                  <td className="num" data-measure="codings">{r.total.codings}</td>
                  {options.sources && <td className="small">{formatRanges(r.sources)}</td>}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted small table-note">Units, participants and documents count a node’s own codings and those of every code beneath it. Click a row to list its units.</p>
          <PassageList />
          <BarChart
            title={`${MEASURES.find((m) => m.key === options.measure)!.label} per ${options.chartLevel === 'all' ? 'node' : NODE_LEVEL_LABELS[options.chartLevel].toLowerCase()}${data.columns.length > 0 ? `, by ${splitLabel}` : ''}`}
            rows={chartRows}
            series={data.columns.map((c) => c.label)}
          />
        </div>
      )}
    </div>
  );
}
