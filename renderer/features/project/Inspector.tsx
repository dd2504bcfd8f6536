import { useDeferredValue, useMemo } from 'react';
import { useWorkspace } from '../../state/workspace-store';
import { useCoding } from '../coding/coding-store';
import { NodeInspector } from '../coding/NodeInspector';
import { UnitMemos } from '../coding/UnitMemos';
import { InterpretiveField } from '../coding/InterpretiveField';

export function Inspector() {
  // The inspector follows a moment after the transcript: a new chip is drawn first.
  const detail = useDeferredValue(useWorkspace((s) => s.detail));
  const unitId = useWorkspace((s) => s.unitId);
  const nodes = useWorkspace((s) => s.nodes);
  const coders = useWorkspace((s) => s.coders);
  const participants = useWorkspace((s) => s.participants);
  const unit = detail?.units.find((u) => u.id === unitId) ?? null;
  const turn = unit ? detail?.turns.find((t) => t.start <= unit.start && unit.start < t.end) : undefined;
  const person = turn?.participantId ? participants.find((p) => p.id === turn.participantId) : undefined;
  const byCoder = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const c of detail?.codings ?? []) {
      if (c.unitId !== unitId) continue;
      const name = nodes.find((n) => n.id === c.codeId)?.name ?? '?';
      map.set(c.coderId, [...(map.get(c.coderId) ?? []), name]);
    }
    return map;
  }, [detail, unitId, nodes]);

  const focus = useCoding((s) => s.focus);
  const nodeId = useCoding((s) => s.nodeId);
  const nodeShown = focus === 'node' && nodeId !== null && nodes.some((n) => n.id === nodeId);

  return (
    <aside className="inspector" aria-label="Inspector">
      {nodeShown ? (
        <NodeInspector nodeId={nodeId} />
      ) : !unit || !detail ? (
        <p className="muted small pad">Select a meaning unit to see its details.</p>
      ) : (
        <>
          <h3>Meaning unit</h3>
          <blockquote>{detail.text.slice(unit.start, unit.end)}</blockquote>
          <dl>
            <dt>Speaker</dt>
            <dd>
              {person?.label ?? turn?.speakerLabel ?? '—'}
              {person?.pseudonym && <span className="muted"> ({person.pseudonym})</span>}
              {person && turn?.speakerLabel && turn.speakerLabel !== person.label && <span className="muted small"> · spoken as “{turn.speakerLabel}”</span>}
            </dd>
            <dt>Condensation</dt>
            <dd>{unit.condensed || <span className="muted">not written yet</span>}</dd>
            <InterpretiveField unit={unit} />
            <dt>Codes</dt>
            <dd>
              {byCoder.size === 0 && <span className="muted">none yet</span>}
              {[...byCoder.entries()].map(([coderId, names]) => {
                const coder = coders.find((c) => c.id === coderId);
                return (
                  <div key={coderId}>
                    <span className="swatch" style={{ background: coder?.colour }} /> {coder?.name}: {names.join(', ')}
                  </div>
                );
              })}
            </dd>
            <UnitMemos unitId={unit.id} />
          </dl>
        </>
      )}
    </aside>
  );
}
