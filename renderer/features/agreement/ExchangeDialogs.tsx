import { useEffect, useState } from 'react';
import type { MergeReport } from '../../../shared/api/methods/exchange';
import { Dialog, DialogDone, DialogForm, FieldError } from '../../components/Dialog';
import { ProjectFileList, SaveLocationField, type ProjectFileEntry } from '../../components/ProjectFileFields';
import { cancelTask, TaskProgressBar } from '../../components/TaskProgress';
import { attempt, attemptHere, call, refreshProject, useAppStore } from '../../state/app-store';
import { useWorkspace } from '../../state/workspace-store';

const close = () => useAppStore.setState({ dialog: null });

function safeName(text: string): string {
  return text.replace(/[\\/:*?"<>|]/g, '').trim();
}

/** "Hand a copy to another coder": a file with the same units and codebook, for them to code in their own Condensa. */
/** What a blind copy leaves out, in words. */
function leftOut({ codingsLeftOut, memosLeftOut, journalEntriesLeftOut }: { codingsLeftOut: number; memosLeftOut: number; journalEntriesLeftOut: number }): string {
  const parts = [codingsLeftOut ? `${codingsLeftOut} codings` : '', memosLeftOut ? `${memosLeftOut} memos` : '', journalEntriesLeftOut ? `${journalEntriesLeftOut} journal entries` : ''].filter(Boolean);
  const listed = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0];
  return listed ? `; ${listed} by other coders were left out (blind)` : '';
}

export function HandOutDialog() {
  const project = useAppStore((s) => s.project)!;
  const coders = useWorkspace((s) => s.coders).filter((c) => c.role !== 'consensus');
  const [coderId, setCoderId] = useState<string>(coders.find((c) => c.id !== project.currentCoderId && c.role === 'coder')?.id ?? '');
  const [blind, setBlind] = useState(true);
  const coderName = coders.find((c) => c.id === coderId)?.name ?? 'another coder';
  const [fileName, setFileName] = useState('');
  const [location, setLocation] = useState<string | null>(null);
  const [done, setDone] = useState<{ path: string; codingsIncluded: number; codingsLeftOut: number; memosLeftOut: number; journalEntriesLeftOut: number } | null>(null);
  const suggested = safeName(`${project.settings.title} – copy for ${coderName}`);
  const name = fileName || suggested;

  const choose = async () => {
    const r = await attempt('app.chooseProjectPath', { purpose: 'save', suggestedName: name });
    if (r?.path) setLocation(r.path);
  };
  const make = async () => {
    const r = await attempt('exchange.makeCoderCopy', { path: location ?? name, coderId: coderId || undefined, includeOthersCodings: !blind });
    if (r) setDone(r);
  };

  if (done) {
    return (
      <Dialog title="Coder copy written" onClose={close}>
        <p>
          Saved to <code>{done.path}</code>.
        </p>
        <p className="small">
          Send this file to {coderName}. They open it in their own Condensa and code; when the file comes back, use <em>Merge a returned coder copy</em>.
          It holds {done.codingsIncluded} codings{leftOut(done)}.
        </p>
        <DialogDone label="Done" onDone={close} />
      </Dialog>
    );
  }
  return (
    <Dialog title="Hand a copy to another coder" onClose={close}>
      <DialogForm onSubmit={make} onCancel={close} submitLabel="Write the copy">
        <p className="muted small">The copy has the same documents, meaning units and codebook, with the same IDs, so it can be merged back later.</p>
        <label>
          Who will code in the copy?
          <select value={coderId} onChange={(e) => setCoderId(e.target.value)}>
            {coders.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.initials})
              </option>
            ))}
            <option value="">Someone new (they add themselves when they open it)</option>
          </select>
        </label>
        <label className="inline">
          <input type="checkbox" checked={blind} onChange={(e) => setBlind(e.target.checked)} /> Leave out the other coders’ codings (blind)
        </label>
        <SaveLocationField location={location} onChoose={() => void choose()} fileName={fileName} onFileName={setFileName} placeholder={suggested} />
      </DialogForm>
    </Dialog>
  );
}

