import { useMemo, useState } from 'react';
import { Autocomplete, Input, ListBox, ListBoxItem, TextField, type Key } from 'react-aria-components';
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
const TOP_KEY = 'top-of-the-codebook';

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
  const [chosen, setChosen] = useState<Key | null>(null);
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
  // The option chosen (a click, the arrows), else the best match.
  const active = shown.find((t) => (t.id ?? TOP_KEY) === chosen) ?? shown[0];
  const what = movingNodes.length === 1 ? `“${movingNodes[0].name}”` : `${movingNodes.length} selected nodes`;
  const move = async (target: Target | undefined) => {
    if (!target) return;
    if (await moveSelection(moving, { kind: 'inside', nodeId: target.id, at: 'last' }, alsoKeep)) onClose();
  };
  const keyOf = (t: Target) => t.id ?? TOP_KEY;
  const byKey = (key: Key) => shown.find((t) => keyOf(t) === key);
  // React Aria's Autocomplete gives the field and the list the combobox keys: the arrows move the
  // option the field points at (and choose it), Enter or a double click moves there, a click chooses.
  return (
    <Dialog title={`Move ${what} to…`} onClose={onClose}>
      <Autocomplete
        inputValue={filter}
        onInputChange={(value) => {
          setFilter(value);
          setChosen(null);
        }}
      >
        <TextField aria-label="Find where it goes" autoFocus>
          <Input placeholder="Find where it goes" />
        </TextField>
        <ListBox
          className="choice-list move-targets"
          aria-label="Where it goes"
          items={shown}
          selectionMode="single"
          selectionBehavior="replace"
          disallowEmptySelection
          selectedKeys={active ? [keyOf(active)] : []}
          onSelectionChange={(keys) => setChosen(keys === 'all' ? null : ([...keys][0] ?? null))}
          onAction={(key) => void move(byKey(key))}
          renderEmptyState={() => <span className="muted">No node by that name can take {what}.</span>}
        >
          {(t) => (
            <ListBoxItem id={keyOf(t)} textValue={`${t.level} ${t.name}`} className="choice-option">
              <span className="muted small">{t.level}</span> {t.name} {t.where && <span className="muted small">in {t.where}</span>}
            </ListBoxItem>
          )}
        </ListBox>
      </Autocomplete>
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
