import { useState } from 'react';
import type { FilePurpose } from '../../../shared/api/methods/app';
import { call, useAppStore } from '../../state/app-store';
import { sendFile } from './read-file';

/** A file the core can read: its name and its path (picked in the system's dialog, or where browser mode's server put the upload). */
export interface ChosenFile {
  readonly name: string;
  readonly path: string;
}

interface Props {
  /** The field's label, also the file input's name in browser mode. */
  readonly label: string;
  readonly purpose: FilePurpose;
  /** File name endings the browser's file input offers (".qdpx,.qde"). */
  readonly accept: string;
  /** A file is chosen (null: the choice was cleared or could not be sent, `problem` says why). */
  readonly onChosen: (file: ChosenFile | null, problem: string | null) => void;
  readonly disabled?: boolean;
}

/**
 * Chooses one file for an import, so that the import names it by path and no file travels inside
 * a call: in the desktop app through the system's open dialog, in browser mode through the file
 * input, the file then streamed to the server as it is.
 */
export function FileChooser({ label, purpose, accept, onChosen, disabled }: Props) {
  const nativeDialogs = useAppStore((s) => s.info?.nativeDialogs === true);
  const [chosen, setChosen] = useState<string | null>(null);
  const [sending, setSending] = useState<string | null>(null);

  const pickInSystemDialog = async () => {
    const { paths } = await call('app.chooseFiles', { purpose, multiple: false });
    if (paths.length === 0) return;
    const name = paths[0].split(/[\\/]/).pop() ?? paths[0];
    setChosen(name);
    onChosen({ name, path: paths[0] }, null);
  };

  const send = async (file: File | null) => {
    if (!file) {
      onChosen(null, null);
      return;
    }
    setSending(file.name);
    const sent = await sendFile(file);
    setSending(null);
    onChosen(sent.ok ? { name: sent.name, path: sent.path } : null, sent.ok ? null : sent.message);
  };

  if (nativeDialogs) {
    return (
      <div className="file-chooser">
        <span>{label}</span>
        <button type="button" onClick={() => void pickInSystemDialog()} disabled={disabled}>
          Choose the file…
        </button>
        {chosen && <code>{chosen}</code>}
      </div>
    );
  }
  return (
    <label>
      {label}
      <input type="file" accept={accept} disabled={disabled || sending !== null} onChange={(e) => void send(e.target.files?.[0] ?? null)} />
      {sending && (
        <span role="status" className="small muted">
          Sending “{sending}” to Condensa…
        </span>
      )}
    </label>
  );
}
