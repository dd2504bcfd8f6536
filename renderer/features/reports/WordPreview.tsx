import { useEffect, useRef, useState } from 'react';
import type { ReportBlock, ReportDocument, ReportPara, ReportSheet, ReportTable } from '../../../shared/api/methods/reports';

function Para({ para }: { readonly para: ReportPara }) {
  const style = para.style ?? 'normal';
  return (
    <p className={`wp-para wp-${style}`} style={para.indent ? { paddingLeft: `${para.indent * 1.2}em` } : undefined}>
      {para.runs.map((r, i) => (
        <span key={i} style={{ fontWeight: r.bold ? 700 : r.bold === false ? 400 : undefined, fontStyle: r.italic ? 'italic' : undefined }}>
          {r.text}
        </span>
      ))}
    </p>
  );
}

function Table({ table }: { readonly table: ReportTable }) {
  const total = table.columns.reduce((s, c) => s + c.width, 0);
  return (
    <figure className="wp-figure">
      <figcaption className="wp-caption">
        <strong>Table {table.number}.</strong> <em>{table.title}</em>
      </figcaption>
      <table className="wp-table" aria-label={`Table ${table.number}. ${table.title}`}>
        <colgroup>
          {table.columns.map((c, i) => (
            <col key={i} style={{ width: `${(100 * c.width) / total}%` }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {table.columns.map((c, i) => (
              <th key={i} scope="col">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r, i) => (
            <tr key={i} className={r.group ? 'wp-group' : undefined}>
              {r.cells.map((c, j) => (
                <td key={j} colSpan={c.span ?? 1}>
                  {c.paras.map((p, k) => (
                    <Para key={k} para={p} />
                  ))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {table.totalRows > table.rows.length && (
        <p className="wp-more" role="note">
          … and {table.totalRows - table.rows.length} more rows in the export.
        </p>
      )}
      {table.note && (
        <p className="wp-note">
          <em>Note.</em> {table.note}
        </p>
      )}
    </figure>
  );
}

function Block({ block }: { readonly block: ReportBlock }) {
  if (block.kind === 'heading') {
    const H = `h${block.level + 1}` as 'h2' | 'h3' | 'h4';
    return <H className={`wp-h${block.level}`}>{block.text}</H>;
  }
  if (block.kind === 'paragraph') return <Para para={block.para} />;
  return <Table table={block} />;
}

// Pages keep the proportions of A4 (portrait 680 px, landscape 960 px wide) and shrink to fit the pane.
const PAGE_WIDTH = { portrait: 680, landscape: 960 } as const;

function useFitScale(widest: number) {
  const ref = useRef<HTMLDivElement>(null);
  const [scale, setScale] = useState(1);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const fit = () => setScale(Math.min(1, Math.max(0.6, (el.clientWidth - 16) / widest)));
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(el);
    return () => observer.disconnect();
  }, [widest]);
  return { ref, scale };
}

/** The report laid out as Word will show it: pages in their orientation, captions, rules, notes. */
export function WordPreview({ document }: { readonly document: ReportDocument }) {
  const widest = Math.max(...document.sections.map((s) => PAGE_WIDTH[s.orientation]));
  const { ref, scale } = useFitScale(widest);
  return (
    <div ref={ref} className="wp-fit">
      <div className="wp-pages" aria-label="Word preview" style={{ zoom: scale }}>
        {document.sections.map((s, i) => (
          <section key={i} className={`wp-page wp-${s.orientation}`} aria-label={`${s.orientation === 'landscape' ? 'Landscape' : 'Portrait'} page`}>
            {s.blocks.map((b, j) => (
              <Block key={j} block={b} />
            ))}
          </section>
        ))}
      </div>
    </div>
  );
}

/** The first rows of a spreadsheet export. */
export function SheetPreview({ sheet }: { readonly sheet: ReportSheet }) {
  return (
    <div className="sheet-preview">
      <h3 className="small muted">
        Sheet “{sheet.name}” · {sheet.totalRows} rows{sheet.totalRows > sheet.rows.length ? ` (first ${sheet.rows.length} shown)` : ''}
      </h3>
      <div className="sheet-scroll">
        <table className="data-table sheet-table" aria-label={`Sheet ${sheet.name}`}>
          <thead>
            <tr>
              {sheet.columns.map((c, i) => (
                <th key={i}>{c}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sheet.rows.map((r, i) => (
              <tr key={i}>
                {r.map((v, j) => (
                  <td key={j}>{v ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
