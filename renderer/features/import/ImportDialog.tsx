import { useRef, useState } from 'react';
import { plural } from '../../../shared/domain/agreement/result';
import { IMPORT_FILE_EXTENSIONS, type CsvChoice, type CsvRowKind, type ImportPreview, type ImportResult, type ImportSource, type ReadOptions, type SegmentChoice } from '../../../shared/api/methods/import';
import { DOCUMENT_KIND_LABELS, DOCUMENT_KINDS, type DocumentKind } from '../../../shared/domain/vocabulary';
import { Dialog } from '../../components/Dialog';
import { call, useAppStore } from '../../state/app-store';
import { openDocument, useWorkspace } from '../../state/workspace-store';
import { closeImport, useImport } from './import-store';
import { sendTranscript } from './read-file';
import { initialRows, toDecisions, type SpeakerRow } from './speaker-choices';
import { SpeakerTable } from './SpeakerTable';
import { LabelLines } from './LabelLines';
import { headerNotes } from '../../../shared/text/header';

type Status = 'reading' | 'ready' | 'refused' | 'importing' | 'imported' | 'failed';

interface Details {
  readonly title: string;
  readonly kind: DocumentKind;
  readonly sessionName: string;
  readonly sessionDate: string;
  readonly facilitator: string;
  readonly durationMinutes: string;
  readonly notes: string;
}

interface FileEntry {
  readonly key: number;
  readonly name: string;
  readonly status: Status;
  readonly message?: string;
  readonly preview?: ImportPreview;
  readonly rows: readonly SpeakerRow[];
  /** How the file is read: speaker detection, CSV columns, the user's word on lines, one speaker. */
  readonly read: Reading;
  /** The line-by-line list of labels is open. */
  readonly linesOpen?: boolean;
  readonly details?: Details;
  readonly result?: ImportResult;
}

type Reading = ReadOptions & { readonly detect: boolean; readonly labelLines: readonly number[]; readonly notLabelLines: readonly number[] };

const FIRST_READING: Reading = { detect: true, labelLines: [], notLabelLines: [] };

const SEGMENT_LABELS: Readonly<Record<SegmentChoice, string>> = {
  sentence: 'By sentence',
  turn: 'By speaker turn',
  paragraph: 'By paragraph',
  none: 'Not yet (I will mark units by hand)',
};

const ACCEPT = IMPORT_FILE_EXTENSIONS.map((e) => `.${e}`).join(',');

/** The details to start from: the file's title, and what its header said (session, date, facilitator, duration). */
function detailsFrom(p: ImportPreview): Details {
  const h = p.header;
  return {
    title: p.title,
    kind: p.kind,
    sessionName: h?.sessionName ?? '',
    sessionDate: h?.sessionDate ?? '',
    facilitator: h?.facilitator ?? '',
    durationMinutes: h?.durationMinutes != null ? String(h.durationMinutes) : '',
    notes: h ? headerNotes(h) : '',
  };
}

let nextKey = 1;

