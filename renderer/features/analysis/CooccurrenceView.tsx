import { useMemo } from 'react';
import type { CooccurrenceCell } from '../../../shared/api/methods/analysis';
import { NODE_LEVEL_LABELS } from '../../../shared/domain/vocabulary';
import { attempt } from '../../state/app-store';
import { LEVEL_PLURALS, type PassageRequest, patchAnalysis, showPassages, useAnalysis } from './analysis-store';
import { ExportButtons } from './ExportButtons';
import { Heatmap } from './Heatmap';
import { LevelSelect } from './LevelSelect';
import { countOf, PassageButton, useShownPassageKey } from './PassageButton';
import { PassageList } from './PassageList';
import { useAnalysisQuery } from './use-analysis-query';

export function CooccurrenceView() {
  const filter = useAnalysis((s) => s.filter);
  const options = useAnalysis((s) => s.cooccurrence);
  const shownKey = useShownPassageKey();
  const params = { filter, level: options.level, mode: options.mode };
  const { data } = useAnalysisQuery('analysis.cooccurrence', params);

  // The heatmap shows the nodes that occur at all, in codebook order.
  const shown = useMemo(() => (data ? data.nodes.map((n, i) => ({ n, i })).filter((x) => x.n.units > 0) : []), [data]);
  const lookup = useMemo(() => {
    const m = new Map<string, CooccurrenceCell>();
    for (const c of data?.cells ?? []) m.set(`${c.a}:${c.b}`, c);
    return m;
  }, [data]);
  const cellOf = (a: number, b: number) => lookup.get(a < b ? `${a}:${b}` : `${b}:${a}`);

  const requestOf = (c: CooccurrenceCell): PassageRequest => {
    const what = data?.mode === 'unit' ? countOf(c.count, 'unit', 'units') : countOf(c.count, 'overlapping stretch', 'overlapping stretches');
    return {
      key: `cooc:${c.a}:${c.b}`,
      title: `${data?.nodes[c.a].name} × ${data?.nodes[c.b].name}: ${what}`,
      query: data?.mode === 'unit' ? { unitIds: c.unitIds } : { ranges: c.ranges },
    };
  };
  const selectedKey = shownKey?.startsWith('cooc:') ? shownKey.split(':').slice(1).map(Number) : null;

  return (
    <div className="analysis-pane">
      <div className="toolbar analysis-options">
        <LevelSelect label="Nodes" name="Nodes" value={options.level} onChange={(level) => patchAnalysis('cooccurrence', { level })} />
        <label className="inline">
          Together when
          <select aria-label="Together when" value={options.mode} onChange={(e) => patchAnalysis('cooccurrence', { mode: e.target.value as 'unit' | 'overlap' })}>
            <option value="unit">on the same meaning unit</option>
            <option value="overlap">their coded text overlaps</option>
          </select>
        </label>
        <span className="spacer" />
        {data && <span className="muted small">Codings: {data.source}</span>}
        <ExportButtons exportAs={(format) => attempt('analysis.exportCooccurrence', { ...params, format })} />
      </div>
      {!data ? (
        <p className="muted pad">Counting…</p>
      ) : (
        <div className="analysis-scroll cooccurrence">
          {data.cells.length === 0 ? (
            <p className="muted pad">No two {LEVEL_PLURALS[options.level].toLowerCase()} were applied together by one coder here.</p>
          ) : (
            <div className="cooc-layout">
              <p className="muted small table-note">
                Darker cells: more {data.mode === 'unit' ? 'units' : 'overlaps'} where one coder applied both. The grey diagonal is each {NODE_LEVEL_LABELS[options.level].toLowerCase()}’s own count. Click a cell or a row to list the units.
              </p>
              <Heatmap
                title={`Co-occurrence of ${LEVEL_PLURALS[options.level].toLowerCase()}`}
                labels={shown.map((x) => x.n.name)}
                value={(r, c) => (r === c ? shown[r].n.units : (cellOf(shown[r].i, shown[c].i)?.count ?? 0))}
                selected={selectedKey ? [shown.findIndex((x) => x.i === selectedKey[0]), shown.findIndex((x) => x.i === selectedKey[1])] : null}
                onSelect={(r, c) => {
                  const cell = r !== c ? cellOf(shown[r].i, shown[c].i) : undefined;
                  if (cell) showPassages(requestOf(cell));
                }}
              />
              <table className="data-table analysis-table" aria-label="Co-occurrence">
                <thead>
                  <tr>
                    <th>{NODE_LEVEL_LABELS[options.level]}</th>
                    <th>with</th>
                    <th className="num">{data.mode === 'unit' ? 'Units' : 'Overlaps'}</th>
                    {data.mode === 'unit' && (
                      <th className="num" title="Units with both ÷ units with either">
                        Jaccard
                      </th>
                    )}
                  </tr>
                </thead>
                <tbody>
                  {data.cells.map((c) => (
                    <tr
                      key={`${c.a}:${c.b}`}
                      className={`clickable${selectedKey && selectedKey[0] === c.a && selectedKey[1] === c.b ? ' selected' : ''}`}
                      data-pair={`${data.nodes[c.a].name} × ${data.nodes[c.b].name}`}
                      onClick={() => showPassages(requestOf(c))}
                    >
                      <td>
                        <span className="swatch" style={{ background: data.nodes[c.a].colour }} /> {data.nodes[c.a].name}
                      </td>
                      <td>
                        <span className="swatch" style={{ background: data.nodes[c.b].colour }} /> {data.nodes[c.b].name}
                      </td>
                      <td className="num">
                        <PassageButton request={requestOf(c)}>{c.count}</PassageButton>
                      </td>
                      {data.mode === 'unit' && <td className="num">{c.jaccard === null ? '—' : c.jaccard.toFixed(2)}</td>}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <PassageList />
        </div>
      )}
    </div>
  );
}
