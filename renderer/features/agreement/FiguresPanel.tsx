import type { AgreementReport } from '../../../shared/api/methods/agreement';
import { agreementHeading, agreementTables, type FigureTable } from '../../../shared/format/agreement-format';

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
              <td key={j} className={c.reason ? 'num undefined-value' : 'num'} title={c.reason ? `Undefined: ${c.reason}` : undefined}>
                {c.text}
              </td>
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
  const main = tables.filter((t) => ['codes', 'overall', 'char-codes', 'char-overall', 'multi-codes', 'multi-overall'].includes(t.id));
  const more = tables.filter((t) => !main.includes(t));
  const [heading, compared] = agreementHeading(report);
  return (
    <details className="figures-panel" aria-label="Agreement figures" open>
      <summary className="figures-heading">
        <strong>{heading}</strong>
        <br />
        <span className="muted small">{compared}</span>
      </summary>
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