/** Import transcripts in two steps: read and review (speakers, details, segmentation), then import each file as one undoable step. */
export function ImportDialog() {
  const startWithPaste = useImport((s) => s.paste);
  const participants = useWorkspace((s) => s.participants);
  const groups = useWorkspace((s) => s.groups);
  const nativeDialogs = useAppStore((s) => s.info?.nativeDialogs === true);
  const [files, setFiles] = useState<FileEntry[]>([]);
  const [selected, setSelected] = useState(0);
  const [progress, setProgress] = useState<{ done: number; total: number; what: string } | null>(null);
  const [segment, setSegment] = useState<SegmentChoice>('sentence');
  const [facilitatorUnits, setFacilitatorUnits] = useState(false);
  const [sameLabelSamePerson, setSameLabelSamePerson] = useState(false);
  const [group, setGroup] = useState('');
  const [newGroup, setNewGroup] = useState('');
  const [pasting, setPasting] = useState(startWithPaste);
  const [pasted, setPasted] = useState('');
  const [pasteName, setPasteName] = useState('Pasted transcript');
  const input = useRef<HTMLInputElement>(null);
  // Asked to stop: the file being imported finishes (each file is one step), the rest stay ready.
  const stopping = useRef(false);
  const [stopAsked, setStopAsked] = useState(false);

  const patch = (key: number, change: Partial<FileEntry>) => setFiles((all) => all.map((f) => (f.key === key ? { ...f, ...change } : f)));
  const busy = progress !== null;
  const ready = files.filter((f) => f.status === 'ready');
  const finished = files.length > 0 && files.every((f) => f.status === 'imported' || f.status === 'refused' || f.status === 'failed');
  const current = files[selected];

  const preview = async (key: number, source: ImportSource, options: Reading = FIRST_READING) => {
    const { files: outcomes } = await call('import.preview', { sources: [source], ...options, labelLines: [...options.labelLines], notLabelLines: [...options.notLabelLines] });
    const outcome = outcomes[0];
    setFiles((all) =>
      all.map((f) => {
        if (f.key !== key) return f;
        if (!outcome.ok) return { ...f, status: 'refused', message: outcome.error.message };
        const p = outcome.preview;
        return { ...f, status: 'ready', message: undefined, preview: p, rows: initialRows(p, f.rows), details: f.details ?? detailsFrom(p) };
      }),
    );
  };

  const readFiles = async (list: FileList | null) => {
    if (!list || list.length === 0) return;
    const chosen = [...list];
    const entries: FileEntry[] = chosen.map((f) => ({ key: nextKey++, name: f.name, status: 'reading', rows: [], read: FIRST_READING }));
    const first = files.length;
    setFiles((all) => [...all, ...entries]);
    setSelected(first);
    // All files go to the server at once; each is then read in turn.
    const sending = chosen.map(sendTranscript);
    for (let i = 0; i < chosen.length; i += 1) {
      setProgress({ done: i, total: chosen.length, what: `Reading ${chosen[i].name}…` });
      const sent = await sending[i];
      if (!sent.ok) patch(entries[i].key, { status: 'refused', message: sent.message });
      else await preview(entries[i].key, { kind: 'path', path: sent.path }).catch((e: Error) => patch(entries[i].key, { status: 'refused', message: e.message }));
    }
    setProgress(null);
    if (input.current) input.current.value = '';
  };

  // The desktop app: the files chosen in the system's dialog are read by the core from their paths,
  // so no file passes through the window and none is limited by what a message can carry.
  const choosePaths = async () => {
    const { paths } = await call('app.chooseFiles', { purpose: 'import' });
    if (paths.length === 0) return;
    const entries: FileEntry[] = paths.map((p) => ({ key: nextKey++, name: p.split(/[\\/]/).pop() ?? p, status: 'reading', rows: [], read: FIRST_READING }));
    setFiles((all) => [...all, ...entries]);
    setSelected(files.length);
    for (let i = 0; i < paths.length; i += 1) {
      setProgress({ done: i, total: paths.length, what: `Reading ${entries[i].name}…` });
      await preview(entries[i].key, { kind: 'path', path: paths[i] }).catch((e: Error) => patch(entries[i].key, { status: 'refused', message: e.message }));
    }
    setProgress(null);
  };

  const readPasted = async () => {
    const entry: FileEntry = { key: nextKey++, name: pasteName.trim() || 'Pasted transcript', status: 'reading', rows: [], read: FIRST_READING };
    setFiles((all) => [...all, entry]);
    setSelected(files.length);
    setPasting(false);
    await preview(entry.key, { kind: 'text', name: entry.name, text: pasted }).catch((e: Error) => patch(entry.key, { status: 'refused', message: e.message }));
    setPasted('');
  };

  // Every change to how the file is read is previewed again at once: turns and speakers as they will import.
  const reread = (f: FileEntry, change: Partial<Reading>) => {
    if (!f.preview) return;
    const read = { ...f.read, ...change };
    patch(f.key, { read });
    void preview(f.key, { kind: 'preview', previewId: f.preview.previewId }, read).catch(() => undefined);
  };

  const importAll = async () => {
    const todo = files.filter((f) => f.status === 'ready');
    let firstDocument: string | null = null;
    stopping.current = false;
    setStopAsked(false);
    for (let i = 0; i < todo.length; i += 1) {
      if (stopping.current) break;
      const f = todo[i];
      const d = f.details!;
      setProgress({ done: i, total: todo.length, what: `Importing ${f.name}…` });
      patch(f.key, { status: 'importing' });
      try {
        const result = await call('import.commit', {
          previewId: f.preview!.previewId,
          ...f.read,
          labelLines: [...f.read.labelLines],
          notLabelLines: [...f.read.notLabelLines],
          csv: f.preview!.csv?.choice,
          segment,
          unitsInFacilitatorTurns: facilitatorUnits,
          speakers: toDecisions(f.rows, sameLabelSamePerson),
          document: {
            title: d.title.trim() || f.preview!.title,
            kind: d.kind,
            sessionName: d.sessionName,
            sessionDate: d.sessionDate.trim() || null,
            facilitator: d.facilitator,
            durationMinutes: d.durationMinutes.trim() ? Number(d.durationMinutes) : null,
            notes: d.notes,
            ...(group === 'new' && newGroup.trim() ? { newGroupName: newGroup.trim() } : group && group !== 'new' ? { groupId: group } : {}),
          },
        });
        firstDocument ??= result.documentId;
        patch(f.key, { status: 'imported', result });
      } catch (e) {
        patch(f.key, { status: 'failed', message: (e as Error).message });
      }
    }
    setProgress(null);
    if (firstDocument) void openDocument(firstDocument);
  };

  return (
    <Dialog title="Import transcripts" onClose={() => !busy && closeImport()}>
      <div className="import-dialog">
        <div className="import-sources">
          <input ref={input} type="file" multiple accept={ACCEPT} hidden aria-label="Transcript files" onChange={(e) => void readFiles(e.target.files)} />
          <button type="button" onClick={() => (nativeDialogs ? void choosePaths() : input.current?.click())} disabled={busy}>
            Choose files…
          </button>
          <button type="button" onClick={() => setPasting((p) => !p)} disabled={busy} aria-pressed={pasting}>
            Paste text…
          </button>
          <span className="muted small">Text, Word (.docx), OpenDocument, RTF, PDF, web pages (.html), subtitles (.vtt, .srt), Markdown or CSV; up to 40 MB each.</span>
        </div>
        {pasting && (
          <div className="paste-box">
            <label>
              Name
              <input value={pasteName} onChange={(e) => setPasteName(e.target.value)} />
            </label>
            <textarea aria-label="Pasted transcript" rows={6} value={pasted} onChange={(e) => setPasted(e.target.value)} placeholder="Paste the transcript here (Ctrl/Cmd+V)…" />
            <div className="dialog-buttons">
              <button type="button" className="primary" disabled={!pasted.trim()} onClick={() => void readPasted()}>
                Read pasted text
              </button>
            </div>
          </div>
        )}
        {progress && (
          <div className="task-progress" role="status">
            <progress max={progress.total} value={progress.done} aria-label="Import progress" /> <span className="small">{progress.what}</span>
          </div>
        )}
        {files.length > 0 && (
          <div className="import-body">
            <ul className="import-files" aria-label="Files">
              {files.map((f, i) => (
                <li key={f.key}>
                  <button type="button" className={i === selected ? 'nav-item active' : 'nav-item'} onClick={() => setSelected(i)}>
                    <span className="nav-title">{f.name}</span>
                    <span className={`small status-${f.status}`} data-status={f.status}>
                      {statusWords(f)}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
            <div className="import-file">{current && <FilePanel file={current} participants={participants} groupId={group && group !== 'new' ? group : null} sameLabelSamePerson={sameLabelSamePerson} onPatch={(c) => patch(current.key, c)} onReread={(o) => reread(current, o)} />}</div>
          </div>
        )}
        {ready.length > 0 && (
          <fieldset className="import-options">
            <legend>For every file</legend>
            <label>
              Meaning units
              <select aria-label="Meaning units" value={segment} onChange={(e) => setSegment(e.target.value as SegmentChoice)}>
                {(Object.keys(SEGMENT_LABELS) as SegmentChoice[]).map((m) => (
                  <option key={m} value={m}>
                    {SEGMENT_LABELS[m]}
                  </option>
                ))}
              </select>
            </label>
            <label className="inline">
              <input type="checkbox" checked={facilitatorUnits} onChange={(e) => setFacilitatorUnits(e.target.checked)} /> Also make units of facilitators’ turns
            </label>
            <label className="inline" title="Off, each session's labels are new people (sessions often number their speakers afresh); turn it on when labels such as P1 or Moderator name the same person in every session">
              <input type="checkbox" checked={sameLabelSamePerson} onChange={(e) => setSameLabelSamePerson(e.target.checked)} /> Labels already used (here or in an earlier file) name the same people
            </label>
            <label>
              Group
              <select aria-label="Group" value={group} onChange={(e) => setGroup(e.target.value)}>
                <option value="">No group</option>
                {groups.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.name}
                  </option>
                ))}
                <option value="new">New group…</option>
              </select>
            </label>
            {group === 'new' && (
              <label>
                New group name
                <input value={newGroup} onChange={(e) => setNewGroup(e.target.value)} placeholder="e.g. Mentee groups" />
              </label>
            )}
          </fieldset>
        )}
        <div className="dialog-buttons">
          {/* While other files wait, the import can stop after the one under way. Keyed apart: a
              click meant for one button must never land on the other. */}
          {busy && ready.length > 0 ? (
            <button
              key="stop"
              type="button"
              disabled={stopAsked}
              onClick={() => {
                stopping.current = true;
                setStopAsked(true);
              }}
            >
              {stopAsked ? 'Stopping after this file…' : 'Stop after this file'}
            </button>
          ) : (
            <button key="close" type="button" onClick={closeImport} disabled={busy}>
              {finished ? 'Close' : 'Cancel'}
            </button>
          )}
          <button type="button" className="primary" disabled={busy || ready.length === 0} onClick={() => void importAll()}>
            {ready.length > 1 ? `Import ${ready.length} files` : 'Import'}
          </button>
        </div>
      </div>
    </Dialog>
  );
}

