import { useState } from 'react';
import type { AgreementReport } from '../../../shared/api/methods/agreement';
import { agreementHeading, agreementTables, type FigureCell, type FigureTable } from '../../../shared/format/agreement-format';

/** A withheld value says why, and shows its number when asked; an undefined one says why on hover. */
function ValueCell({ cell }: { cell: FigureCell }) {
  const [open, setOpen] = useState(false);
  if (cell.withheld !== undefined) {
    return (
      <td className="num withheld-value">
        <button type="button" className="link" aria-expanded={open} title={`${cell.reason ?? ''}. Click to show the value anyway.`} onClick={() => setOpen(!open)}>
          {open ? (cell.withheld ?? 'no value') : cell.text}
        </button>
        {/* Below the number, wrapped, so an opened value does not widen its column. */}
        {open && (
          <span className="muted small" style={{ display: 'block', whiteSpace: 'normal', maxWidth: '10em', marginLeft: 'auto' }}>
            {cell.reason}
          </span>
        )}
      </td>
    );
  }
  return (
    <td className={cell.reason ? 'num undefined-value' : 'num'} title={cell.reason ? `Undefined: ${cell.reason}` : undefined}>
      {cell.text}
    </td>
  );
}

function FigureTableView({ table }: { table: FigureTable }) {
  return (
    <table className="data-table figures" aria-label={table.title}>
      <thead>
        <tr>
          {table.columns.map((c, i) => (
            <th key={i} className={i === 0 ? 'label' : 'num'}>
              {c}
            </th>
          ))}
          <th />
        </tr>
      </thead>
      <tbody>
        {table.rows.map((r, i) => (
          <tr key={`${r.label}-${i}`} className={r.label.startsWith('Pooled') ? 'pooled' : r.label.startsWith('Mean') || r.label.startsWith('Median') || r.label.startsWith('Range') ? 'averaged' : ''}>
            <td className="label">{r.label}</td>
            {r.cells.map((c, j) => (
              <ValueCell key={j} cell={c} />
            ))}
            <td>{r.flag && <span className={r.flag === 'too few to judge' ? 'flag rare' : 'flag'}>{r.flag}</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The agreement figures at the top of the Compare tab: per code first, then all codes, then the breakdowns. */
export function FiguresPanel({ report }: { report: AgreementReport }) {
  const tables = agreementTables(report);
  const main = tables.filter((t) => ['codes', 'overall', 'char-codes', 'char-overall', 'multi-codes', 'multi-overall', 'unitizing-codes', 'unitizing-overall'].includes(t.id));
  const more = tables.filter((t) => !main.includes(t));
  const [heading, scope, documents] = agreementHeading(report);
  return (
    <details className="figures-panel" aria-label="Agreement figures" open>
      <summary className="figures-heading">
        <strong>{heading}</strong>
        <br />
        <span className="small scope-line" data-testid="agreement-scope">
          {scope}
        </span>
        <br />
        <span className="muted small">{documents}</span>
      </summary>
      {report.scope.warnings.length > 0 && (
        <ul className="small scope-warnings" aria-label="What the comparison left out or assumed">
          {report.scope.warnings.map((w) => (
            <li key={w} role="note">
              ⚠ {w}
            </li>
          ))}
        </ul>
      )}
      {main.map((t) => (
        <div key={t.id}>
          <h3 className="section-title">{t.title}</h3>
          <FigureTableView table={t} />
          {t.note && <p className="muted small">{t.note}</p>}
        </div>
      ))}
      {more.length > 0 && (
        <details>
          <summary>By codebook level, document and participant group</summary>
          {more.map((t) => (
            <div key={t.id}>
              <h3 className="section-title">{t.title}</h3>
              <FigureTableView table={t} />
            </div>
          ))}
        </details>
      )}
      <details>
        <summary>How these figures are computed</summary>
        <ul className="small">
          {report.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      </details>
    </details>
  );
}