function MergeReportView({ report }: { report: MergeReport }) {
  const who = report.copy?.coderName ?? 'the other coder';
  const list = (items: MergeReport['added']) => items.map((x) => `${x.count} ${x.what}`).join(', ');
  return (
    <div className="merge-report" aria-label="Merge report">
      {report.nothingNew ? (
        <p>Nothing new: everything in the file is already here.</p>
      ) : (
        <ul className="small">
          {report.added.length > 0 && <li>Added: {list(report.added)}</li>}
          {report.updated.length > 0 && <li>Taken from {who}’s copy (changed only there): {list(report.updated)}</li>}
          {report.removed.length > 0 && <li>Removed ({who} deleted their own): {list(report.removed)}</li>}
        </ul>
      )}
      {report.conflicts.length > 0 && (
        <>
          <h3 className="section-title">Conflicts ({report.conflicts.length})</h3>
          <ul className="conflicts small">
            {report.conflicts.map((c, i) => (
              <li key={i}>
                <strong>{c.what}</strong>: {c.outcome}
                {c.fields.map((f) => (
                  <div key={f.field} className="muted">
                    {f.field}: here “{String(f.ours ?? '')}”, in the copy “{String(f.theirs ?? '')}”
                    {f.base !== null && f.base !== undefined ? `, originally “${String(f.base)}”` : ''}
                  </div>
                ))}
              </li>
            ))}
          </ul>
        </>
      )}
      {report.notices.length > 0 && (
        <ul className="small muted">
          {report.notices.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      )}
      <p className="muted small">The merge is one step: Undo takes all of it back.</p>
    </div>
  );
}

/** "Merge a returned coder copy": match by IDs, add the other coder's work, show what happened. */
export function MergeDialog() {
  const project = useAppStore((s) => s.project)!;
  const info = useAppStore((s) => s.info);
  const [files, setFiles] = useState<readonly ProjectFileEntry[]>([]);
  const [path, setPath] = useState('');
  const [report, setReport] = useState<MergeReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    void attempt('app.listProjects', {}).then((f) => setFiles((f ?? []).filter((x) => x.path !== project.path)));
  }, [project.path]);

  const merge = async (target: string) => {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      const r = await attemptHere(() => call('exchange.merge', { path: target }), setProblem);
      if (r) {
        setReport(r);
        await refreshProject();
      }
    } finally {
      setBusy(false);
    }
  };
  const browse = async () => {
    const r = await attempt('app.chooseProjectPath', { purpose: 'open' });
    if (r?.path) await merge(r.path);
  };

  if (report) {
    return (
      <Dialog title="Merged" onClose={close}>
        <MergeReportView report={report} />
        <DialogDone label="Close" onDone={close} />
      </Dialog>
    );
  }
  return (
    <Dialog title="Merge a returned coder copy" onClose={busy ? cancelTask : close}>
      <p className="muted small">Everything is matched by its ID, never by name. Where both sides changed the same thing, this study’s version is kept and the other is saved as a memo.</p>
      {info?.nativeDialogs && (
        <p>
          <button type="button" onClick={() => void browse()}>
            Choose the file…
          </button>
        </p>
      )}
      {files.length > 0 && <ProjectFileList files={files} label="Files in the projects folder" onPick={(p) => void merge(p)} />}
      {/* While it runs, Cancel stops the merge (it is rolled back whole) rather than hiding it. */}
      {info?.nativeDialogs ? (
        // The desktop app merges only a file picked in the system dialog or listed above: a typed path is refused by its file grants.
        <>
          {busy && <TaskProgressBar />}
          <FieldError message={problem} />
          <DialogDone label="Cancel" onDone={busy ? cancelTask : close} />
        </>
      ) : (
        <DialogForm onSubmit={() => merge(path)} onCancel={busy ? cancelTask : close} submitLabel={busy ? 'Merging…' : 'Merge'} disabled={busy || !path.trim()}>
          <label>
            Or the path of the returned file
            <input value={path} onChange={(e) => setPath(e.target.value)} placeholder="/home/me/Downloads/study – copy for Ben.condensa" />
          </label>
          {busy && <TaskProgressBar />}
          <FieldError message={problem} />
        </DialogForm>
      )}
    </Dialog>
  );
}
