import { useMemo, useState } from 'react';
import { fuzzyScore } from '../../../shared/domain/fuzzy';
import { projectLevelWord } from '../../state/level-words';
import { Dialog } from '../../components/Dialog';
import { useAppStore } from '../../state/app-store';
import { useWorkspace } from '../../state/workspace-store';
import { flattenCodebook, moveTargets } from './codebook-tree';
import { moveSelection } from './tree-moves';
import type { MovingNode } from './tree-store';

interface Target {
  readonly id: string | null;
  readonly name: string;
  readonly where: string;
  readonly level: string;
}

const TOP: Target = { id: null, name: 'Top of the codebook', where: '', level: '' };

/** A name that holds the typed words whole ranks first, then letters in order in the name, then in where it sits. */
function targetScore(query: string, target: Target): number | null {
  const q = query.trim().toLowerCase();
  const name = target.name.toLowerCase();
  const whole = name === q ? 300 : name.startsWith(q) ? 200 : name.includes(q) ? 100 : 0;
  const inName = fuzzyScore(q, name);
  if (inName !== null) return whole + inName;
  const inPlace = fuzzyScore(q, `${target.name} ${target.where}`);
  return inPlace === null ? null : inPlace - 100;
}

/** "Move to…": a searchable list of the nodes the selection may go under (never itself, its branch, or a lower level). */
export function MoveDialog({ moving, onClose }: { moving: readonly MovingNode[]; onClose: () => void }) {
  const nodes = useWorkspace((s) => s.nodes);
  const [filter, setFilter] = useState('');
  const [index, setIndex] = useState(0);
  const severalParents = useAppStore((s) => s.project?.settings.allowMultipleParents ?? false);
  const [alsoKeep, setAlsoKeep] = useState(false);
  const movingNodes = useMemo(() => moving.flatMap((m) => nodes.filter((n) => n.id === m.id)), [moving, nodes]);
  const targets = useMemo(() => {
    const allowed = new Set(moveTargets(nodes, movingNodes).map((n) => n.id));
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const seen = new Set<string>();
    const list: Target[] = [];
    for (const row of flattenCodebook(nodes)) {
      if (!allowed.has(row.node.id) || seen.has(row.node.id)) continue;
      seen.add(row.node.id);
      const above = row.path.split('/').slice(1, -1).map((id) => byId.get(id)?.name ?? '');
      list.push({ id: row.node.id, name: row.node.name, where: above.join(' › '), level: projectLevelWord(row.node.level) });
    }
    return list;
  }, [nodes, movingNodes]);
  const shown = filter.trim()
    ? targets
        .map((t) => ({ t, score: targetScore(filter, t) }))
        .filter((x): x is { t: Target; score: number } => x.score !== null)
        .sort((a, b) => b.score - a.score)
        .map((x) => x.t)
    : [TOP, ...targets];
  const active = shown[Math.min(index, shown.length - 1)];
  const what = movingNodes.length === 1 ? `“${movingNodes[0].name}”` : `${movingNodes.length} selected nodes`;
  const move = async (target: Target | undefined) => {
    if (!target) return;
    if (await moveSelection(moving, { kind: 'inside', nodeId: target.id, at: 'last' }, alsoKeep)) onClose();
  };
  const optionId = (i: number) => `move-target-${i}`;
  return (
    <Dialog title={`Move ${what} to…`} onClose={onClose}>
      <input
        role="combobox"
        aria-expanded="true"
        aria-controls="move-targets"
        aria-activedescendant={active ? optionId(shown.indexOf(active)) : undefined}
        placeholder="Find where it goes"
        aria-label="Find where it goes"
        value={filter}
        onChange={(e) => {
          setFilter(e.target.value);
          setIndex(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setIndex((i) => Math.min(shown.length - 1, i + 1));
          else if (e.key === 'ArrowUp') setIndex((i) => Math.max(0, i - 1));
          else if (e.key === 'Enter') void move(active);
          else return;
          e.preventDefault();
        }}
      />
      <ul className="choice-list" id="move-targets" role="listbox" aria-label="Where it goes">
        {shown.map((t, i) => (
          <li
            key={t.id ?? 'top'}
            id={optionId(i)}
            role="option"
            aria-selected={t === active}
            className={t === active ? 'active' : ''}
            onClick={() => setIndex(i)}
            onDoubleClick={() => void move(t)}
          >
            <span className="muted small">{t.level}</span> {t.name} {t.where && <span className="muted small">in {t.where}</span>}
          </li>
        ))}
        {shown.length === 0 && <li className="muted">No node by that name can take {what}.</li>}
      </ul>
      {severalParents ? (
        <label className="inline">
          <input type="checkbox" checked={alsoKeep} onChange={(e) => setAlsoKeep(e.target.checked)} /> Keep {movingNodes.length === 1 ? 'it' : 'them'} where{' '}
          {movingNodes.length === 1 ? 'it is' : 'they are'} too (shown under both)
        </label>
      ) : (
        <p className="small muted">To place a code under several categories at once, allow it in Project settings.</p>
      )}
      <p className="small muted">Not listed: {movingNodes.length === 1 ? 'the node itself' : 'the nodes themselves'}, what is beneath, and lower levels. Undo (Ctrl+Z) moves it back.</p>
      <div className="dialog-buttons">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={!active} onClick={() => void move(active)}>
          {alsoKeep ? 'Place under both' : 'Move'}
        </button>
      </div>
    </Dialog>
  );
}
