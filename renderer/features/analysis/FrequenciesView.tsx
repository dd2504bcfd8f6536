import { useMemo } from 'react';
import type { FrequencyRow, Tally } from '../../../shared/api/methods/analysis';
import { formatRanges } from '../../../shared/domain/number-ranges';
import { NODE_LEVEL_LABELS, NODE_LEVELS, type NodeLevel } from '../../../shared/domain/vocabulary';
import { useWorkspace } from '../../state/workspace-store';
import { type FrequencyMeasure, patchAnalysis, splitFromKey, splitKey, useAnalysis } from './analysis-store';
import { LEVEL_PLURALS } from './analysis-store';
import { BarChart } from './BarChart';
import { SplitSelect } from './SplitSelect';
import { useAnalysisQuery } from './use-analysis-query';

const MEASURES: readonly { key: FrequencyMeasure; label: string }[] = [
  { key: 'units', label: 'Units' },
  { key: 'participants', label: 'Participants' },
  { key: 'documents', label: 'Documents' },
  { key: 'codings', label: 'Codings' },
];

const value = (t: Tally, m: FrequencyMeasure) => t[m];

export function FrequenciesView() {
  const filter = useAnalysis((s) => s.filter);
  const options = useAnalysis((s) => s.frequencies);
  const nodes = useWorkspace((s) => s.nodes);
  const { data } = useAnalysisQuery('analysis.frequencies', { filter, split: options.split });
  const levels = useMemo(() => NODE_LEVELS.filter((l) => nodes.some((n) => n.level === l)), [nodes]);
  const measureLabel = MEASURES.find((m) => m.key === options.measure)!.label.toLowerCase();
  const attributes = useWorkspace((s) => s.attributes);
  const split = options.split;
  const splitLabel =
    split.kind === 'attribute' ? (attributes.find((a) => a.id === split.attributeId)?.name.toLowerCase() ?? 'attribute') : split.kind === 'group' ? 'document group' : 'document';

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
        <label className="inline">
          of
          <select aria-label="Chart level" value={options.chartLevel} onChange={(e) => patchAnalysis('frequencies', { chartLevel: e.target.value as NodeLevel | 'all' })}>
            {levels.map((l) => (
              <option key={l} value={l}>
                {LEVEL_PLURALS[l]}
              </option>
            ))}
            <option value="all">Every node</option>
          </select>
        </label>
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
                <tr key={r.nodeId} className={`level-${r.level}`} data-node={r.name}>
                  <th scope="row" style={{ paddingLeft: 10 + r.depth * 16 }}>
                    <span className="swatch" style={{ background: r.colour }} /> <span className="node-name" title={NODE_LEVEL_LABELS[r.level]}>{r.name}</span>
                  </th>
                  {r.byColumn.map((t, j) => (
                    <td key={data.columns[j].key} className={`num split-column${value(t, options.measure) === 0 ? ' zero' : ''}`} data-column={data.columns[j].label}>
                      {value(t, options.measure)}
                    </td>
                  ))}
                  <td className="num" data-measure="units">{r.total.units}</td>
                  <td className="num" data-measure="participants">{r.total.participants}</td>
                  <td className="num" data-measure="documents">{r.total.documents}</td>
                  <td className="num" data-measure="codings">{r.total.codings}</td>
                  {options.sources && <td className="small">{formatRanges(r.sources)}</td>}
                </tr>
              ))}
            </tbody>
          </table>
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
