import { useEffect, useRef, useState } from 'react';
import type { MediaState } from '../../../shared/api/methods/media';
import { MEDIA_EXTENSIONS } from '../../../shared/api/methods/media';
import { formatPlayTime } from '../../../shared/text/turn-times';
import { shortcutLabel } from '../../commands/registry';
import { attempt, call, callQuietly, useAppStore } from '../../state/app-store';
import { useTableQuery } from '../../state/query-cache';
import { attachPlayer, goBack, mediaUrl, togglePlay, useMedia } from './media-store';

const folderOf = (p: string) => p.replace(/[\\/][^\\/]*$/, '');

/**
 * The recording beside the transcript: link one, play it (click a turn's time to play from there),
 * and, when it moved, the file found again by name and size, offered but never taken silently.
 */
export function MediaBar({ documentId }: { documentId: string }) {
  const { data: state } = useTableQuery('media.get', { documentId }, ['document_media', 'documents'], callQuietly);
  const [linking, setLinking] = useState(false);
  if (!state) return <div className="media-bar" role="region" aria-label="Recording" aria-busy="true" />;
  const url = mediaUrl(state);
  return (
    <div className="media-bar" role="region" aria-label="Recording">
      {url && state.link ? <Player key={url} url={url} documentId={documentId} kind={state.link.kind} name={state.link.name} /> : <Whereabouts state={state} onLink={() => setLinking(true)} />}
      {state.link && (
        <span className="media-actions">
          <button type="button" className="link small" onClick={() => setLinking(true)} title="Link another file as this transcript’s recording">
            Re-link…
          </button>
          <button type="button" className="link small" onClick={() => void attempt('media.unlink', { documentId })} title="The file stays where it is">
            Unlink
          </button>
        </span>
      )}
      {linking && <LinkForm documentId={documentId} onDone={() => setLinking(false)} />}
    </div>
  );
}

function Player({ url, documentId, kind, name }: { url: string; documentId: string; kind: 'audio' | 'video'; name: string }) {
  const ref = useRef<HTMLMediaElement | null>(null);
  const playing = useMedia((s) => s.playing);
  const position = useMedia((s) => s.positionMs);
  const duration = useMedia((s) => s.durationMs);
  useEffect(() => {
    attachPlayer(ref.current, documentId);
    return () => attachPlayer(null, null);
  }, [documentId, url]);
  const Element = kind === 'video' ? 'video' : 'audio';
  return (
    <>
      <Element ref={ref as never} src={url} preload="metadata" className={kind === 'video' ? 'media-video' : 'media-audio'} />
      <button type="button" className="media-play" onClick={togglePlay} aria-label={playing ? 'Pause the recording' : 'Play the recording'} title={`Play or pause (${shortcutLabel('Ctrl+Space')})`}>
        {playing ? '❚❚' : '▶'}
      </button>
      <button type="button" onClick={() => goBack(5)} title={`Back 5 seconds (${shortcutLabel('Ctrl+Shift+Space')})`}>
        −5 s
      </button>
      <span className="media-time" aria-label="Position in the recording">
        {formatPlayTime(position)} / {duration === null ? '–' : formatPlayTime(duration)}
      </span>
      <span className="muted small media-name" title={name}>
        {name}
      </span>
    </>
  );
}

/** No recording, or one that is not where it was linked: what Condensa found, and what to do. */
function Whereabouts({ state, onLink }: { state: MediaState; onLink: () => void }) {
  const documentId = state.link?.documentId;
  if (!state.link || !documentId) {
    return (
      <button type="button" className="link small" onClick={onLink}>
        Link a recording…
      </button>
    );
  }
  const name = state.link.name;
  if (state.status === 'moved' && state.foundPath) {
    const found = state.foundPath;
    return (
      <span className="media-notice" role="status">
        “{name}” is not in {folderOf(state.link.path)} any more. A file of the same name and size is in <code>{folderOf(found)}</code>.{' '}
        <button type="button" onClick={() => void attempt('media.link', { documentId, path: found })}>
          Use this file
        </button>
      </span>
    );
  }
  return (
    <span className="media-notice" role="status">
      {state.status === 'changed'
        ? `The file at ${state.link.path} is not the recording that was linked (its size or content differ).`
        : `“${name}” was not found at ${state.link.path}, nor in the project’s folder.`}{' '}
      Re-link it to play it beside the transcript.
    </span>
  );
}

/** Chooses the recording: the system's dialog in the desktop app; in a browser tab, its path on this computer. */
function LinkForm({ documentId, onDone }: { documentId: string; onDone: () => void }) {
  const nativeDialogs = useAppStore((s) => s.info?.nativeDialogs === true);
  const [path, setPath] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const link = async (file: string) => {
    try {
      await call('media.link', { documentId, path: file });
      onDone();
    } catch (err) {
      setProblem((err as Error).message);
    }
  };
  useEffect(() => {
    if (!nativeDialogs) return;
    void call('app.chooseFiles', { purpose: 'media', multiple: false }).then(({ paths }) => (paths[0] ? link(paths[0]) : onDone()));
  }, [nativeDialogs]);
  if (nativeDialogs) return null;
  return (
    <form
      className="media-link-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (path.trim()) void link(path.trim());
      }}
    >
      <label>
        Path of the audio or video file on this computer{' '}
        <input type="text" value={path} autoFocus size={48} placeholder={`/home/me/Recordings/group-1.${MEDIA_EXTENSIONS[0]}`} onChange={(e) => setPath(e.target.value)} />
      </label>
      <button type="submit" disabled={!path.trim()}>
        Link
      </button>
      <button type="button" onClick={onDone}>
        Cancel
      </button>
      {problem && (
        <span className="error-text" role="alert">
          {problem}
        </span>
      )}
    </form>
  );
}
