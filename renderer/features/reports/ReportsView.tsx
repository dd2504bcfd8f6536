import { useEffect } from 'react';
import { REPORT_KINDS, REPORT_LABELS } from '../../../shared/api/methods/reports';
import { FieldError } from '../../components/Dialog';
import { cancelTask, TaskProgressBar } from '../../components/TaskProgress';
import { useAppStore } from '../../state/app-store';
import { useShallow } from '../../state/create-store';
import { ReportOptionsForm } from './ReportOptionsForm';
import { chooseReport, exportReport, loadPreview, optionsOf, setOption, useReports } from './reports-store';
import { SheetPreview, WordPreview } from './WordPreview';

const FORMAT_LABELS = { docx: 'Word (.docx)', xlsx: 'Excel (.xlsx)', csv: 'CSV (.csv)' } as const;

/** While discrepancies are open, the export waits for the author to say which codings to use. */
function ConsensusQuestion() {
  const consensus = useReports((s) => s.preview?.consensus ?? null);
  if (!consensus?.choiceNeeded) return null;
  return (
    <div className="report-warnings report-consensus" role="alert" aria-label="Open discrepancies">
      <p>
        <strong>
          {consensus.resolved} of {consensus.total} discrepancies resolved.
        </strong>{' '}
        The consensus is unfinished. Resolve the rest in Compare and export then, or choose what to use now; the choice is printed with the tables.
      </p>
      <div className="row">
        <button type="button" onClick={() => setOption('coder', 'consensus')}>
          Use the consensus as it stands
        </button>
        <button type="button" onClick={() => setOption('coder', 'merged')}>
          Use all coders’ codings, merged
        </button>
      </div>
    </div>
  );
}

function ExportBar() {
  const { preview, exporting, exported, problem } = useReports(
    useShallow((s) => ({ preview: s.preview, exporting: s.exporting, exported: s.exported, problem: s.exportProblem })),
  );
  if (!preview) return null;
  const waiting = preview.consensus?.choiceNeeded ?? false;
  return (
    <div className="report-export" role="group" aria-label="Export">
      {preview.formats.map((f) => (
        <button key={f} type="button" className={f === preview.formats[0] ? 'primary' : undefined} disabled={exporting !== null || waiting} onClick={() => void exportReport(f)}>
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
        <ConsensusQuestion />
        <ExportBar />
        <Preview />
      </div>
    </div>
  );
}
