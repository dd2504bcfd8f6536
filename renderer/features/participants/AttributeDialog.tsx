import { useState } from 'react';
import type { Attribute } from '../../../shared/api/entities';
import { ATTRIBUTE_TYPES, type AttributeType } from '../../../shared/domain/vocabulary';
import { Dialog } from '../../components/Dialog';
import { attempt } from '../../state/app-store';

export const ATTRIBUTE_TYPE_LABELS: Readonly<Record<AttributeType, string>> = {
  text: 'Text',
  number: 'Number',
  date: 'Date',
  boolean: 'Yes/no',
  choice: 'Choice list',
};

/** Makes a new attribute, or renames / retypes / deletes an existing one. */
export function AttributeDialog({ attribute, onClose }: { attribute: Attribute | null; onClose: () => void }) {
  const [name, setName] = useState(attribute?.name ?? '');
  const [type, setType] = useState<AttributeType>(attribute?.type ?? 'text');
  const [choices, setChoices] = useState((attribute?.choices ?? []).join('\n'));
  const list = choices
    .split('\n')
    .map((c) => c.trim())
    .filter(Boolean);
  const save = async () => {
    const ok = attribute
      ? await attempt('attributes.update', { id: attribute.id, name: name.trim(), type, ...(type === 'choice' ? { choices: list } : {}) })
      : await attempt('attributes.create', { name: name.trim(), type, choices: type === 'choice' ? list : [] });
    if (ok) onClose();
  };
  const remove = async () => {
    if (attribute && (await attempt('attributes.delete', { id: attribute.id }))) onClose();
  };
  return (
    <Dialog title={attribute ? `Attribute “${attribute.name}”` : 'New attribute'} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Role, Gender, Year of study" required />
        </label>
        <label>
          Type
          <select value={type} onChange={(e) => setType(e.target.value as AttributeType)}>
            {ATTRIBUTE_TYPES.map((t) => (
              <option key={t} value={t}>
                {ATTRIBUTE_TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        </label>
        {type === 'choice' && (
          <label>
            Choices, one per line
            <textarea rows={5} value={choices} onChange={(e) => setChoices(e.target.value)} placeholder={'Mentee\nMentor'} />
          </label>
        )}
        <div className="dialog-buttons">
          {attribute && (
            <button type="button" className="danger" onClick={() => void remove()}>
              Delete attribute
            </button>
          )}
          <span className="spacer" />
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!name.trim()}>
            {attribute ? 'Save' : 'Add attribute'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
