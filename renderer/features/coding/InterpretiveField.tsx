import { useEffect, useState } from 'react';
import type { MeaningUnit } from '../../../shared/api/entities';
import { attempt } from '../../state/app-store';
import { useWorkspace } from '../../state/workspace-store';

/** The interpretive condensation of the selected unit, edited in the inspector; saved when focus leaves. */
export function InterpretiveField({ unit }: { unit: MeaningUnit }) {
  const [value, setValue] = useState(unit.interpretive);
  useEffect(() => setValue(unit.interpretive), [unit.id, unit.interpretive]);
  const save = async () => {
    if (value.trim() === unit.interpretive) return;
    const saved = await attempt('units.condense', { unitId: unit.id, interpretive: value.trim() });
    if (saved) {
      useWorkspace.setState((s) =>
        s.detail && s.detail.document.id === saved.documentId ? { detail: { ...s.detail, units: s.detail.units.map((u) => (u.id === saved.id ? saved : u)) } } : {},
      );
    }
  };
  return (
    <>
      <dt>Interpretive condensation</dt>
      <dd>
        <textarea
          aria-label="Interpretive condensation"
          rows={2}
          value={value}
          placeholder="The underlying meaning, if you condense interpretively"
          onChange={(e) => setValue(e.target.value)}
          onBlur={() => void save()}
          onKeyDown={(e) => e.stopPropagation()}
        />
      </dd>
    </>
  );
}
