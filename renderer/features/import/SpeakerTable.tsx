import type { Participant } from '../../../shared/api/entities';
import { suggestedSamePerson, type SameLabel, type SpeakerChoice, type SpeakerRow } from './speaker-choices';

interface Props {
  readonly rows: readonly SpeakerRow[];
  readonly participants: readonly Participant[];
  /** The group the file goes into: a participant of the same label there is suggested as the same person. */
  readonly groupId: string | null;
  /** The dialog's switch: untouched labels already in the project are matched to their participant. */
  readonly sameLabelSamePerson: boolean;
  readonly onChange: (rows: SpeakerRow[]) => void;
  /** The user says a label's lines are speech, not a label. */
  readonly onNotLabel: (lines: readonly number[]) => void;
}

const whereSpoken = (p: SameLabel) => p.sessions.map((s) => s.title).join(', ') || 'no session yet';

/** Under a label: who already has it in the project, with a one-click "same person" where it is suggested. */
function SameLabelHint({ row, groupId, sameLabelSamePerson, onChoose }: { row: SpeakerRow; groupId: string | null; sameLabelSamePerson: boolean; onChoose: (participantId: string) => void }) {
  if (row.sameLabel.length === 0 || row.choice.mode !== 'new') return null;
  if (sameLabelSamePerson && !row.touched) return <div className="small muted">Matched by label to the participant {row.label} already in the project.</div>;
  const suggested = suggestedSamePerson(row, groupId);
  return (
    <div className="small same-label-hint">
      {suggested ? (
        <>
          {row.label} also speaks in {whereSpoken(suggested)}, in this group.{' '}
          <button type="button" className="link" onClick={() => onChoose(suggested.participantId)}>
            Same person
          </button>
        </>
      ) : (
        <>
          Another {row.label} speaks in {row.sameLabel.map(whereSpoken).join('; ')}: a different person unless you choose them above.
        </>
      )}
    </div>
  );
}

function choiceValue(c: SpeakerChoice): string {
  if (c.mode === 'existing') return `p:${c.participantId}`;
  if (c.mode === 'same') return `same:${c.label}`;
  return c.mode;
}

function choiceFrom(value: string, row: SpeakerRow): SpeakerChoice {
  if (value.startsWith('p:')) return { mode: 'existing', participantId: value.slice(2) };
  if (value.startsWith('same:')) return { mode: 'same', label: value.slice(5) };
  if (value === 'none') return { mode: 'none' };
  return { mode: 'new', name: row.choice.mode === 'new' ? row.choice.name : row.label };
}

/** The detected speakers: rename, merge two labels, map to an existing participant, mark facilitators, or leave a label as nobody. */
export function SpeakerTable({ rows, participants, groupId, sameLabelSamePerson, onChange, onNotLabel }: Props) {
  const update = (i: number, patch: Partial<SpeakerRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch, touched: true } : r)));
  if (rows.length === 0) return <p className="muted small">No speaker labels found: the text is imported as it is, in paragraphs.</p>;
  return (
    <table className="data-table speaker-table" aria-label="Detected speakers">
      <thead>
        <tr>
          <th>Label as spoken</th>
          <th>Turns</th>
          <th>First words</th>
          <th>Becomes</th>
          <th>Participant label</th>
          <th>Facilitator</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={row.label} className={row.choice.mode === 'none' ? 'muted' : ''}>
            <td>
              {row.label}
              {row.isPseudo && (
                <span className="tag pseudo" title="This label looks like no person (a break, an interlude): its turns stay, without a participant">
                  looks like no person
                </span>
              )}
            </td>
            <td>
              {row.turnCount}
              {row.heardOnce && (
                <span className="tag heard-once" title="This label speaks once: check that the line is a speaker's and not a line of speech">
                  heard once
                </span>
              )}
              {row.heardOnce && row.lines.length > 0 && (
                <button type="button" className="link small not-label" aria-label={`${row.label} is not a label`} onClick={() => onNotLabel(row.lines)}>
                  Not a label
                </button>
              )}
            </td>
            <td className="small first-words">{row.firstWords}</td>
            <td>
              <select aria-label={`What ${row.label} becomes`} value={choiceValue(row.choice)} onChange={(e) => update(i, { choice: choiceFrom(e.target.value, row) })}>
                <option value="new">A new participant</option>
                {participants.length > 0 && (
                  <optgroup label="The same person as an existing participant">
                    {participants.map((p) => (
                      <option key={p.id} value={`p:${p.id}`}>
                        {p.label}
                        {p.pseudonym ? ` (${p.pseudonym})` : ''}
                        {row.sameLabel.find((x) => x.participantId === p.id) ? ` – ${whereSpoken(row.sameLabel.find((x) => x.participantId === p.id)!)}` : ''}
                      </option>
                    ))}
                  </optgroup>
                )}
                {rows.length > 1 && (
                  <optgroup label="The same person as another label here">
                    {rows
                      .filter((r) => r.label !== row.label)
                      .map((r) => (
                        <option key={r.label} value={`same:${r.label}`}>
                          Same person as {r.label}
                        </option>
                      ))}
                  </optgroup>
                )}
                <option value="none">Not a participant (keep the turns, no person)</option>
              </select>
              <SameLabelHint row={row} groupId={groupId} sameLabelSamePerson={sameLabelSamePerson} onChoose={(participantId) => update(i, { choice: { mode: 'existing', participantId } })} />
            </td>
            <td>
              {row.choice.mode === 'new' ? (
                <input
                  aria-label={`Participant label for ${row.label}`}
                  value={row.choice.name}
                  onChange={(e) => update(i, { choice: { mode: 'new', name: e.target.value } })}
                />
              ) : (
                <span className="muted small">
                  {row.choice.mode === 'existing'
                    ? (participants.find((p) => p.id === (row.choice as { participantId: string }).participantId)?.label ?? '')
                    : row.choice.mode === 'same'
                      ? `as ${row.choice.label}`
                      : '—'}
                </span>
              )}
            </td>
            <td>
              <input
                type="checkbox"
                aria-label={`${row.label} is a facilitator`}
                checked={row.isFacilitator}
                disabled={row.choice.mode === 'none'}
                onChange={(e) => update(i, { isFacilitator: e.target.checked })}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
