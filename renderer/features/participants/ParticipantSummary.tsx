import { useEffect, useState } from 'react';
import type { SummaryRow } from '../../../shared/api/methods/participants';
import { attempt } from '../../state/app-store';
import { useTablesVersion } from '../../state/query-cache';
import { useWorkspace } from '../../state/workspace-store';

function countsText(counts: Record<string, number> | undefined): string {
  if (!counts) return '';
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([v, n]) => `${v || 'not given'} ${n}`)
    .join(', ');
}

/** The participants table of a paper: per session (or group), how many took part and how their attributes count. */
export function ParticipantSummary() {
  const attributes = useWorkspace((s) => s.attributes);
  const changed = useTablesVersion(['participants', 'participant_values', 'attributes', 'documents', 'document_groups', 'turns']);
  const [by, setBy] = useState<'document' | 'group'>('document');
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [rows, setRows] = useState<{ rows: SummaryRow[]; total: SummaryRow } | null>(null);
  const ids = chosen ?? attributes.filter((a) => a.type === 'choice' || a.type === 'boolean').map((a) => a.id);
  const key = ids.join(',');

  useEffect(() => {
    void attempt('participants.summary', { by, attributeIds: key ? key.split(',') : [] }).then(setRows);
  }, [by, key, changed]);

  const shown = attributes.filter((a) => ids.includes(a.id));
  return (
    <section className="participant-summary" aria-label="Participants summary">
      <div className="toolbar">
        <h3>Summary</h3>
        <label className="inline">
          per
          <select aria-label="Summary per" value={by} onChange={(e) => setBy(e.target.value as 'document' | 'group')}>
            <option value="document">session</option>
            <option value="group">document group</option>
          </select>
        </label>
        {attributes.map((a) => (
          <label key={a.id} className="inline small">
            <input type="checkbox" checked={ids.includes(a.id)} onChange={(e) => setChosen(e.target.checked ? [...ids, a.id] : ids.filter((x) => x !== a.id))} /> {a.name}
          </label>
        ))}
      </div>
      {rows && (
        <table className="data-table" aria-label="Participants per session">
          <thead>
            <tr>
              <th>{by === 'document' ? 'Session' : 'Group'}</th>
              <th>Participants</th>
              {shown.map((a) => (
                <th key={a.id}>{a.name}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[...rows.rows, rows.total].map((r) => (
              <tr key={r.key} className={r.key === 'total' ? 'total' : ''}>
                <td>{r.label}</td>
                <td>{r.participants}</td>
                {shown.map((a) => (
                  <td key={a.id}>{countsText(r.counts[a.id])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted small">Facilitators’ turns are not counted: a participant counts in a session when they speak there as a participant.</p>
    </section>
  );
}
