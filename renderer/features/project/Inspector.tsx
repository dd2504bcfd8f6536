import { useMemo } from 'react';
import { Pane } from '../../components/Pane';
import { useUnitCodings, useWorkspace } from '../../state/workspace-store';
import { useCoding } from '../coding/coding-store';
import { NodeInspector } from '../coding/NodeInspector';
import { UnitMemos } from '../coding/UnitMemos';
import { InterpretiveField } from '../coding/InterpretiveField';

export function Inspector() {
  // Only what a coding leaves as it was: applying a code redraws the inspector only for its own unit.
  const units = useWorkspace((s) => s.detail?.units);
  const turns = useWorkspace((s) => s.detail?.turns);
  const text = useWorkspace((s) => s.detail?.text);
  const unitId = useWorkspace((s) => s.unitId);
  const nodes = useWorkspace((s) => s.nodes);
  const coders = useWorkspace((s) => s.coders);
  const participants = useWorkspace((s) => s.participants);
  const unit = units?.find((u) => u.id === unitId) ?? null;
  const turn = unit ? turns?.find((t) => t.start <= unit.start && unit.start < t.end) : undefined;
  const person = turn?.participantId ? participants.find((p) => p.id === turn.participantId) : undefined;
  const codings = useUnitCodings(unitId);
  const byCoder = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const c of codings) {
      const name = nodes.find((n) => n.id === c.codeId)?.name ?? '?';
      map.set(c.coderId, [...(map.get(c.coderId) ?? []), name]);
    }
    return map;
  }, [codings, nodes]);

  const focus = useCoding((s) => s.focus);
  const nodeId = useCoding((s) => s.nodeId);
  const nodeShown = focus === 'node' && nodeId !== null && nodes.some((n) => n.id === nodeId);

  return (
    <Pane className="inspector" label="Inspector">
      {nodeShown ? (
        <NodeInspector nodeId={nodeId} />
      ) : !unit || text === undefined ? (
        <p className="muted small pad">Select a meaning unit to see its details.</p>
      ) : (
        <>
          <h3>Meaning unit</h3>
          <blockquote dir="auto">{text.slice(unit.start, unit.end)}</blockquote>
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
    </Pane>
  );
}
