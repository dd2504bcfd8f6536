import { useEffect, useRef, useState } from 'react';
import type { MeaningUnit } from '../../../shared/api/entities';
import { call } from '../../state/app-store';
import { sendEdit } from '../../state/edit-conflict';
import { useWorkspace } from '../../state/workspace-store';

/** The interpretive condensation of the selected unit, edited in the inspector; saved when focus leaves. */
export function InterpretiveField({ unit }: { unit: MeaningUnit }) {
  const [value, setValue] = useState(unit.interpretive);
  // While the coder types, another window's change waits (caught at saving); otherwise it shows at once.
  const editing = useRef<number | null>(null);
  useEffect(() => {
    if (editing.current === null) setValue(unit.interpretive);
  }, [unit.id, unit.interpretive]);
  const save = async () => {
    const version = editing.current ?? unit.version;
    editing.current = null;
    if (value.trim() === unit.interpretive) return;
    const mine = value.trim();
    const saved = await sendEdit({
      what: 'interpretive condensation',
      mine,
      version,
      theirs: (d) => d.theirs.interpretive ?? '',
      send: (v) => call('units.condense', { unitId: unit.id, interpretive: mine, version: v }),
    }).catch(() => null);
    if (!saved) {
      // Refused, or theirs kept: the field shows the text as it is now.
      setValue(useWorkspace.getState().detail?.units.find((u) => u.id === unit.id)?.interpretive ?? unit.interpretive);
      return;
    }
    useWorkspace.setState((s) =>
      s.detail && s.detail.document.id === saved.documentId ? { detail: { ...s.detail, units: s.detail.units.map((u) => (u.id === saved.id ? saved : u)) } } : {},
    );
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
          onFocus={() => {
            editing.current = unit.version;
          }}
          onBlur={() => void save()}
          onKeyDown={(e) => e.stopPropagation()}
        />
      </dd>
    </>
  );
}
