import { useEffect, useMemo, useRef, useState } from 'react';
import type { CodebookNode } from '../../../shared/api/entities';
import { fuzzyScore } from '../../../shared/domain/fuzzy';
import { useAppStore } from '../../state/app-store';
import { useWorkspace } from '../../state/workspace-store';
import { applyCodes, applyToSelection, createAndApply } from './coding-actions';
import { useCoding } from './coding-store';
import { codePaths } from './code-paths';

type Option = { readonly kind: 'code'; readonly node: CodebookNode; readonly path: string } | { readonly kind: 'new'; readonly name: string };

const close = () => useCoding.setState({ pickerOpen: false, pickerForUnits: null, pickerForSelection: null });

/** The quick-pick for codes: type to fuzzy-find, Enter applies, Ctrl+Space picks several, Alt+N makes a new code. */
export function CodePicker() {
  // Closed, it watches nothing else: coding by keyboard does not redraw it.
  const open = useCoding((s) => s.pickerOpen);
  return open ? <OpenCodePicker /> : null;
}

/** The picker while open: it starts afresh (no words typed, nothing picked) each time it opens. */
function OpenCodePicker() {
  const units = useCoding((s) => s.pickerForUnits);
  const selection = useCoding((s) => s.pickerForSelection);
  const nodes = useWorkspace((s) => s.nodes);
  const detail = useWorkspace((s) => s.detail);
  const coderId = useAppStore((s) => s.project?.currentCoderId ?? null);
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const [picked, setPicked] = useState<readonly string[]>([]);
  const input = useRef<HTMLInputElement>(null);

  const paths = useMemo(() => codePaths(nodes), [nodes]);
  const applied = useMemo(() => {
    if (!units || units.length !== 1 || !detail) return new Set<string>();
    return new Set(detail.codings.filter((c) => c.unitId === units[0] && c.coderId === coderId).map((c) => c.codeId));
  }, [units, detail, coderId]);

  const options = useMemo((): Option[] => {
    const codes = nodes
      .filter((n) => n.level === 'code')
      .map((node) => ({ node, path: paths.get(node.id) ?? '', score: fuzzyScore(query, node.name) ?? fuzzyScore(query, `${paths.get(node.id) ?? ''} ${node.name}`) }))
      .filter((o) => o.score !== null)
      .sort((a, b) => (b.score ?? 0) - (a.score ?? 0) || a.node.name.localeCompare(b.node.name))
      .map((o): Option => ({ kind: 'code', node: o.node, path: o.path }));
    const name = query.trim();
    const exact = nodes.some((n) => n.level === 'code' && n.name.toLowerCase() === name.toLowerCase());
    return name && !exact ? [...codes, { kind: 'new', name }] : codes;
  }, [nodes, paths, query]);

  useEffect(() => {
    setTimeout(() => input.current?.focus(), 0);
  }, []);

  const targetLabel = selection ? `the passage “${selection.text.length > 50 ? `${selection.text.slice(0, 50)}…` : selection.text}”` : `${units?.length ?? 0} unit${units?.length === 1 ? '' : 's'}`;

  const apply = async (codeIds: readonly string[]) => {
    close();
    if (selection) await applyToSelection(selection, codeIds);
    else if (units) await applyCodes(codeIds, units);
  };
  const createNew = async (name: string) => {
    close();
    if (!name.trim()) return;
    await createAndApply(name.trim(), selection ? { selection } : { units: units ?? [] });
  };
  const choose = (i: number) => {
    const option = options[i];
    if (picked.length > 0) void apply(picked);
    else if (option?.kind === 'code') void apply([option.node.id]);
    else if (option?.kind === 'new') void createNew(option.name);
  };
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));

  return (
    <div className="overlay" onMouseDown={close}>
      <div className="palette code-picker" role="dialog" aria-label="Apply code" onMouseDown={(e) => e.stopPropagation()}>
        <input
          ref={input}
          value={query}
          placeholder={`Find a code for ${targetLabel}…`}
          aria-label="Code"
          onChange={(e) => {
            setQuery(e.target.value);
            setIndex(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') close();
            else if (e.key === 'ArrowDown') setIndex((i) => Math.min(options.length - 1, i + 1));
            else if (e.key === 'ArrowUp') setIndex((i) => Math.max(0, i - 1));
            else if ((e.key === 'n' || e.key === 'N') && e.altKey) void createNew(query);
            else if (e.key === 'Enter' && e.shiftKey) void createNew(query);
            else if (e.key === 'Enter') choose(index);
            else if (e.key === ' ' && e.ctrlKey) {
              const o = options[index];
              if (o?.kind === 'code') toggle(o.node.id);
            } else return;
            e.preventDefault();
            e.stopPropagation();
          }}
        />
        <ul role="listbox" aria-label="Codes">
          {options.map((o, i) =>
            o.kind === 'code' ? (
              <li
                key={o.node.id}
                role="option"
                aria-selected={i === index}
                className={i === index ? 'active' : ''}
                onMouseDown={(e) => (e.ctrlKey || e.metaKey ? toggle(o.node.id) : void apply(picked.length ? [...picked, o.node.id] : [o.node.id]))}
              >
                <span className="option-main">
                  <input
                    type="checkbox"
                    tabIndex={-1}
                    aria-label={`Pick ${o.node.name}`}
                    checked={picked.includes(o.node.id)}
                    onMouseDown={(e) => {
                      e.stopPropagation();
                      toggle(o.node.id);
                    }}
                    onChange={() => undefined}
                  />
                  <span className="swatch" style={{ background: o.node.colour }} /> {o.node.name}
                  {applied.has(o.node.id) && <span className="muted small"> ✓ applied</span>}
                  {o.path && <span className="muted small"> · {o.path}</span>}
                </span>
                {o.node.shortcut && <kbd>{o.node.shortcut}</kbd>}
              </li>
            ) : (
              <li key="new" role="option" aria-selected={i === index} className={i === index ? 'active' : ''} onMouseDown={() => void createNew(o.name)}>
                <span>
                  + New code “{o.name}”
                </span>
                <kbd>Alt+N</kbd>
              </li>
            ),
          )}
          {options.length === 0 && <li className="muted">Type a name to make a new code.</li>}
        </ul>
        <p className="picker-hint muted small">
          Enter applies · Ctrl+Space picks several{picked.length ? ` (${picked.length} picked)` : ''} · Alt+N or Shift+Enter makes a new code from the text · Esc closes
        </p>
      </div>
    </div>
  );
}
