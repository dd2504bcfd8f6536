import { useMemo } from 'react';
import { CELL_DISPLAYS, type CellDisplay, MATRIX_MEASURES, type MatrixMeasure } from '../../../shared/api/methods/analysis';
import { cellValue, formatCellValue } from '../../../shared/domain/matrix-cells';
import { NODE_LEVEL_LABELS } from '../../../shared/domain/vocabulary';
import { attempt } from '../../state/app-store';
import { LEVEL_PLURALS, patchAnalysis, splitFromKey, splitKey, useAnalysis } from './analysis-store';
import { ExportButtons } from './ExportButtons';
import { LevelSelect } from './LevelSelect';
import { countOf, PassageButton, useShownPassageKey } from './PassageButton';
import { PassageList } from './PassageList';
import { SplitSelect } from './SplitSelect';
import { useAnalysisQuery } from './use-analysis-query';
import { EmptyState } from '../../components/EmptyState';

const DISPLAY_LABELS: Readonly<Record<CellDisplay, string>> = { counts: 'Counts', row: 'Row %', column: 'Column %' };
const MEASURE_LABELS: Readonly<Record<MatrixMeasure, string>> = { units: 'Meaning units', participants: 'Participants', codings: 'Codings' };

export function MatrixView() {
  const filter = useAnalysis((s) => s.filter);
  const options = useAnalysis((s) => s.matrix);
  const shownKey = useShownPassageKey();
  const params = { filter, level: options.level, columns: options.columns, measure: options.measure };
  const { data } = useAnalysisQuery('analysis.matrix', params);
  const max = useMemo(() => {
    if (!data) return 1;
    let m = 0;
    data.cells.forEach((row, i) => row.forEach((c, j) => (m = Math.max(m, cellValue(options.display, c.count, data.rowTotals[i], data.columnTotals[j])))));
    return m || 1;
  }, [data, options.display]);

  return (
    <div className="analysis-pane">
      <div className="toolbar analysis-options">
        <LevelSelect label="Rows" name="Rows" value={options.level} onChange={(level) => patchAnalysis('matrix', { level })} />
        <SplitSelect label="Columns" value={splitKey(options.columns)} onChange={(k) => patchAnalysis('matrix', { columns: splitFromKey(k) })} />
        <label className="inline">
          Count
          <select aria-label="Count" value={options.measure} onChange={(e) => patchAnalysis('matrix', { measure: e.target.value as MatrixMeasure })}>
            {MATRIX_MEASURES.map((m) => (
              <option key={m} value={m}>
                {MEASURE_LABELS[m]}
              </option>
            ))}
          </select>
        </label>
        <span className="segmented" role="radiogroup" aria-label="Show">
          {CELL_DISPLAYS.map((d) => (
            <button
              key={d}
              type="button"
              role="radio"
              aria-checked={options.display === d}
              className={options.display === d ? 'active' : ''}
              onClick={() => patchAnalysis('matrix', { display: d })}
            >
              {DISPLAY_LABELS[d]}
            </button>
          ))}
        </span>
        <span className="spacer" />
        <ExportButtons exportAs={(format) => attempt('analysis.exportMatrix', { ...params, display: options.display, format })} />
      </div>
      {!data ? (
        <p className="muted pad">Counting…</p>
      ) : data.rows.length === 0 ? (
        <EmptyState commands={['codebook.newCode', 'view.codebook']}>The codebook has no {LEVEL_PLURALS[options.level].toLowerCase()}.</EmptyState>
      ) : (
        <div className="analysis-scroll">
          <table className="data-table analysis-table matrix" aria-label="Matrix">
            <thead>
              <tr>
                <th>{NODE_LEVEL_LABELS[options.level]}</th>
                {data.columns.map((c) => (
                  <th key={c.key} className="num">
                    {c.label}
                  </th>
                ))}
                <th className="num total">Total</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r, i) => (
                <tr key={r.nodeId} data-node={r.name}>
                  <th scope="row">
                    <span className="swatch" style={{ background: r.colour }} /> {r.name}
                  </th>
                  {data.cells[i].map((c, j) => {
                    const v = cellValue(options.display, c.count, data.rowTotals[i], data.columnTotals[j]);
                    const key = `matrix:${r.nodeId}:${data.columns[j].key}`;
                    const selected = shownKey === key;
                    return (
                      <td key={data.columns[j].key} className={`num matrix-cell${c.count === 0 ? ' zero' : ''}${selected ? ' selected' : ''}`} data-column={data.columns[j].label}>
                        <span className="heat" style={{ opacity: v > 0 ? 0.06 + 0.3 * (v / max) : 0 }} />
                        {c.unitIds.length > 0 ? (
                          <PassageButton
                            hint={`${c.unitIds.length} units — click to list them`}
                            request={{ key, title: `${r.name} × ${data.columns[j].label}: ${countOf(c.unitIds.length, 'unit', 'units')}`, query: { unitIds: c.unitIds } }}
                          >
                            {formatCellValue(options.display, v)}
                          </PassageButton>
                        ) : (
                          <span className="value">{formatCellValue(options.display, v)}</span>
                        )}
                      </td>
                    );
                  })}
                  <td className="num total">{data.rowTotals[i]}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Total</th>
                {data.columnTotals.map((t, j) => (
                  <td key={data.columns[j].key} className="num total">
                    {t}
                  </td>
                ))}
                <td className="num total">{data.total}</td>
              </tr>
            </tfoot>
          </table>
          <p className="muted small table-note">
            {MEASURE_LABELS[options.measure]} from {data.source}. A unit counts once per cell however many codes beneath the row it carries; totals count each
            unit once{options.display === 'counts' ? '' : `, and percentages are of the ${options.display} total`}. Click a number to list its units.
          </p>
          <PassageList />
        </div>
      )}
    </div>
  );
}
