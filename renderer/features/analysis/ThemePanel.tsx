import { useEffect, useState } from 'react';
import type { MapNode } from '../../../shared/api/methods/analysis';
import { NODE_LEVEL_LABELS, THEME_STATUSES, type ThemeStatus } from '../../../shared/domain/vocabulary';
import { attempt } from '../../state/app-store';
import { useAnalysisQuery } from './use-analysis-query';

export const STATUS_LABELS: Readonly<Record<ThemeStatus, string>> = { candidate: 'Candidate', reviewed: 'Reviewed', defined: 'Defined' };

/** The review of one theme: its name (with earlier names), status and definition. */
export function ThemePanel({ node, onClose }: { node: MapNode; onClose: () => void }) {
  const [name, setName] = useState(node.name);
  const [definition, setDefinition] = useState(node.definition);
  const history = useAnalysisQuery('analysis.nameHistory', { nodeId: node.id }).data ?? [];
  useEffect(() => setName(node.name), [node.id, node.name]);
  useEffect(() => setDefinition(node.definition), [node.id, node.definition]);
  const reviewable = node.level !== 'code';

  return (
    <aside className="theme-panel" aria-label="Selected node">
      <div className="theme-panel-head muted small">
        <span>
          {NODE_LEVEL_LABELS[node.level]} · {node.units} units
        </span>
        <button type="button" className="link" onClick={onClose}>
          Close
        </button>
      </div>
      <form
        className="inline-form rename-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim() && name.trim() !== node.name) void attempt('analysis.updateTheme', { id: node.id, name: name.trim() });
        }}
      >
        <input aria-label="Name" value={name} onChange={(e) => setName(e.target.value)} />
        <button type="submit" disabled={!name.trim() || name.trim() === node.name}>
          Rename
        </button>
      </form>
      {reviewable && (
        <label>
          Review status
          <select
            aria-label="Review status"
            value={node.status ?? ''}
            onChange={(e) => void attempt('analysis.updateTheme', { id: node.id, status: (e.target.value || null) as ThemeStatus | null })}
          >
            <option value="">Not reviewed yet</option>
            {THEME_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        Definition
        <textarea aria-label="Definition" rows={6} value={definition} onChange={(e) => setDefinition(e.target.value)} />
      </label>
      <button type="button" disabled={definition === node.definition} onClick={() => void attempt('analysis.updateTheme', { id: node.id, definition })}>
        Save definition
      </button>
      {reviewable && (
        <>
          <h4 className="section-title">Earlier names</h4>
          {history.length === 0 ? (
            <p className="muted small">Not renamed yet.</p>
          ) : (
            <ol className="name-history" aria-label="Earlier names">
              {history.map((h) => (
                <li key={h.id}>
                  <span className="old-name">{h.name}</span>
                  <span className="muted small">
                    {' '}
                    until {new Date(h.changedAt).toLocaleString()}
                    {h.coderName ? ` (${h.coderName})` : ''}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </aside>
  );
}
