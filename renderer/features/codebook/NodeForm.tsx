import { useEffect, useState } from 'react';
import type { CodebookNode } from '../../../shared/api/entities';
import { NODE_LEVELS, THEME_STATUSES, type NodeLevel, type ThemeStatus } from '../../../shared/domain/vocabulary';
import { projectLevelWord } from '../../state/level-words';
import { attempt } from '../../state/app-store';
import { useWorkspace } from '../../state/workspace-store';

const SHORTCUT_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];

type TextField = 'name' | 'definition' | 'inclusion' | 'exclusion';

function TextFieldEditor({ node, field, label, multiline }: { node: CodebookNode; field: TextField; label: string; multiline?: boolean }) {
  const [value, setValue] = useState(node[field]);
  useEffect(() => setValue(node[field]), [node, field]);
  const save = () => {
    if (value === node[field] || (field === 'name' && !value.trim())) {
      setValue(node[field]);
      return;
    }
    void attempt('codebook.update', { id: node.id, [field]: value });
  };
  return (
    <label>
      {label}
      {multiline ? (
        <textarea value={value} rows={3} onChange={(e) => setValue(e.target.value)} onBlur={save} />
      ) : (
        <input
          value={value}
          onChange={(e) => setValue(e.target.value)}
          onBlur={save}
          onKeyDown={(e) => {
            if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
          }}
        />
      )}
    </label>
  );
}

export type NodeDialog = 'merge' | 'split' | 'delete';

/** Everything about one node: its words, colour, key and level; merge, split and delete start here. */
export function NodeForm({ node, onDialog }: { node: CodebookNode; onDialog: (d: NodeDialog) => void }) {
  const unitId = useWorkspace((s) => s.unitId);
  const detail = useWorkspace((s) => s.detail);
  const nodes = useWorkspace((s) => s.nodes);
  const update = (changes: Record<string, unknown>) => void attempt('codebook.update', { id: node.id, ...changes });
  const example = node.exampleUnitId && detail?.units.find((u) => u.id === node.exampleUnitId);
  return (
    <form className="node-form" aria-label={`${projectLevelWord(node.level)} ${node.name}`} onSubmit={(e) => e.preventDefault()}>
      <TextFieldEditor key={`${node.id}-name`} node={node} field="name" label="Name" />
      <div className="form-row">
        <label>
          Level
          <select value={node.level} onChange={(e) => update({ level: e.target.value as NodeLevel })}>
            {NODE_LEVELS.map((l) => (
              <option key={l} value={l}>
                {projectLevelWord(l)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Colour
          <input type="color" value={node.colour} onChange={(e) => update({ colour: e.target.value })} />
        </label>
        <label>
          Key
          <select value={node.shortcut ?? ''} onChange={(e) => update({ shortcut: e.target.value || null })} aria-label="Shortcut key">
            <option value="">none</option>
            {SHORTCUT_KEYS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        {node.level !== 'code' && (
          <label>
            Status
            <select value={node.status ?? ''} onChange={(e) => update({ status: (e.target.value || null) as ThemeStatus | null })}>
              <option value="">—</option>
              {THEME_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {node.parentIds.length > 1 && (
        <div className="placed-under small" role="group" aria-label="Placed under">
          Shown under {node.parentIds.length} nodes:
          <ul>
            {node.parentIds.map((parentId) => {
              const parent = nodes.find((n) => n.id === parentId);
              return (
                <li key={parentId}>
                  {parent ? `${projectLevelWord(parent.level)} “${parent.name}”` : '—'}{' '}
                  <button type="button" className="link" onClick={() => void attempt('codebook.unlink', { id: node.id, parentId })}>
                    Take it out of “{parent?.name}”
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      )}
      <TextFieldEditor key={`${node.id}-definition`} node={node} field="definition" label="Definition" multiline />
      <TextFieldEditor key={`${node.id}-inclusion`} node={node} field="inclusion" label="Include when" multiline />
      <TextFieldEditor key={`${node.id}-exclusion`} node={node} field="exclusion" label="Exclude when" multiline />
      <div className="example">
        <span className="small">Typical example: </span>
        {node.exampleUnitId ? (
          <span className="small">{example && detail ? `“${detail.text.slice(example.start, example.end)}”` : 'a unit in another document'}</span>
        ) : (
          <span className="muted small">none</span>
        )}{' '}
        <button type="button" className="link" disabled={!unitId} onClick={() => update({ exampleUnitId: unitId })} title="The unit selected in the transcript">
          Use the selected unit
        </button>
        {node.exampleUnitId && (
          <>
            {' '}
            <button type="button" className="link" onClick={() => update({ exampleUnitId: null })}>
              Clear
            </button>
          </>
        )}
      </div>
      <div className="node-actions">
        <button type="button" onClick={() => onDialog('merge')}>
          Merge into…
        </button>
        <button type="button" onClick={() => onDialog('split')} disabled={node.level !== 'code'}>
          Split…
        </button>
        <button type="button" className="danger" onClick={() => onDialog('delete')}>
          Delete…
        </button>
      </div>
    </form>
  );
}
