import { useEffect, useState } from 'react';
import { METHODOLOGIES, METHODOLOGY_LABELS, type Methodology } from '../../../shared/domain/vocabulary';
import { Dialog } from '../../components/Dialog';
import { attempt, projectOpened, useAppStore } from '../../state/app-store';
import { resetWorkspace } from '../../state/workspace-store';
import { openProjectAt } from './StartScreen';
import { CoderDialog } from '../agreement/CoderDialog';
import { HandOutDialog, MergeDialog } from '../agreement/ExchangeDialogs';
import { SettingsDialog } from '../agreement/SettingsDialog';

const close = () => useAppStore.setState({ dialog: null });

function NewProjectDialog() {
  const info = useAppStore((s) => s.info);
  const [title, setTitle] = useState('');
  const [methodology, setMethodology] = useState<Methodology>('content-analysis');
  const [fileName, setFileName] = useState('');
  const [location, setLocation] = useState<string | null>(null);
  const name = fileName || title.replace(/[\\/:*?"<>|]/g, '').trim();

  const chooseLocation = async () => {
    const r = await attempt('app.chooseProjectPath', { purpose: 'save', suggestedName: name });
    if (r?.path) setLocation(r.path);
  };
  const create = async () => {
    const project = await attempt('project.create', { path: location ?? name, title: title.trim(), methodology, sample: false });
    if (project) {
      resetWorkspace();
      projectOpened(project);
    }
  };
  return (
    <Dialog title="New project" onClose={close}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <label>
          Title
          <input value={title} onChange={(e) => setTitle(e.target.value)} placeholder="e.g. Peer mentoring in medical school" required />
        </label>
        <label>
          Method
          <select value={methodology} onChange={(e) => setMethodology(e.target.value as Methodology)}>
            {METHODOLOGIES.map((m) => (
              <option key={m} value={m}>
                {METHODOLOGY_LABELS[m]}
              </option>
            ))}
          </select>
        </label>
        {info?.nativeDialogs ? (
          <p className="small">
            Saved as {location ?? '(choose a location)'}{' '}
            <button type="button" onClick={() => void chooseLocation()}>
              Choose location…
            </button>
          </p>
        ) : (
          <label>
            File name (in {info?.projectsFolder ?? 'the projects folder'})
            <input value={fileName} onChange={(e) => setFileName(e.target.value)} placeholder={name || 'My study'} />
          </label>
        )}
        <div className="dialog-buttons">
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!title.trim() || (!name && !location)}>
            Create project
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function OpenProjectDialog() {
  const info = useAppStore((s) => s.info);
  const [files, setFiles] = useState<{ path: string; name: string; modifiedAt: string }[]>([]);
  const [path, setPath] = useState('');
  useEffect(() => {
    void attempt('app.listProjects', {}).then((f) => setFiles(f ?? []));
    if (info?.nativeDialogs) {
      void attempt('app.chooseProjectPath', { purpose: 'open' }).then((r) => {
        if (r?.path) void openProjectAt(r.path).then((ok) => ok && close());
      });
    }
  }, [info?.nativeDialogs]);
  return (
    <Dialog title="Open project" onClose={close}>
      {files.length > 0 ? (
        <ul className="file-list" aria-label="Projects in the projects folder">
          {files.map((f) => (
            <li key={f.path}>
              <button type="button" className="link" onClick={() => void openProjectAt(f.path).then((ok) => ok && close())}>
                {f.name}
              </button>
              <span className="muted small"> · changed {new Date(f.modifiedAt).toLocaleString()}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No projects in {info?.projectsFolder} yet.</p>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void openProjectAt(path).then((ok) => ok && close());
        }}
      >
        <label>
          Or the path of a .condensa file
          <input value={path} onChange={(e) => setPath(e.target.value)} placeholder="/home/me/studies/mentoring.condensa" />
        </label>
        <div className="dialog-buttons">
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!path.trim()}>
            Open
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function AboutDialog() {
  const info = useAppStore((s) => s.info);
  const project = useAppStore((s) => s.project);
  return (
    <Dialog title="About Condensa" onClose={close}>
      <p>Condensa {info?.version}</p>
      <p className="small">Project file schema: v{info?.schemaVersion} (this app)</p>
      {project && <p className="small">Open project: schema v{project.schemaVersion}, {project.path}</p>}
      <div className="dialog-buttons">
        <button type="button" className="primary" onClick={close}>
          Close
        </button>
      </div>
    </Dialog>
  );
}

export function ProjectDialogs() {
  const dialog = useAppStore((s) => s.dialog);
  if (dialog === 'new') return <NewProjectDialog />;
  if (dialog === 'open') return <OpenProjectDialog />;
  if (dialog === 'coder') return <CoderDialog />;
  if (dialog === 'settings') return <SettingsDialog />;
  if (dialog === 'handOut') return <HandOutDialog />;
  if (dialog === 'merge') return <MergeDialog />;
  if (dialog === 'about') return <AboutDialog />;
  return null;
}
