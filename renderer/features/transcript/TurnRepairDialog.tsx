import { useMemo, useRef, useState } from 'react';
import type { Turn } from '../../../shared/api/entities';
import { Dialog, DialogForm } from '../../components/Dialog';
import { attempt } from '../../state/app-store';
import { useWorkspace } from '../../state/workspace-store';
import { speakerName } from './transcript-layout';
import { useTranscript } from './transcript-store';
import { lineAt } from './turn-lines';

const close = () => useTranscript.setState({ repair: null });

/** The participants as a speaker list: value '' keeps the speaker as it is, 'none' is nobody, 'new' a participant not yet in the study. */
function SpeakerSelect({ label, value, onChange, keepLabel }: { label: string; value: string; onChange: (v: string) => void; keepLabel?: string }) {
  const participants = useWorkspace((s) => s.participants);
  return (
    <label>
      {label}
      <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} autoFocus>
        {keepLabel && <option value="">{keepLabel}</option>}
        {participants.map((p) => (
          <option key={p.id} value={p.id}>
            {p.label}
            {p.pseudonym ? ` (${p.pseudonym})` : ''}
          </option>
        ))}
        {!keepLabel && <option value="none">Not a participant</option>}
        {keepLabel && <option value="new">A new participant…</option>}
      </select>
    </label>
  );
}

function excerpt(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Corrects the words of a turn; from the caret in the text, splits the turn there or marks the line as not speech. */
function CorrectForm({ turn, text, who }: { turn: Turn; text: string; who: string }) {
  const original = text.slice(turn.start, turn.end);
  const [value, setValue] = useState(original);
  const [splitting, setSplitting] = useState<number | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const changed = value !== original;
  const save = async () => {
    if (!changed) return close();
    if (await attempt('turns.editText', { turnId: turn.id, text: value })) close();
  };
  // The caret in the box counts in the turn's words as they stand: splitting waits until a correction is saved.
  const caret = () => (area.current ? area.current.selectionStart : 0);
  const markLine = async () => {
    const at = turn.start + caret();
    const end = area.current && area.current.selectionEnd > area.current.selectionStart ? turn.start + area.current.selectionEnd : null;
    const line = lineAt(text, turn, at, end);
    if (await attempt('turns.markNotSpeech', { turnId: turn.id, start: line.start, end: line.end, notSpeech: true })) close();
  };
  if (splitting !== null) return <SplitForm turn={turn} text={text} at={splitting} onBack={() => setSplitting(null)} />;
  return (
    <DialogForm onSubmit={save} onCancel={close} submitLabel={changed ? 'Save correction' : 'Close'}>
      <p className="muted small">
        {who}. Change the words as they were said; meaning units, codings, condensations and memos stay on their words. Ctrl+Enter saves.
      </p>
      <textarea
        ref={area}
        aria-label="Words of the turn"
        className="turn-text-editor"
        value={value}
        rows={Math.min(16, Math.max(4, Math.ceil(value.length / 70)))}
        autoFocus
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void save();
          }
        }}
      />
      <div className="repair-actions small">
        <button type="button" disabled={changed} title={changed ? 'Save the correction first' : 'Put the caret where the next speaker begins'} onClick={() => setSplitting(turn.start + caret())}>
          Split turn at the caret…
        </button>
        <button type="button" disabled={changed} title={changed ? 'Save the correction first' : 'The line the caret is on, or the selected words'} onClick={() => void markLine()}>
          Mark the caret’s line as not speech
        </button>
      </div>
    </DialogForm>
  );
}

/** Says who speaks from the cut on, then splits the turn there. */
function SplitForm({ turn, text, at, onBack }: { turn: Turn; text: string; at: number; onBack?: () => void }) {
  const [speaker, setSpeaker] = useState('');
  const [newLabel, setNewLabel] = useState('');
  const from = Math.max(turn.start, at - 60);
  const to = Math.min(turn.end, at + 80);
  const before = `${from > turn.start ? '…' : ''}${excerpt(text.slice(from, at), 200)}`;
  const after = `${excerpt(text.slice(at, to), 200)}${to < turn.end ? '…' : ''}`;
  const split = async () => {
    const fresh = speaker === 'new';
    const params = { turnId: turn.id, at, participantId: speaker === '' || fresh ? null : speaker, newSpeaker: fresh ? newLabel.trim() : undefined };
    if (await attempt('turns.split', params)) close();
  };
  return (
    <DialogForm onSubmit={split} onCancel={onBack ?? close} submitLabel="Split turn" disabled={speaker === 'new' && newLabel.trim() === ''}>
      <p className="small">
        {before} <strong aria-label="cut">|</strong> {after}
      </p>
      <SpeakerSelect label="Who speaks from here on" value={speaker} onChange={setSpeaker} keepLabel="The same speaker" />
      {speaker === 'new' && (
        <label>
          Label of the new participant
          <input value={newLabel} onChange={(e) => setNewLabel(e.target.value)} placeholder="As written in the transcript, e.g. Mentee 3" autoFocus />
        </label>
      )}
    </DialogForm>
  );
}

function SpeakerForm({ turn }: { turn: Turn }) {
  const [speaker, setSpeaker] = useState(turn.participantId ?? 'none');
  const save = async () => {
    if (await attempt('turns.update', { turnIds: [turn.id], participantId: speaker === 'none' ? null : speaker })) close();
  };
  return (
    <DialogForm onSubmit={save} onCancel={close} submitLabel="Change speaker">
      <SpeakerSelect label="Who speaks in this turn" value={speaker} onChange={setSpeaker} />
    </DialogForm>
  );
}

const TITLES = { correct: 'Correct transcript', split: 'Split turn here', speaker: 'Change speaker' } as const;

/** The repair of one turn the user asked for (see turn-repair.ts). */
export function TurnRepairDialog() {
  const request = useTranscript((s) => s.repair);
  const detail = useWorkspace((s) => s.detail);
  const participants = useWorkspace((s) => s.participants);
  const people = useMemo(() => new Map(participants.map((p) => [p.id, p])), [participants]);
  const turn = detail?.turns.find((t) => t.id === request?.turnId);
  if (!request || !detail || !turn) return null;
  const who = `${turn.notSpeech ? 'Not speech' : speakerName(turn, people)} in ${detail.document.title}`;
  return (
    <Dialog title={TITLES[request.mode]} onClose={close}>
      {request.mode === 'correct' && <CorrectForm turn={turn} text={detail.text} who={who} />}
      {request.mode === 'split' && <SplitForm turn={turn} text={detail.text} at={request.at ?? turn.start} />}
      {request.mode === 'speaker' && (
        <>
          <p className="muted small">“{excerpt(detail.text.slice(turn.start, turn.end))}” ({who})</p>
          <SpeakerForm turn={turn} />
        </>
      )}
    </Dialog>
  );
}
