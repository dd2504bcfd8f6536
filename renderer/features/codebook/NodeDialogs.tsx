import { useEffect, useMemo, useState } from 'react';
import type { CodebookNode } from '../../../shared/api/entities';
import type { RetrievedUnit } from '../../../shared/api/methods/codebook';
import { subtreeIds } from '../../../shared/domain/codebook-tree';
import { fuzzyScore } from '../../../shared/domain/fuzzy';
import { projectLevelWord } from '../../state/level-words';
import { Dialog } from '../../components/Dialog';
import { attempt } from '../../state/app-store';
import { useWorkspace } from '../../state/workspace-store';
import { selectNode, showNotice } from '../coding/coding-store';

const codingsWord = (n: number) => `${n} coding${n === 1 ? '' : 's'}`;

const names = (list: readonly CodebookNode[]) => list.map((n) => `“${n.name}”`).join(', ');

/** Merges the selected codes (one or several) into a code that stays: one of them, or another of their level. */
export function MergeDialog({ sources: chosen, onClose }: { sources: readonly CodebookNode[]; onClose: () => void }) {
  const nodes = useWorkspace((s) => s.nodes);
  const [filter, setFilter] = useState('');
  const [targetId, setTargetId] = useState<string | null>(chosen.length > 1 ? chosen[0].id : null);
  const level = chosen[0].level;
  // No node merges into its own branch or an ancestor of it.
  const blocked = useMemo(() => {
    const sources = chosen.filter((n) => n.id !== targetId);
    const mine = sources.flatMap((s) => [...subtreeIds(nodes, s.id)]);
    const above = nodes.filter((n) => sources.some((s) => subtreeIds(nodes, n.id).has(s.id))).map((n) => n.id);
    return new Set([...mine, ...above].filter((id) => !chosen.some((c) => c.id === id)));
  }, [nodes, chosen, targetId]);
  const options = nodes
    .filter((n) => !blocked.has(n.id) && n.level === level && fuzzyScore(filter, n.name) !== null)
    .sort((a, b) => (fuzzyScore(filter, b.name) ?? 0) - (fuzzyScore(filter, a.name) ?? 0));
  const target = nodes.find((n) => n.id === targetId);
  const sources = chosen.filter((n) => n.id !== targetId);
  const mixed = chosen.some((n) => n.level !== level);
  const merge = async () => {
    if (!targetId || sources.length === 0) return;
    const r = await attempt('codebook.merge', { sourceId: sources[0].id, alsoSourceIds: sources.slice(1).map((n) => n.id), targetId });
    if (r) {
      showNotice(`Merged ${names(sources)} into “${r.target.name}”: ${codingsWord(r.movedCodings)} moved, ${r.collapsedCodings} duplicate${r.collapsedCodings === 1 ? '' : 's'} collapsed.`);
      selectNode(targetId);
      onClose();
    }
  };
  const codings = sources.reduce((n, s) => n + s.codings, 0);
  return (
    <Dialog title={chosen.length > 1 ? `Merge ${chosen.length} selected into…` : `Merge “${chosen[0].name}” into…`} onClose={onClose}>
      <input placeholder="Find the code to keep" aria-label="Find the code to keep" value={filter} onChange={(e) => setFilter(e.target.value)} />
      <ul className="choice-list" role="listbox" aria-label="Merge target">
        {options.map((n) => (
          <li key={n.id} role="option" aria-selected={n.id === targetId} className={n.id === targetId ? 'active' : ''} onClick={() => setTargetId(n.id)}>
            <span className="swatch" style={{ background: n.colour }} /> {n.name} <span className="muted small">{codingsWord(n.codings)}</span>
          </li>
        ))}
        {options.length === 0 && <li className="muted">No other {projectLevelWord(level).toLowerCase()} to merge into.</li>}
      </ul>
      <p className="small">
        {mixed
          ? 'Only nodes of one level merge: select codes alone, or categories alone.'
          : target && sources.length > 0
            ? `${names(sources)} disappear${sources.length === 1 ? 's' : ''}; ${codingsWord(codings)}, quotes and memos move to “${target.name}”. A unit coded with both by the same coder keeps one coding. Undo brings it all back.`
            : 'Choose the code that stays.'}
      </p>
      <div className="dialog-buttons">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={!target || sources.length === 0 || mixed} onClick={() => void merge()}>
          Merge
        </button>
      </div>
    </Dialog>
  );
}

