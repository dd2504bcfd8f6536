import { useMemo, useState, type CSSProperties } from 'react';
import type { Turn } from '../../../shared/api/entities';
import { attempt } from '../../state/app-store';
import { useWorkspace } from '../../state/workspace-store';
import { speakerColours, speakerName } from './transcript-layout';
import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { changeSpeaker, correctTurn, mergeTurnWithNext } from './turn-repair';
import { formatPlayTime } from '../../../shared/text/turn-times';
import { playFrom, useMedia } from './media-store';

const coloursByTurns = new WeakMap<readonly Turn[], Map<string, string>>();

function useSpeakerColour(turn: Turn): string | undefined {
  const turns = useWorkspace((s) => s.detail?.turns);
  if (!turns) return undefined;
  let colours = coloursByTurns.get(turns);
  if (!colours) {
    colours = speakerColours(turns);
    coloursByTurns.set(turns, colours);
  }
  const key = turn.participantId ?? turn.speakerLabel;
  return key ? colours.get(key) : undefined;
}

/** The speaker and time of a turn, coloured per speaker; click the name to say who really speaks. */
export function TurnMeta({ turn, first }: { turn: Turn; first: boolean }) {
  const participants = useWorkspace((s) => s.participants);
  const people = useMemo(() => new Map(participants.map((p) => [p.id, p])), [participants]);
  const colour = useSpeakerColour(turn);
  const [choosing, setChoosing] = useState(false);
  if (!first) return <div className="turn-meta continued" aria-hidden="true" />;
  const name = speakerName(turn, people);
  const person = turn.participantId ? people.get(turn.participantId) : undefined;
  const spoken = turn.speakerLabel && person && person.label !== turn.speakerLabel ? `spoken as “${turn.speakerLabel}”` : '';
  const nobody = turn.speakerLabel !== null && turn.participantId === null;
  return (
    <div className="turn-meta">
      <TurnTime turn={turn} />
      {choosing ? (
        <SpeakerChooser turn={turn} onDone={() => setChoosing(false)} />
      ) : (
        <button
          type="button"
          className={colour ? 'speaker tinted' : 'speaker'}
          style={colour ? ({ '--tint': colour } as CSSProperties) : undefined}
          title={[person?.pseudonym ? `Pseudonym: ${person.pseudonym}` : '', spoken, 'Click to change who speaks'].filter(Boolean).join(' · ')}
          onClick={() => setChoosing(true)}
          disabled={turn.notSpeech || (turn.speakerLabel === null && turn.participantId === null)}
        >
          {name}
        </button>
      )}
      {turn.isFacilitator && !turn.notSpeech && <span className="tag">facilitator</span>}
      {nobody && !turn.notSpeech && <span className="tag">not a participant</span>}
      {turn.notSpeech && <span className="tag">not speech</span>}
      <TurnMenu turn={turn} />
    </div>
  );
}

/**
 * The turn's time; with a recording loaded, a button that plays from there. A turn without a time
 * of its own shows where it is placed between its neighbours, marked as estimated (≈).
 */
function TurnTime({ turn }: { turn: Turn }) {
  const time = useMedia((s) => (s.documentId === null ? undefined : s.times.get(turn.id)));
  if (!time || time.ms === null) return turn.timestamp ? <span className="timestamp">{turn.timestamp}</span> : null;
  const ms = time.ms;
  const shown = time.estimated ? `≈${formatPlayTime(ms)}` : (turn.timestamp ?? formatPlayTime(ms));
  return (
    <button
      type="button"
      className={`timestamp play-from${time.estimated ? ' estimated' : ''}`}
      aria-label={`Play from ${formatPlayTime(ms)}${time.estimated ? ' (estimated: this turn has no time of its own)' : ''}`}
      title={time.estimated ? 'Placed between the times of the turns around it' : 'Play the recording from here'}
      onClick={() => playFrom(ms)}
    >
      {shown}
    </button>
  );
}

/** Reassigns the turns of one label in this document (or only this turn) to another participant. */
function SpeakerChooser({ turn, onDone }: { turn: Turn; onDone: () => void }) {
  const participants = useWorkspace((s) => s.participants);
  const turns = useWorkspace((s) => s.detail?.turns ?? []);
  const [all, setAll] = useState(true);
  const sameLabel = turns.filter((t) => t.speakerLabel === turn.speakerLabel).map((t) => t.id);
  const assign = async (value: string) => {
    const participantId = value === 'none' ? null : value;
    const ids = all && turn.speakerLabel !== null ? sameLabel : [turn.id];
    await attempt('turns.update', { turnIds: ids, participantId });
    onDone();
  };
  return (
    <div className="speaker-chooser" onKeyDown={(e) => e.key === 'Escape' && onDone()}>
      <select aria-label="Who speaks" autoFocus defaultValue={turn.participantId ?? 'none'} onChange={(e) => void assign(e.target.value)} onBlur={onDone}>
        <option value="none">Not a participant</option>
        {participants.map((p) => (
          <option key={p.id} value={p.id}>
            {p.label}
            {p.pseudonym ? ` (${p.pseudonym})` : ''}
          </option>
        ))}
      </select>
      {turn.speakerLabel !== null && sameLabel.length > 1 && (
        <label className="inline small" onMouseDown={(e) => e.preventDefault()}>
          <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} /> all {sameLabel.length} “{turn.speakerLabel}” turns
        </label>
      )}
    </div>
  );
}

/** The repairs of one turn, for the mouse and the keyboard alike (the same commands as the Edit menu). */
function TurnMenu({ turn }: { turn: Turn }) {
  const last = useWorkspace((s) => s.detail?.turns.at(-1)?.id === turn.id);
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger className="link small turn-actions" aria-label="Repair this turn">
        Repair ▾
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu-content" align="start" sideOffset={2}>
          <DropdownMenu.Item className="menu-item" onSelect={() => correctTurn(turn)}>
            Correct transcript text… (F2)
          </DropdownMenu.Item>
          <DropdownMenu.Item className="menu-item" onSelect={() => correctTurn(turn)}>
            Split turn… (put the caret where the next speaker begins)
          </DropdownMenu.Item>
          <DropdownMenu.Item className="menu-item" disabled={turn.notSpeech} onSelect={() => changeSpeaker(turn)}>
            Change speaker…
          </DropdownMenu.Item>
          <DropdownMenu.Item className="menu-item" disabled={last} onSelect={() => void mergeTurnWithNext(turn)}>
            Merge with the next turn
          </DropdownMenu.Item>
          <DropdownMenu.Item className="menu-item" onSelect={() => void attempt('turns.markNotSpeech', { turnId: turn.id, notSpeech: !turn.notSpeech })}>
            {turn.notSpeech ? 'Mark as speech' : 'Mark the whole turn as not speech'}
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
