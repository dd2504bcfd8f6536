import { useEffect, useState } from 'react';
import type { ProjectSummary } from '../../../shared/api/entities';
import type { CodebookFormat, RefiImportReport } from '../../../shared/api/methods/refi';
import { Dialog, DialogDone, DialogForm, FieldError } from '../../components/Dialog';
import { cancelTask, TaskProgressBar } from '../../components/TaskProgress';
import { attemptHere, call, projectOpened, refreshProject, useAppStore } from '../../state/app-store';
import { resetWorkspace } from '../../state/workspace-store';
import { METHODOLOGIES, METHODOLOGY_LABELS, type Methodology } from '../../../shared/domain/vocabulary';
import { DEFAULT_LEVEL_OPTIONS, LevelPreview, type LevelOptions } from './LevelPreview';
import { FileChooser, type ChosenFile } from '../import/FileChooser';
import { base64Url, openRefiDialog, safeFileName, useRefi } from './refi-actions';

const close = () => openRefiDialog(null);

const EXPORT_MIME: Readonly<Record<CodebookFormat, string>> = {
  qdc: 'application/xml',
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const COUNT_LABELS: Readonly<Record<string, string>> = {
  documents: 'Documents',
  codes: 'Codes',
  codings: 'Codings',
  meaningUnits: 'Meaning units',
  coders: 'Coders',
  participants: 'Participants',
  attributes: 'Attributes',
  memos: 'Memos',
  turns: 'Turns',
  journalEntries: 'Journal entries',
  selections: 'Selections',
  sets: 'Document groups',
};

function Counts({ counts }: { counts: Readonly<Record<string, number>> }) {
  const order = Object.keys(COUNT_LABELS);
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  const shown = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => rank(a) - rank(b));
  if (shown.length === 0) return <p className="muted small">Nothing to count: the file holds no codes, documents or codings.</p>;
  return (
    <dl className="refi-counts">
      {shown.map(([k, n]) => (
        <div key={k}>
          <dt>{COUNT_LABELS[k] ?? k}</dt>
          <dd>{n}</dd>
        </div>
      ))}
    </dl>
  );
}

