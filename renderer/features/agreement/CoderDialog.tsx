import { useEffect, useRef, useState, type RefObject } from 'react';
import type { Coder } from '../../../shared/api/entities';
import type { CopyOrigin } from '../../../shared/api/methods/exchange';
import { Dialog } from '../../components/Dialog';
import { attempt, callQuietly, refreshProject, useAppStore } from '../../state/app-store';
import { loadWorkspace, useWorkspace } from '../../state/workspace-store';

const close = () => useAppStore.setState({ dialog: null });

// Distinct, readable colours for new coders; the next unused one is suggested.
const SUGGESTED_COLOURS = ['#2f6fdf', '#d9480f', '#2b8a3e', '#862e9c', '#c2255c', '#0b7285', '#e67700', '#5c940d'];

type Role = 'coder' | 'resolver';

interface Draft {
  readonly name: string;
  readonly initials: string;
  readonly colour: string;
  readonly role: Role;
}

function CoderFields({ draft, onChange, nameLabel, nameRef }: { draft: Draft; onChange: (d: Draft) => void; nameLabel: string; nameRef?: RefObject<HTMLInputElement | null> }) {
  return (
    <div className="coder-fields">
      <label>
        {nameLabel}
        <input ref={nameRef} value={draft.name} onChange={(e) => onChange({ ...draft, name: e.target.value })} placeholder="Your name" />
      </label>
      <label>
        Initials
        <input value={draft.initials} maxLength={4} onChange={(e) => onChange({ ...draft, initials: e.target.value })} placeholder="from the name" />
      </label>
      <label>
        Colour
        <input type="color" value={draft.colour} onChange={(e) => onChange({ ...draft, colour: e.target.value })} />
      </label>
      <label>
        Role
        <select value={draft.role} onChange={(e) => onChange({ ...draft, role: e.target.value as Role })}>
          <option value="coder">Coder</option>
          <option value="resolver">Resolver (settles disagreements)</option>
        </select>
      </label>
    </div>
  );
}

function EditCoder({ coder, onDone }: { coder: Coder; onDone: () => void }) {
  const [draft, setDraft] = useState<Draft>({ name: coder.name, initials: coder.initials, colour: coder.colour, role: coder.role === 'resolver' ? 'resolver' : 'coder' });
  const save = async () => {
    const r = await attempt('coders.update', { id: coder.id, name: draft.name.trim(), initials: draft.initials.trim() || undefined, colour: draft.colour, role: draft.role });
    if (r) onDone();
  };
  return (
    <form
      className="coder-edit"
      aria-label={`Edit ${coder.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <CoderFields draft={draft} onChange={setDraft} nameLabel="Name" />
      <div className="dialog-buttons">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={!draft.name.trim()}>
          Save
        </button>
      </div>
    </form>
  );
}

/** Who is coding: choose yourself, edit a coder, or add one (name, initials, colour, role). */
export function CoderDialog() {
  const coders = useWorkspace((s) => s.coders);
  const current = useAppStore((s) => s.project?.currentCoderId ?? null);
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>({ name: '', initials: '', colour: SUGGESTED_COLOURS[0], role: 'coder' });
  const [copy, setCopy] = useState<CopyOrigin | null>(null);
  const nameField = useRef<HTMLInputElement>(null);
  // A copy handed to someone new opens with nobody chosen: the person opening it is a new coder unless they say otherwise.
  const forSomeoneNew = copy !== null && copy.coderId === null && current === null;
  useEffect(() => {
    void callQuietly('exchange.info', {}).then((info) => setCopy(info?.copy ?? null));
  }, []);
  useEffect(() => {
    if (forSomeoneNew) nameField.current?.focus();
  }, [forSomeoneNew]);
  useEffect(() => {
    if (coders.length === 0) void loadWorkspace();
    const used = new Set(coders.map((c) => c.colour.toLowerCase()));
    const free = SUGGESTED_COLOURS.find((c) => !used.has(c)) ?? SUGGESTED_COLOURS[coders.length % SUGGESTED_COLOURS.length];
    setDraft((d) => (d.name ? d : { ...d, colour: free }));
  }, [coders]);
  const choose = async (coderId: string) => {
    if (await attempt('coders.setCurrent', { coderId })) {
      await refreshProject();
      await loadWorkspace();
      close();
    }
  };
  const add = async () => {
    const c = await attempt('coders.create', {
      name: draft.name.trim(),
      initials: draft.initials.trim() || undefined,
      colour: draft.colour,
      role: draft.role,
    });
    if (c) await choose(c.id);
  };
  const people = coders.filter((c) => c.role !== 'consensus');
  return (
    <Dialog title="Who is coding?" onClose={close}>
      {forSomeoneNew && (
        <p className="copy-note" role="note">
          This is a coder copy{copy.madeBy ? ` from ${copy.madeBy}` : ''} for someone new. Add yourself as a new coder below, so your codings carry your name; choose a name
          from the list only if it is yours.
        </p>
      )}
      <p className="muted small">Every coding you make carries your name, so two coders’ work can be compared.</p>
      <ul className="coder-list">
        {people.map((c) =>
          editing === c.id ? (
            <li key={c.id}>
              <EditCoder coder={c} onDone={() => setEditing(null)} />
            </li>
          ) : (
            <li key={c.id} className="coder-row">
              <button type="button" className={c.id === current ? 'primary' : ''} onClick={() => void choose(c.id)}>
                <span className="swatch" style={{ background: c.colour }} /> {c.name} ({c.initials}){c.role === 'resolver' ? ' · resolver' : ''}
              </button>
              <button type="button" className="link" aria-label={`Edit ${c.name}`} onClick={() => setEditing(c.id)}>
                Edit
              </button>
            </li>
          ),
        )}
      </ul>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <CoderFields draft={draft} onChange={setDraft} nameLabel="New coder" nameRef={nameField} />
        <div className="dialog-buttons">
          <button type="submit" className="primary" disabled={!draft.name.trim()}>
            Add and code as this person
          </button>
        </div>
      </form>
    </Dialog>
  );
}