export function SplitDialog({ node, onClose }: { node: CodebookNode; onClose: () => void }) {
  const [units, setUnits] = useState<readonly RetrievedUnit[] | null>(null);
  const [names, setNames] = useState<string[]>([`${node.name} (1)`, `${node.name} (2)`]);
  const [choice, setChoice] = useState<Record<string, number>>({});
  useEffect(() => {
    void attempt('codebook.retrieve', { nodeId: node.id, limit: 5000 }).then((r) => setUnits(r ? r.units.filter((u) => u.codings.some((c) => c.codeId === node.id)) : []));
  }, [node.id]);
  const split = async () => {
    if (!units) return;
    const parts = names.map((name, i) => ({
      name: name.trim() || `${node.name} (${i + 1})`,
      codingIds: units.filter((u) => choice[u.unitId] === i).flatMap((u) => u.codings.filter((c) => c.codeId === node.id).map((c) => c.id)),
    }));
    const r = await attempt('codebook.split', { id: node.id, parts, removeEmptyOriginal: units.every((u) => choice[u.unitId] !== undefined && choice[u.unitId] >= 0) });
    if (r) {
      showNotice(`Split “${node.name}”: ${codingsWord(r.movedCodings)} moved to ${r.created.length} new codes.`);
      onClose();
    }
  };
  return (
    <Dialog title={`Split “${node.name}”`} onClose={onClose}>
      <div className="split-names">
        {names.map((n, i) => (
          <label key={i}>
            New code {i + 1}
            <input value={n} onChange={(e) => setNames((list) => list.map((x, j) => (j === i ? e.target.value : x)))} />
          </label>
        ))}
        <button type="button" className="link" onClick={() => setNames((l) => [...l, `${node.name} (${l.length + 1})`])}>
          + another new code
        </button>
      </div>
      <p className="small muted">Choose where each unit’s coding goes; units left on “keep” stay with “{node.name}”.</p>
      <ul className="split-units">
        {units === null && <li className="muted">Loading…</li>}
        {units?.map((u) => (
          <li key={u.unitId}>
            <span className="small">{u.text.length > 140 ? `${u.text.slice(0, 140)}…` : u.text}</span>
            <select aria-label="Goes to" value={choice[u.unitId] ?? -1} onChange={(e) => setChoice((c) => ({ ...c, [u.unitId]: Number(e.target.value) }))}>
              <option value={-1}>keep</option>
              {names.map((n, i) => (
                <option key={i} value={i}>
                  {n || `New code ${i + 1}`}
                </option>
              ))}
            </select>
          </li>
        ))}
      </ul>
      <div className="dialog-buttons">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={!units} onClick={() => void split()}>
          Split
        </button>
      </div>
    </Dialog>
  );
}

export function DeleteDialog({ node, onClose }: { node: CodebookNode; onClose: () => void }) {
  const [withChildren, setWithChildren] = useState(false);
  const [preview, setPreview] = useState<{ nodes: number; codings: number; quotes: number; memos: number; children: number } | null>(null);
  useEffect(() => {
    void attempt('codebook.deletePreview', { id: node.id, withChildren }).then(setPreview);
  }, [node.id, withChildren]);
  const level = projectLevelWord(node.level).toLowerCase();
  const remove = async () => {
    const r = await attempt('codebook.delete', { id: node.id, withChildren });
    if (r) {
      showNotice(`Deleted “${node.name}” and ${codingsWord(r.codings)}. Undo (Ctrl+Z) brings them back.`);
      selectNode(null);
      onClose();
    }
  };
  return (
    <Dialog title={`Delete the ${level} “${node.name}”?`} onClose={onClose}>
      {preview ? (
        <p data-testid="delete-preview">
          {codingsWord(preview.codings)} go with it
          {preview.nodes > 1 ? `, and ${preview.nodes - 1} node${preview.nodes === 2 ? '' : 's'} beneath it` : ''}
          {preview.quotes ? `, ${preview.quotes} exemplar quote${preview.quotes === 1 ? '' : 's'}` : ''}
          {preview.memos ? `, ${preview.memos} memo${preview.memos === 1 ? '' : 's'}` : ''}.
          {!withChildren && preview.children > 0 ? ` Its ${preview.children} child node${preview.children === 1 ? '' : 's'} move up to where it was.` : ''} You can undo this.
        </p>
      ) : (
        <p className="muted">Counting…</p>
      )}
      {node.level !== 'code' && (
        <label className="inline">
          <input type="checkbox" checked={withChildren} onChange={(e) => setWithChildren(e.target.checked)} /> Delete everything beneath it too
        </label>
      )}
      <div className="dialog-buttons">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="primary danger" onClick={() => void remove()}>
          Delete
        </button>
      </div>
    </Dialog>
  );
}