/** What an import brought in, converted and left behind. */
export function ImportReport({ report }: { report: RefiImportReport }) {
  return (
    <section aria-label="Import report" className="refi-report">
      <p className="small">
        From {report.origin ?? 'an unnamed program'}
        {report.fromCondensa ? ' — a Condensa export, restored in full.' : '.'}
      </p>
      <Counts counts={report.counts} />
      {report.positions && <p className="small">{report.positions.explanation}</p>}
      {report.items.length > 0 && (
        <ul className="refi-items">
          {report.items.map((item, i) => (
            <li key={i} className={`refi-${item.kind}`}>
              <span className="refi-kind">{item.kind === 'skipped' ? 'Skipped' : item.kind === 'converted' ? 'Converted' : 'Note'}</span> {item.message}
              {item.count > 1 ? ` (${item.count})` : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ExportDialog({ kind }: { kind: 'project' | 'codebook' }) {
  const info = useAppStore((s) => s.info);
  const title = useAppStore((s) => s.project?.settings.title ?? 'project');
  const [format, setFormat] = useState<CodebookFormat>('qdc');
  const ext = kind === 'project' ? '.qdpx' : `.${format}`;
  const [name, setName] = useState(`${safeFileName(title)}${kind === 'codebook' ? ' codebook' : ''}${ext}`);
  const chooseFormat = (next: CodebookFormat) => {
    setFormat(next);
    setName((n) => `${n.replace(/\.(qdc|csv|xlsx)$/i, '')}.${next}`);
  };
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ path: string; bytes: number; counts: Record<string, number>; notes: string[]; url: string | null } | null>(null);
  useEffect(() => () => void (done?.url && URL.revokeObjectURL(done.url)), [done]);

  const run = async () => {
    setBusy(true);
    setError(null);
    const includeBytes = info?.platform === 'browser';
    const r = await attemptHere(
      () => (kind === 'project' ? call('refi.exportProject', { path: name.trim(), includeBytes }) : call('refi.exportCodebook', { path: name.trim(), format, includeBytes })),
      setError,
    );
    setBusy(false);
    if (r) setDone({ ...r, url: r.base64 ? base64Url(r.base64, kind === 'project' ? 'application/zip' : EXPORT_MIME[format]) : null });
  };
  const fileName = done ? done.path.split(/[\\/]/).pop()! : '';
  // The project export is long work: while it runs, Cancel stops it. The codebook's takes a moment.
  const stoppable = busy && kind === 'project';
  return (
    <Dialog title={kind === 'project' ? 'Export REFI-QDA project' : 'Export codebook'} onClose={stoppable ? cancelTask : close}>
      {kind === 'project' ? (
        <p className="small muted">
          A .qdpx opens in NVivo, ATLAS.ti, MAXQDA, QualCoder and other QDA programs. Levels, meaning units and condensations travel in a form those programs
          show (see docs/refi-convention.md), and Condensa reads everything back.
        </p>
      ) : (
        <p className="small muted">
          The codes and the levels above them, with colours, definitions and criteria: as a REFI-QDA codebook for other QDA programs, or as a spreadsheet with one row
          per node (path, level, definition, criteria, example, colour) that Condensa imports back as the same codebook.
        </p>
      )}
      {done ? (
        <div role="status" className="refi-done">
          <p>
            Saved to <code>{done.path}</code> ({Math.max(1, Math.round(done.bytes / 1024))} KB).
          </p>
          <Counts counts={done.counts} />
          {done.notes.map((n, i) => (
            <p key={i} className="small muted">
              {n}
            </p>
          ))}
          <DialogDone label="Done" onDone={close}>
            {done.url && (
              <a className="button" href={done.url} download={fileName}>
                Download {fileName}
              </a>
            )}
          </DialogDone>
        </div>
      ) : (
        <DialogForm onSubmit={run} onCancel={stoppable ? cancelTask : close} submitLabel={busy ? 'Exporting…' : 'Export'} disabled={busy || !name.trim()}>
          {kind === 'codebook' && (
            <label>
              Format
              <select value={format} onChange={(e) => chooseFormat(e.target.value as CodebookFormat)}>
                <option value="qdc">REFI-QDA codebook (.qdc)</option>
                <option value="xlsx">Spreadsheet (.xlsx)</option>
                <option value="csv">Spreadsheet (.csv)</option>
              </select>
            </label>
          )}
          <label>
            File name (in {info?.projectsFolder ?? 'the projects folder'}, or a full path)
            <input value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <FieldError message={error} />
          {stoppable && <TaskProgressBar />}
        </DialogForm>
      )}
    </Dialog>
  );
}

/** The chosen file (a path the core reads), imported by one call at a time: busy meanwhile, a refusal shown in the dialog. */
function useFileImport() {
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const choose = (f: ChosenFile | null, why: string | null) => {
    setFile(f);
    setProblem(why);
  };
  const send = async <T,>(work: (file: ChosenFile) => Promise<T>, done: (result: T) => unknown): Promise<void> => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const r = await attemptHere(() => work(file), setError);
      if (r) await done(r);
    } finally {
      setBusy(false);
    }
  };
  return { file, problem, choose, busy, error, send };
}

function ImportProjectDialog() {
  const { file, problem, choose, busy, error, send } = useFileImport();
  const [target, setTarget] = useState('');
  const [method, setMethod] = useState<Methodology | ''>('');
  const [levels, setLevels] = useState<LevelOptions>(DEFAULT_LEVEL_OPTIONS);
  const [result, setResult] = useState<{ project: ProjectSummary; report: RefiImportReport } | null>(null);
  const [unreadable, setUnreadable] = useState<string | null>(null);

  const run = () =>
    send((f) => {
      const targetPath = target.trim() || safeFileName(f.name.replace(/\.(qdpx|qde)$/i, ''));
      return call('refi.importProject', { sourcePath: f.path, fileName: f.name, targetPath, methodology: method || undefined, levels: levels.levels, levelOverrides: levels.levelOverrides });
    }, setResult);
  // The new project is already open on the application side; the window follows when the report is read.
  const finish = () => {
    close();
    if (result) {
      resetWorkspace();
      projectOpened(result.project);
    }
  };

  if (result) {
    return (
      <Dialog title="Imported" onClose={finish}>
        <p>
          Created <code>{result.project.path}</code>.
        </p>
        <ImportReport report={result.report} />
        <DialogDone label="Open the project" onDone={finish} />
      </Dialog>
    );
  }
  return (
    <Dialog title="Import REFI-QDA project" onClose={busy ? cancelTask : close}>
      <p className="small muted">Bring in a study from NVivo, ATLAS.ti, MAXQDA, QualCoder or another program. It becomes a new project file; nothing else changes.</p>
      {/* While it runs, Cancel stops the import (nothing is created) rather than hiding it. */}
      <DialogForm onSubmit={run} onCancel={busy ? cancelTask : close} submitLabel={busy ? 'Importing…' : 'Import'} disabled={busy || !file || problem !== null}>
        <FileChooser
          label="REFI-QDA project (.qdpx)"
          purpose="refi-project"
          accept=".qdpx,.qde"
          disabled={busy}
          onChosen={(f, why) => {
            choose(f, why);
            setLevels(DEFAULT_LEVEL_OPTIONS);
            if (f && !target) setTarget(safeFileName(f.name.replace(/\.(qdpx|qde)$/i, '')));
          }}
        />
        <FieldError message={problem} />
        <label>
          New project file name
          <input value={target} onChange={(e) => setTarget(e.target.value)} placeholder="Imported study" />
        </label>
        <label>
          Method
          <select value={method} onChange={(e) => setMethod(e.target.value as Methodology | '')}>
            <option value="">As the file says (else content analysis)</option>
            {METHODOLOGIES.map((m) => (
              <option key={m} value={m}>
                {METHODOLOGY_LABELS[m]}
              </option>
            ))}
          </select>
        </label>
        {file && !busy && <LevelPreview sourcePath={file.path} fileName={file.name} kind="project" methodology={method || undefined} options={levels} onChange={setLevels} onProblem={setUnreadable} />}
        {busy && <TaskProgressBar />}
        <FieldError message={error ?? unreadable} />
      </DialogForm>
    </Dialog>
  );
}

function ImportCodebookDialog() {
  const { file, problem, choose, busy, error, send } = useFileImport();
  const [report, setReport] = useState<RefiImportReport | null>(null);
  const [levels, setLevels] = useState<LevelOptions>(DEFAULT_LEVEL_OPTIONS);
  const [unreadable, setUnreadable] = useState<string | null>(null);
  const run = () =>
    send(
      (f) => call('refi.importCodebook', { sourcePath: f.path, fileName: f.name, ...levels }),
      async (r) => {
        setReport(r.report);
        await refreshProject();
      },
    );
  return (
    <Dialog title="Import codebook" onClose={close}>
      {report ? (
        <>
          <ImportReport report={report} />
          <p className="small muted">Undo (Ctrl+Z) takes the whole import back.</p>
          <DialogDone label="Done" onDone={close} />
        </>
      ) : (
        <DialogForm onSubmit={run} onCancel={close} submitLabel={busy ? 'Importing…' : 'Import codes'} disabled={busy || !file || problem !== null}>
          <p className="small muted">
            Adds the codes of a REFI-QDA codebook (.qdc, or the codebook inside a .qdpx) or of a spreadsheet (.csv, .xlsx: a row per code with its name or path, and
            level, definition, criteria, example or colour columns) to this project. Codes it already has are left as they are.
          </p>
          <FileChooser
            label="Codebook (.qdc, .qdpx, .csv or .xlsx)"
            purpose="codebook"
            accept=".qdc,.qdpx,.qde,.csv,.tsv,.txt,.xlsx"
            disabled={busy}
            onChosen={(f, why) => {
              choose(f, why);
              setLevels(DEFAULT_LEVEL_OPTIONS);
            }}
          />
          {file && !busy && <LevelPreview sourcePath={file.path} fileName={file.name} kind="codebook" options={levels} onChange={setLevels} onProblem={setUnreadable} />}
          <FieldError message={problem ?? error ?? unreadable} />
        </DialogForm>
      )}
    </Dialog>
  );
}

export function RefiDialogs() {
  const dialog = useRefi((s) => s.dialog);
  if (dialog === 'export-project') return <ExportDialog kind="project" />;
  if (dialog === 'export-codebook') return <ExportDialog kind="codebook" />;
  if (dialog === 'import-project') return <ImportProjectDialog />;
  if (dialog === 'import-codebook') return <ImportCodebookDialog />;
  return null;
}
