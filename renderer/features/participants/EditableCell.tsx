import { useEffect, useRef, useState } from 'react';
import type { Attribute } from '../../../shared/api/entities';

interface Props {
  readonly value: string;
  readonly label: string;
  /** Typed editing for attribute values; plain text without. */
  readonly attribute?: Attribute;
  readonly onSave: (value: string) => unknown;
}

/** A table cell that turns into an input on click (or Enter); Enter or leaving saves, Esc cancels. */
export function EditableCell({ value, label, attribute, onSave }: Props) {
  const [editing, setEditing] = useState(false);
  if (!editing) {
    return (
      <button type="button" className="cell-button" aria-label={`${label}: ${value || 'empty'}`} onClick={() => setEditing(true)}>
        {value || <span className="muted">—</span>}
      </button>
    );
  }
  return <CellEditor value={value} label={label} attribute={attribute} onDone={() => setEditing(false)} onSave={onSave} />;
}

function CellEditor({ value, label, attribute, onSave, onDone }: Props & { onDone: () => void }) {
  const [draft, setDraft] = useState(value);
  const done = useRef(false);
  const ref = useRef<HTMLInputElement & HTMLSelectElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const finish = (save: boolean, next = draft) => {
    if (done.current) return;
    done.current = true;
    onDone();
    if (save && next !== value) void onSave(next);
  };
  const keys = (e: React.KeyboardEvent) => {
    e.stopPropagation();
    if (e.key === 'Enter') finish(true);
    else if (e.key === 'Escape') finish(false);
  };
  const type = attribute?.type ?? 'text';
  if (type === 'choice' || type === 'boolean') {
    const options = type === 'boolean' ? ['yes', 'no'] : (attribute?.choices ?? []);
    return (
      <select ref={ref} aria-label={label} value={draft} onKeyDown={keys} onBlur={() => finish(true)} onChange={(e) => finish(true, e.target.value)}>
        <option value="">—</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  }
  return (
    <input
      ref={ref}
      aria-label={label}
      type={type === 'number' ? 'number' : type === 'date' ? 'date' : 'text'}
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
      onKeyDown={keys}
      onBlur={() => finish(true)}
    />
  );
}
