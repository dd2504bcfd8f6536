import { useEffect } from 'react';
import { REPORT_KINDS, REPORT_LABELS } from '../../../shared/api/methods/reports';
import { FieldError } from '../../components/Dialog';
import { cancelTask, TaskProgressBar } from '../../components/TaskProgress';
import { useAppStore } from '../../state/app-store';
import { useShallow } from '../../state/create-store';
import { ReportOptionsForm } from './ReportOptionsForm';
import { chooseReport, exportReport, loadPreview, optionsOf, useReports } from './reports-store';
import { SheetPreview, WordPreview } from './WordPreview';

const FORMAT_LABELS = { docx: 'Word (.docx)', xlsx: 'Excel (.xlsx)', csv: 'CSV (.csv)' } as const;

function ExportBar() {
  const { preview, exporting, exported, problem } = useReports(
    useShallow((s) => ({ preview: s.preview, exporting: s.exporting, exported: s.exported, problem: s.exportProblem })),
  );
  if (!preview) return null;
  return (
    <div className="report-export" role="group" aria-label="Export">
      {preview.formats.map((f) => (
        <button key={f} type="button" className={f === preview.formats[0] ? 'primary' : undefined} disabled={exporting !== null} onClick={() => void exportReport(f)}>
          {exporting === f ? 'Saving…' : `Export ${FORMAT_LABELS[f]}`}
        </button>
      ))}
      {exporting && (
        <>
          <TaskProgressBar />
          <button type="button" onClick={cancelTask}>
            Cancel
          </button>
        </>
      )}
      <FieldError message={problem} />
      {exported && (
        <span className="report-saved" role="status">
          Saved to <code>{exported.path}</code> ·{' '}
          <a href={exported.url} download={exported.fileName}>
            Download {exported.fileName}
          </a>
        </span>
      )}
    </div>
  );
}

function Preview() {
  const { preview, loading } = useReports(useShallow((s) => ({ preview: s.preview, loading: s.loading })));
  if (!preview) return <p className="muted pad">{loading ? 'Preparing the preview…' : 'No preview yet.'}</p>;
  return (
    <div className={loading ? 'report-preview stale' : 'report-preview'} aria-busy={loading}>
      <p className="small muted report-source">Codings: {preview.source}</p>
      {preview.warnings.length > 0 && (
        <ul className="report-warnings" aria-label="Before you export">
          {preview.warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      )}
      {preview.document ? <WordPreview document={preview.document} /> : preview.sheets.map((s, i) => <SheetPreview key={i} sheet={s} />)}
    </div>
  );
}

/** Reports: pick a table, set its options, see it as Word will show it, export it in one click. */
export function ReportsView() {
  const kind = useReports((s) => s.kind);
  const options = useReports(optionsOf);
  const revision = useAppStore((s) => s.revision);

  useEffect(() => {
    const t = setTimeout(() => void loadPreview(), 150);
    return () => clearTimeout(t);
  }, [kind, options, revision]);

  return (
    <div className="reports">
      <aside className="reports-side" aria-label="Report and options">
        <h3>Report</h3>
        <ul className="report-kinds" role="listbox" aria-label="Reports">
          {REPORT_KINDS.map((k) => (
            <li key={k}>
              <button type="button" role="option" aria-selected={k === kind} className={k === kind ? 'report-kind active' : 'report-kind'} onClick={() => chooseReport(k)}>
                {REPORT_LABELS[k]}
              </button>
            </li>
          ))}
        </ul>
        <h3>Options</h3>
        <ReportOptionsForm />
      </aside>
      <div className="reports-main">
        <ExportBar />
        <Preview />
      </div>
    </div>
  );
}
