import { useEffect, useState } from 'react';
import { REPORT_KINDS, REPORT_LABELS, type PrintedName } from '../../../shared/api/methods/reports';
import { FieldError } from '../../components/Dialog';
import { cancelTask, TaskProgressBar } from '../../components/TaskProgress';
import { useTablesVersion } from '../../state/query-cache';
import { useShallow } from '../../state/create-store';
import { ReportOptionsForm } from './ReportOptionsForm';
import { checkNames, chooseReport, exportReport, loadPreview, optionsOf, setOption, useReports } from './reports-store';
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

const PLACE_WORDS: Readonly<Record<PrintedName['places'][number], string>> = {
  'project title': 'Project title',
  'document title': 'Document title',
  session: 'Session',
  group: 'Group',
};

/**
 * Pseudonyms on: every title, session and group name the report prints, as it will print. Names
 * nobody has checked hold the export back until the author checks them (and renames any that
 * name a person); checked names can be changed again.
 */
function NamesCheck() {
  const names = useReports((s) => s.preview?.names);
  const accepted = useReports((s) => optionsOf(s).namesChecked ?? false);
  const [edits, setEdits] = useState<Readonly<Record<string, string>>>({});
  const [showChecked, setShowChecked] = useState(false);
  if (!names || names.length === 0) return null;
  const unchecked = names.filter((n) => !n.checked);
  if (unchecked.length === 0 && !showChecked) {
    return (
      <p className="small muted">
        {names.length === 1 ? 'The one title or session name' : `All ${names.length} titles and session names`} in this report {names.length === 1 ? 'is' : 'are'} checked.{' '}
        <button type="button" className="link" onClick={() => setShowChecked(true)}>
          Review them
        </button>
      </p>
    );
  }
  const shown = showChecked ? names : unchecked;
  const printedOf = (n: PrintedName) => edits[n.original] ?? n.printed;
  const blank = shown.some((n) => !printedOf(n).trim());
  const save = async () => {
    if (await checkNames(shown.map((n) => ({ original: n.original, printed: printedOf(n).trim() })))) {
      setEdits({});
      setShowChecked(false);
    }
  };
  return (
    <section className={unchecked.length > 0 && !accepted ? 'report-warnings report-names' : 'report-names'} aria-label="Names in this report">
      <p>
        <strong>Names in this report.</strong> Pseudonyms are on, so check that no title, session or group name below names a person, and change how it prints where one does.
        Participants’ labels are already replaced by their pseudonyms. Your choice is kept with the project and used by every export.
      </p>
      <table className="names-table">
        <thead>
          <tr>
            <th scope="col">Where</th>
            <th scope="col">In the project</th>
            <th scope="col">Prints as</th>
            <th scope="col">Checked</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((n) => (
            <tr key={n.original}>
              <td>{n.places.map((p) => PLACE_WORDS[p]).join(', ')}</td>
              <td>{n.original}</td>
              <td>
                <input
                  type="text"
                  aria-label={`How “${n.original}” prints`}
                  value={printedOf(n)}
                  onChange={(e) => setEdits((x) => ({ ...x, [n.original]: e.target.value }))}
                />
              </td>
              <td>{n.checked ? 'yes' : 'not yet'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row">
        <button type="button" className="primary" disabled={blank} onClick={() => void save()}>
          {shown.length === 1 ? 'Print this name as shown' : `Print these ${shown.length} names as shown`}
        </button>
        {showChecked && (
          <button type="button" onClick={() => setShowChecked(false)}>
            Close
          </button>
        )}
      </div>
    </section>
  );
}

function ExportBar() {
  const { preview, exporting, exported, problem } = useReports(
    useShallow((s) => ({ preview: s.preview, exporting: s.exporting, exported: s.exported, problem: s.exportProblem })),
  );
  const accepted = useReports((s) => optionsOf(s).namesChecked ?? false);
  if (!preview) return null;
  const namesWaiting = preview.names.some((n) => !n.checked) && !accepted;
  const waiting = (preview.consensus?.choiceNeeded ?? false) || namesWaiting;
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

/** A report may print from any of these: its preview is read again when one changes. */
const REPORTED_TABLES = [
  'project', 'coders', 'document_groups', 'documents', 'attributes', 'participants', 'participant_values', 'turns', 'meaning_units',
  'codebook_nodes', 'codebook_links', 'codings', 'resolutions', 'quotes', 'memos', 'node_name_history', 'export_names',
];

/** Reports: pick a table, set its options, see it as Word will show it, export it in one click. */
export function ReportsView() {
  const kind = useReports((s) => s.kind);
  const options = useReports(optionsOf);
  const changed = useTablesVersion(REPORTED_TABLES);

  useEffect(() => {
    const t = setTimeout(() => void loadPreview(), 150);
    return () => clearTimeout(t);
  }, [kind, options, changed]);

  return (
    <div className="reports">
      <aside className="reports-side" aria-label="Report and options">
        <h3>Report</h3>
        <ul className="report-kinds" role="listbox" aria-label="Reports">
          {REPORT_KINDS.map((k) => (
            <li key={k} role="none">
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
        <NamesCheck />
        <ExportBar />
        <Preview />
      </div>
    </div>
  );
}
