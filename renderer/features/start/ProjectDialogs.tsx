import { useEffect, useState } from 'react';
import type { Methodology } from '../../../shared/domain/vocabulary';
import { Dialog, DialogDone, DialogForm } from '../../components/Dialog';
import { KeysDialog } from '../../components/KeysDialog';
import { ProjectFileList, SaveLocationField, type ProjectFileEntry } from '../../components/ProjectFileFields';
import { MethodField } from '../../components/MethodField';
import { attempt, projectOpened, useAppStore } from '../../state/app-store';
import { resetWorkspace } from '../../state/workspace-store';
import { openProjectAt } from './StartScreen';
import { CoderDialog } from '../agreement/CoderDialog';
import { HandOutDialog, MergeDialog } from '../agreement/ExchangeDialogs';
import { SettingsDialog } from '../agreement/SettingsDialog';

const close = () => useAppStore.setState({ dialog: null });

function NewProjectDialog() {
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
      <DialogForm onSubmit={create} onCancel={close} submitLabel="Create project" disabled={!title.trim() || (!name && !location)}>
        <label>
          Title
          <input value={title} onChange={(e) => setTitle(e.target.value)} placeholder="e.g. Peer mentoring in medical school" required />
        </label>
        <MethodField value={methodology} onChange={setMethodology} />
        <SaveLocationField location={location} onChoose={() => void chooseLocation()} fileName={fileName} onFileName={setFileName} placeholder={name || 'My study'} />
      </DialogForm>
    </Dialog>
  );
}

function OpenProjectDialog() {
  const info = useAppStore((s) => s.info);
  const [files, setFiles] = useState<readonly ProjectFileEntry[]>([]);
  const [path, setPath] = useState('');
  // The desktop app opens only files picked in the system dialog (a typed path is refused), so it offers that dialog, not a path field.
  const desktop = info?.nativeDialogs === true;
  // Opening may have asked who is coding (a copy handed to someone new): that dialog stays.
  const open = (target: string) => void openProjectAt(target).then((ok) => ok && useAppStore.getState().dialog === 'open' && close());
  const choose = () =>
    void attempt('app.chooseProjectPath', { purpose: 'open' }).then((r) => {
      if (r?.path) open(r.path);
    });
  useEffect(() => {
    void attempt('app.listProjects', {}).then((f) => setFiles(f ?? []));
    if (desktop) choose();
    // Once when the dialog opens (and when the app's info arrives).
  }, [desktop]);
  return (
    <Dialog title="Open project" onClose={close}>
      {files.length > 0 ? (
        <ProjectFileList files={files} label="Projects in the projects folder" onPick={open} />
      ) : (
        <p className="muted">No projects in {info?.projectsFolder} yet.</p>
      )}
      {desktop ? (
        <>
          <p>
            <button type="button" onClick={choose}>
              Choose a .condensa file…
            </button>
          </p>
          <DialogDone label="Cancel" onDone={close} />
        </>
      ) : (
        <DialogForm onSubmit={() => open(path)} onCancel={close} submitLabel="Open" disabled={!path.trim()}>
          <label>
            Or the path of a .condensa file
            <input value={path} onChange={(e) => setPath(e.target.value)} placeholder="/home/me/studies/mentoring.condensa" />
          </label>
        </DialogForm>
      )}
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
      <DialogDone label="Close" onDone={close} />
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
  if (dialog === 'keys') return <KeysDialog />;
  return null;
}