function statusWords(f: FileEntry): string {
  switch (f.status) {
    case 'reading':
      return 'reading…';
    case 'ready':
      return `ready · ${plural(f.preview?.speakers.length ?? 0, 'speaker')}, ${plural(f.preview?.turns ?? 0, 'turn')}`;
    case 'refused':
      return 'refused';
    case 'importing':
      return 'importing…';
    case 'imported':
      return `imported · ${f.result?.turns ?? 0} turns, ${f.result?.units ?? 0} units`;
    case 'failed':
      return 'not imported';
  }
}

interface PanelProps {
  readonly file: FileEntry;
  readonly participants: ReturnType<typeof useWorkspace.getState>['participants'];
  readonly groupId: string | null;
  readonly sameLabelSamePerson: boolean;
  readonly onPatch: (change: Partial<FileEntry>) => void;
  readonly onReread: (change: Partial<Reading>) => void;
}

function FilePanel({ file, participants, groupId, sameLabelSamePerson, onPatch, onReread }: PanelProps) {
  if (file.status === 'refused' || file.status === 'failed') {
    return (
      <p className="import-error" role="alert">
        {file.message}
      </p>
    );
  }
  if (file.status === 'imported') {
    return (
      <p>
        Imported as “{file.result?.title}”: {file.result?.turns} turns, {file.result?.units} meaning units, {file.result?.participantsCreated} new participants
        {file.result?.participantsMapped ? `, ${file.result.participantsMapped} matched to existing ones` : ''}
        {file.result?.codings ? `, ${file.result.codings} codings from the tag column (${file.result.codesCreated} new codes)` : ''}.
      </p>
    );
  }
  if (!file.preview || !file.details) return <p className="muted">Reading…</p>;
  const p = file.preview;
  const d = file.details;
  const setDetails = (change: Partial<Details>) => onPatch({ details: { ...d, ...change } });
  return (
    <div className="file-panel">
      <div className="file-fields">
        <label>
          Title
          <input value={d.title} onChange={(e) => setDetails({ title: e.target.value })} />
        </label>
        <label>
          Kind
          <select aria-label="Kind" value={d.kind} onChange={(e) => setDetails({ kind: e.target.value as DocumentKind })}>
            {DOCUMENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {DOCUMENT_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Session
          <input value={d.sessionName} onChange={(e) => setDetails({ sessionName: e.target.value })} placeholder="e.g. Focus group 2" />
        </label>
        <label>
          Date
          <input type="date" value={d.sessionDate} onChange={(e) => setDetails({ sessionDate: e.target.value })} />
        </label>
        <label>
          Facilitator
          <input value={d.facilitator} onChange={(e) => setDetails({ facilitator: e.target.value })} />
        </label>
        <label>
          Minutes
          <input type="number" min={0} value={d.durationMinutes} onChange={(e) => setDetails({ durationMinutes: e.target.value })} />
        </label>
      </div>
      <p className="muted small">
        {p.format.toUpperCase()}
        {p.encoding ? ` · ${p.encoding}` : ''} · {p.textLength.toLocaleString()} characters · {plural(p.turns, 'turn')}
      </p>
      {p.header && (
        <div className="import-header" role="note" aria-label="Header of the transcript">
          <p className="small">
            <strong>Read as the document’s details, not as speech</strong> (filled in above; the lines are kept in the notes):
          </p>
          <pre className="excerpt">{p.header.lines.join('\n')}</pre>
        </div>
      )}
      {p.csv && <CsvColumns preview={p} detect={file.read.detect} onReread={onReread} />}
      <label className="inline">
        <input type="checkbox" checked={file.read.detect} onChange={(e) => onReread({ detect: e.target.checked, csv: p.csv?.choice, oneSpeaker: undefined })} /> Find speakers (labels such as “P1:”,
        “Interviewer:”, voice tags)
      </label>
      {file.read.oneSpeaker !== undefined && (
        <p className="small one-speaker" role="status">
          Read as the words of one speaker, every paragraph a turn.{' '}
          <button type="button" className="link" onClick={() => onReread({ oneSpeaker: undefined })}>
            Find labels instead
          </button>
        </p>
      )}
      {p.speakers.length === 0 && file.read.detect && file.read.oneSpeaker === undefined && p.lines !== null ? (
        <NoSpeakerFound onOneSpeaker={() => onReread({ oneSpeaker: 'Speaker' })} onMarkByHand={() => onPatch({ linesOpen: true })} />
      ) : (
        <SpeakerTable
          rows={file.rows}
          participants={participants}
          groupId={groupId}
          sameLabelSamePerson={sameLabelSamePerson}
          onChange={(rows) => onPatch({ rows })}
          onNotLabel={(lines) => onReread({ notLabelLines: [...file.read.notLabelLines, ...lines], labelLines: file.read.labelLines.filter((l) => !lines.includes(l)) })}
        />
      )}
      {p.lines !== null && (
        <LabelLines
          preview={p}
          open={file.linesOpen ?? false}
          onToggle={(open) => onPatch({ linesOpen: open })}
          onDecide={(line, decision) =>
            onReread({
              labelLines: [...file.read.labelLines.filter((l) => l !== line), ...(decision === 'label' ? [line] : [])],
              notLabelLines: [...file.read.notLabelLines.filter((l) => l !== line), ...(decision === 'text' ? [line] : [])],
            })
          }
        />
      )}
      <details>
        <summary className="small">The beginning of the text</summary>
        <pre className="excerpt">{p.excerpt}</pre>
      </details>
    </div>
  );
}

/** No line reads as a label: the text is one person's, or the user points at the labels. */
function NoSpeakerFound({ onOneSpeaker, onMarkByHand }: { onOneSpeaker: () => void; onMarkByHand: () => void }) {
  return (
    <div className="no-speaker" role="status">
      <p className="small">
        <strong>No speaker found:</strong> no line of this text reads as a speaker’s label. Is it one person’s words (a diary, a monologue), or are the labels
        written in a way Condensa does not know?
      </p>
      <div className="dialog-buttons left">
        <button type="button" onClick={onOneSpeaker}>
          One speaker
        </button>
        <button type="button" onClick={onMarkByHand}>
          Mark labels by hand
        </button>
      </div>
    </div>
  );
}

function CsvColumns({ preview, detect, onReread }: { preview: ImportPreview; detect: boolean; onReread: PanelProps['onReread'] }) {
  const csv = preview.csv!;
  const choice = csv.choice;
  const set = (change: Partial<CsvChoice>) => onReread({ detect, csv: { ...choice, ...change } });
  const nonSpeech = csv.nonSpeech.link + csv.nonSpeech.note + csv.nonSpeech.empty;
  const column = (label: string, value: number | null, onChange: (v: number | null) => void, optional: boolean) => (
    <label>
      {label}
      <select aria-label={label} value={value === null ? '' : String(value)} onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}>
        {optional && <option value="">none</option>}
        {csv.columns.map((c, i) => (
          <option key={i} value={i}>
            {c}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div className="csv-columns">
      {column('Speaker column', choice.speakerColumn, (v) => set({ speakerColumn: v }), true)}
      {column('Text column', choice.textColumn, (v) => set({ textColumn: v ?? 0 }), false)}
      {column('Time column', choice.timestampColumn, (v) => set({ timestampColumn: v }), true)}
      {column('Tag column', choice.tagColumn, (v) => set({ tagColumn: v, importTags: v !== null }), true)}
      <label className="inline">
        <input type="checkbox" checked={choice.hasHeader} onChange={(e) => set({ hasHeader: e.target.checked })} /> First row holds column names
      </label>
      <span className="muted small">{csv.rows} rows</span>
      {nonSpeech > 0 && (
        <div className="csv-non-speech">
          <label className="inline">
            <input type="checkbox" checked={choice.skipNonSpeech} onChange={(e) => set({ skipNonSpeech: e.target.checked })} /> Leave out rows that are not speech
          </label>
          <span className="muted small">
            {[
              csv.nonSpeech.link && plural(csv.nonSpeech.link, 'lone link'),
              csv.nonSpeech.note && plural(csv.nonSpeech.note, 'note'),
              csv.nonSpeech.empty && `${plural(csv.nonSpeech.empty, 'row')} without text (always left out)`,
            ]
              .filter(Boolean)
              .join(', ')}
          </span>
          <ul className="small" aria-label="Rows that are not speech">
            {csv.nonSpeechRows.slice(0, 8).map((r) => (
              <li key={r.row}>
                Row {r.row} ({ROW_KIND_NAMES[r.kind]}): {r.text || '—'}
              </li>
            ))}
          </ul>
        </div>
      )}
      {csv.tags.length > 0 && choice.tagColumn !== null && (
        <label className="inline">
          <input type="checkbox" checked={choice.importTags} onChange={(e) => set({ importTags: e.target.checked })} /> Import the tags as codes of those turns' meaning units (
          {csv.tags.length} codes: {csv.tags.slice(0, 6).map((t) => `${t.name} (${t.turns})`).join(', ')}
          {csv.tags.length > 6 ? ', …' : ''}), as your codings
        </label>
      )}
    </div>
  );
}

const ROW_KIND_NAMES: Readonly<Record<CsvRowKind, string>> = { speech: 'speech', link: 'a lone link', note: 'a note', empty: 'no text' };
