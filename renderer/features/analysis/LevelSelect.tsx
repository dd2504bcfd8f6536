import { useMemo } from 'react';
import { NODE_LEVELS, type NodeLevel } from '../../../shared/domain/vocabulary';
import { useWorkspace } from '../../state/workspace-store';
import { LEVEL_PLURALS } from './analysis-store';

/** Chooses a codebook level among those the codebook uses; `extra` adds options after them (e.g. every node). */
export function LevelSelect<V extends string = NodeLevel>({
  label,
  name,
  value,
  onChange,
  extra,
}: {
  readonly label: string;
  readonly name: string;
  readonly value: NodeLevel | V;
  readonly onChange: (value: NodeLevel | V) => void;
  readonly extra?: readonly { readonly value: V; readonly label: string }[];
}) {
  const nodes = useWorkspace((s) => s.nodes);
  const levels = useMemo(() => NODE_LEVELS.filter((l) => nodes.some((n) => n.level === l)), [nodes]);
  return (
    <label className="inline">
      {label}
      <select aria-label={name} value={value} onChange={(e) => onChange(e.target.value as NodeLevel | V)}>
        {levels.map((l) => (
          <option key={l} value={l}>
            {LEVEL_PLURALS[l]}
          </option>
        ))}
        {extra?.map((x) => (
          <option key={x.value} value={x.value}>
            {x.label}
          </option>
        ))}
      </select>
    </label>
  );
}
