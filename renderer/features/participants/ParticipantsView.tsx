import { useState } from 'react';
import type { Attribute } from '../../../shared/api/entities';
import { attempt } from '../../state/app-store';
import { useWorkspace } from '../../state/workspace-store';
import { AttributeDialog, ATTRIBUTE_TYPE_LABELS } from './AttributeDialog';
import { AttributeImportDialog } from './AttributeImportDialog';
import { EditableCell } from './EditableCell';
import { ParticipantSummary } from './ParticipantSummary';

type Open = { readonly kind: 'attribute'; readonly attribute: Attribute | null } | { readonly kind: 'import' } | null;

/** Everyone who speaks: label as spoken, pseudonym for exports, typed attributes; inline and bulk editing; a summary per session. */
export function ParticipantsView() {
  const participants = useWorkspace((s) => s.participants);
  const attributes = useWorkspace((s) => s.attributes);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [open, setOpen] = useState<Open>(null);
  const [bulkAttribute, setBulkAttribute] = useState('');
  const [bulkValue, setBulkValue] = useState('');
  const [newLabel, setNewLabel] = useState('');
  const chosen = participants.filter((p) => selected.has(p.id)).map((p) => p.id);
  const bulk = attributes.find((a) => a.id === bulkAttribute);

  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  };
  const add = async () => {
    if (newLabel.trim() && (await attempt('participants.create', { label: newLabel.trim() }))) setNewLabel('');
  };
  const applyBulk = async () => {
    if (!bulk || chosen.length === 0) return;
    await attempt('participants.setValue', { participantIds: chosen, attributeId: bulk.id, value: bulkValue.trim() === '' ? null : bulkValue });
  };
  const remove = async () => {
    if (chosen.length && (await attempt('participants.delete', { ids: chosen }))) setSelected(new Set());
  };

  return (
    <div className="participants-view">
      <div className="toolbar">
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <input aria-label="New participant label" value={newLabel} onChange={(e) => setNewLabel(e.target.value)} placeholder="Label, e.g. P13" />
          <button type="submit" disabled={!newLabel.trim()}>
            Add participant
          </button>
        </form>
        <button type="button" onClick={() => setOpen({ kind: 'attribute', attribute: null })}>
          Add attribute…
        </button>
        <button type="button" onClick={() => setOpen({ kind: 'import' })}>
          Import attributes…
        </button>
      </div>
      {chosen.length > 0 && (
        <div className="toolbar bulk" role="group" aria-label="Selected participants">
          <span className="small">{chosen.length} selected:</span>
          <label className="inline">
            set
            <select aria-label="Attribute to set" value={bulkAttribute} onChange={(e) => setBulkAttribute(e.target.value)}>
              <option value="">attribute…</option>
              {attributes.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
          <label className="inline">
            to
            {bulk && (bulk.type === 'choice' || bulk.type === 'boolean') ? (
              <select aria-label="Value to set" value={bulkValue} onChange={(e) => setBulkValue(e.target.value)}>
                <option value="">(clear)</option>
                {(bulk.type === 'boolean' ? ['yes', 'no'] : bulk.choices).map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            ) : (
              <input aria-label="Value to set" type={bulk?.type === 'number' ? 'number' : bulk?.type === 'date' ? 'date' : 'text'} value={bulkValue} onChange={(e) => setBulkValue(e.target.value)} />
            )}
          </label>
          <button type="button" disabled={!bulk} onClick={() => void applyBulk()}>
            Apply
          </button>
          <span className="spacer" />
          <button type="button" className="danger" onClick={() => void remove()}>
            Remove selected
          </button>
        </div>
      )}
      {participants.length === 0 ? (
        <p className="muted pad">No participants yet. Importing a transcript makes one for each speaker; or add them here.</p>
      ) : (
        <table className="data-table participants-table" aria-label="Participants">
          <thead>
            <tr>
              <th>
                <input
                  type="checkbox"
                  aria-label="Select all participants"
                  checked={chosen.length === participants.length}
                  onChange={(e) => setSelected(new Set(e.target.checked ? participants.map((p) => p.id) : []))}
                />
              </th>
              <th>Label</th>
              <th>Pseudonym</th>
              {attributes.map((a) => (
                <th key={a.id}>
                  <button type="button" className="link" onClick={() => setOpen({ kind: 'attribute', attribute: a })} title={`${ATTRIBUTE_TYPE_LABELS[a.type]} — click to change`}>
                    {a.name}
                  </button>
                </th>
              ))}
              <th>Sessions</th>
              <th>Turns</th>
            </tr>
          </thead>
          <tbody>
            {participants.map((p) => (
              <tr key={p.id} className={selected.has(p.id) ? 'selected' : ''}>
                <td>
                  <input type="checkbox" aria-label={`Select ${p.label}`} checked={selected.has(p.id)} onChange={(e) => toggle(p.id, e.target.checked)} />
                </td>
                <td>
                  <EditableCell value={p.label} label={`Label of ${p.label}`} onSave={(v) => v.trim() && attempt('participants.update', { id: p.id, label: v })} />
                </td>
                <td>
                  <EditableCell value={p.pseudonym} label={`Pseudonym of ${p.label}`} onSave={(v) => attempt('participants.update', { id: p.id, pseudonym: v })} />
                </td>
                {attributes.map((a) => (
                  <td key={a.id}>
                    <EditableCell
                      value={p.values[a.id] ?? ''}
                      label={`${a.name} of ${p.label}`}
                      attribute={a}
                      onSave={(v) => attempt('participants.setValue', { participantIds: [p.id], attributeId: a.id, value: v.trim() === '' ? null : v })}
                    />
                  </td>
                ))}
                <td>{p.documentIds.length}</td>
                <td>{p.turns}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ParticipantSummary />
      {open?.kind === 'attribute' && <AttributeDialog attribute={open.attribute} onClose={() => setOpen(null)} />}
      {open?.kind === 'import' && <AttributeImportDialog onClose={() => setOpen(null)} />}
    </div>
  );
}
