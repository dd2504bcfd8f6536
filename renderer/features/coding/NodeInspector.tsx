import { useEffect, useState } from 'react';
import type { Retrieval } from '../../../shared/api/methods/codebook';
import { projectLevelWord } from '../../state/level-words';
import { attempt, callQuietly, useAppStore } from '../../state/app-store';
import { useTablesVersion } from '../../state/query-cache';
import { openDocument, selectUnit, useWorkspace } from '../../state/workspace-store';
import { useCoding } from './coding-store';

async function goToUnit(documentId: string, unitId: string): Promise<void> {
  if (useWorkspace.getState().documentId !== documentId) await openDocument(documentId);
  selectUnit(unitId);
  useCoding.setState({ focus: 'unit' });
  useAppStore.setState({ view: 'transcript' });
}

/** A code, category or theme: its definition, counts, and every unit under it, ready to pick as quotes. */
export function NodeInspector({ nodeId }: { nodeId: string }) {
  const changed = useTablesVersion(['codings', 'meaning_units', 'codebook_nodes', 'codebook_links', 'quotes', 'memos', 'documents']);
  const coders = useWorkspace((s) => s.coders);
  const [data, setData] = useState<Retrieval | null>(null);
  useEffect(() => {
    let live = true;
    void callQuietly('codebook.retrieve', { nodeId, limit: 500 }).then((r) => live && setData(r));
    return () => {
      live = false;
    };
  }, [nodeId, changed]);
  if (!data || data.node.id !== nodeId) return <p className="muted small pad">Loading…</p>;
  const { node, counts, units } = data;

  // The box follows the click at once and goes back only if the change is refused.
  const toggleQuote = async (unitId: string, quote: boolean) => {
    const mark = (value: boolean) => setData((d) => (d ? { ...d, units: d.units.map((u) => (u.unitId === unitId ? { ...u, quote: value } : u)) } : d));
    mark(quote);
    if (!(await attempt('quotes.set', { nodeId, unitId, quote }))) mark(!quote);
  };

  return (
    <div className="node-inspector" aria-label="Code details">
      <h3>{projectLevelWord(node.level)}</h3>
      <div className="node-title">
        <span className="swatch" style={{ background: node.colour }} /> <strong>{node.name}</strong>
      </div>
      {node.definition && <p className="small">{node.definition}</p>}
      <dl className="counts" aria-label="Counts">
        <div>
          <dt>Units</dt>
          <dd data-testid="count-units">{counts.units}</dd>
        </div>
        <div>
          <dt>Participants</dt>
          <dd data-testid="count-participants">{counts.participants}</dd>
        </div>
        <div>
          <dt>Documents</dt>
          <dd data-testid="count-documents">{counts.documents}</dd>
        </div>
      </dl>
      {data.unitsPerCoder.length > 1 && (
        <p className="small" data-testid="units-per-coder">
          Units per coder:{' '}
          {data.unitsPerCoder.map((c) => `${coders.find((x) => x.id === c.coderId)?.name ?? 'unknown coder'} ${c.units}`).join(' · ')}
        </p>
      )}
      <button type="button" className="link" onClick={() => useCoding.setState({ memo: { targetType: 'node', targetId: node.id, label: node.name } })}>
        Write a memo on this {projectLevelWord(node.level).toLowerCase()}
      </button>
      <h3>Coded units</h3>
      {units.length === 0 && <p className="muted small">No units are coded here yet.</p>}
      <ul className="retrieval" aria-label="Coded units">
        {units.map((u) => (
          <li key={u.unitId} className={u.quote ? 'quote' : ''}>
            <blockquote dir="auto">{u.text}</blockquote>
            <div className="muted small">
              {u.pseudonym ?? u.speaker ?? 'unknown speaker'} · {u.documentTitle}
              {u.sessionDate ? ` · ${u.sessionDate}` : ''}
              {Object.keys(u.attributes).length > 0 && ` · ${Object.entries(u.attributes).map(([k, v]) => `${k}: ${v}`).join(', ')}`}
            </div>
            <div className="muted small">
              {u.codings.map((c) => coders.find((x) => x.id === c.coderId)?.initials ?? '?').join(' ')}
            </div>
            <div className="retrieval-actions">
              <button type="button" className="link" onClick={() => void goToUnit(u.documentId, u.unitId)}>
                Show in transcript
              </button>
              <label className="inline">
                <input type="checkbox" checked={u.quote} onChange={(e) => void toggleQuote(u.unitId, e.target.checked)} /> Mark as quote
              </label>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
