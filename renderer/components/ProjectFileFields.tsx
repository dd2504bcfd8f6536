import { useAppStore } from '../state/app-store';

export interface ProjectFileEntry {
  readonly path: string;
  readonly name: string;
  readonly modifiedAt: string;
}

/** Project files as the application lists them, each with when it last changed; a click picks one. */
export function ProjectFileList({ files, label, onPick }: { readonly files: readonly ProjectFileEntry[]; readonly label: string; readonly onPick: (path: string) => void }) {
  return (
    <ul className="file-list" aria-label={label}>
      {files.map((f) => (
        <li key={f.path}>
          <button type="button" className="link" onClick={() => onPick(f.path)}>
            {f.name}
          </button>
          <span className="muted small"> · changed {new Date(f.modifiedAt).toLocaleString()}</span>
        </li>
      ))}
    </ul>
  );
}

/** Where a new project file goes: the system's save dialog in the desktop app, a name in the projects folder in the browser. */
export function SaveLocationField({
  location,
  onChoose,
  fileName,
  onFileName,
  placeholder,
}: {
  readonly location: string | null;
  readonly onChoose: () => void;
  readonly fileName: string;
  readonly onFileName: (name: string) => void;
  readonly placeholder: string;
}) {
  const info = useAppStore((s) => s.info);
  if (info?.nativeDialogs) {
    return (
      <p className="small">
        Saved as {location ?? '(choose a location)'}{' '}
        <button type="button" onClick={onChoose}>
          Choose location…
        </button>
      </p>
    );
  }
  return (
    <label>
      File name (in {info?.projectsFolder ?? 'the projects folder'})
      <input value={fileName} onChange={(e) => onFileName(e.target.value)} placeholder={placeholder} />
    </label>
  );
}
