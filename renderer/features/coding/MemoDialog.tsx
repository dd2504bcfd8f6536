import { useEffect, useRef, useState } from 'react';
import type { JournalEntry, Memo } from '../../../shared/api/methods/memos';
import { Dialog } from '../../components/Dialog';
import { attempt, call, useAppStore } from '../../state/app-store';
import { sendEdit } from '../../state/edit-conflict';
import { useTablesVersion } from '../../state/query-cache';
import { showNotice, useCoding, type MemoFocus } from './coding-store';

function when(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

function MemoItem({ memo, onChanged }: { memo: Memo; onChanged: () => void }) {
  const [editing, setEditing] = useState(false);
  const [body, setBody] = useState(memo.body);
  // The version the edit starts from: the list may show another window's edit meanwhile, caught at saving.
  const editedFrom = useRef(memo.version);
  return (
    <li className="memo">
      <div className="memo-head">
        <strong>{memo.title || 'Memo'}</strong>
        <span className="muted small">
          {memo.authorName ?? 'unknown'} · {when(memo.updatedAt)}
        </span>
      </div>
      {editing ? (
        <>
          <textarea aria-label="Memo text" value={body} rows={4} onChange={(e) => setBody(e.target.value)} />
          <div className="dialog-buttons">
            <button type="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
            <button
              type="button"
              className="primary"
              onClick={async () => {
                const saved = await sendEdit({
                  what: 'memo',
                  mine: body,
                  version: editedFrom.current,
                  theirs: (d) => d.theirs.body ?? '',
                  send: (v) => call('memos.update', { id: memo.id, body, version: v }),
                }).catch(() => null);
                setEditing(false);
                if (saved) onChanged();
              }}
            >
              Save
            </button>
          </div>
        </>
      ) : (
        <p className="memo-body">{memo.body}</p>
      )}
      {!editing && (
        <div className="memo-actions">
          <button
            type="button"
            className="link"
            onClick={() => {
              editedFrom.current = memo.version;
              setBody(memo.body);
              setEditing(true);
            }}
          >
            Edit
          </button>{' '}
          <button
            type="button"
            className="link"
            onClick={async () => {
              if (await attempt('memos.delete', { id: memo.id })) onChanged();
            }}
          >
            Delete
          </button>
        </div>
      )}
    </li>
  );
}

/** Memos on one thing: the earlier ones, and a box for a new one (M on a unit or code). */
export function MemoDialog({ focus }: { focus: MemoFocus }) {
  const [memos, setMemos] = useState<readonly Memo[]>([]);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const changed = useTablesVersion(['memos', 'coders']);
  const close = () => useCoding.setState({ memo: null });
  const targetId = focus.targetType === 'project' ? (useAppStore.getState().project?.id ?? '') : focus.targetId;
  useEffect(() => {
    void attempt('memos.list', { targetType: focus.targetType, targetId }).then((m) => setMemos(m ?? []));
  }, [focus.targetType, targetId, changed]);
  const save = async () => {
    if (!body.trim()) return;
    const memo = await attempt('memos.create', { targetType: focus.targetType, targetId: focus.targetId, title: title.trim(), body });
    if (memo) {
      showNotice(`Memo saved on the ${focus.targetType}.`);
      close();
    }
  };
  return (
    <Dialog title={`Memo on the ${focus.targetType}`} onClose={close}>
      <p className="muted small memo-target">{focus.label}</p>
      <label>
        Memo
        <textarea
          value={body}
          rows={6}
          onChange={(e) => setBody(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void save();
            }
          }}
        />
      </label>
      <label>
        Title (optional)
        <input value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <div className="dialog-buttons">
        <span className="muted small">Ctrl+Enter saves</span>
        <button type="button" onClick={close}>
          Close
        </button>
        <button type="button" className="primary" disabled={!body.trim()} onClick={() => void save()}>
          Save memo
        </button>
      </div>
      {memos.length > 0 && (
        <>
          <h3 className="section-title">Earlier memos</h3>
          {/* Scrolls when long: reachable by Tab so the keyboard can scroll it. */}
          <ul className="memo-list" tabIndex={0} aria-label="Earlier memos">
            {memos.map((m) => (
              <MemoItem key={m.id} memo={m} onChanged={() => void attempt('memos.list', { targetType: focus.targetType, targetId }).then((x) => setMemos(x ?? []))} />
            ))}
          </ul>
        </>
      )}
    </Dialog>
  );
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The reflexive journal: a dated entry, and the entries so far. */
export function JournalDialog() {
  const [entries, setEntries] = useState<readonly JournalEntry[]>([]);
  const [date, setDate] = useState(today());
  const [body, setBody] = useState('');
  const changed = useTablesVersion(['journal_entries', 'coders']);
  const close = () => useCoding.setState({ journalOpen: false });
  useEffect(() => {
    void attempt('journal.list', {}).then((j) => setEntries(j ?? []));
  }, [changed]);
  const save = async () => {
    if (!body.trim()) return;
    if (await attempt('journal.create', { date, body })) {
      showNotice(`Journal entry saved for ${date}.`);
      close();
    }
  };
  return (
    <Dialog title="Journal entry" onClose={close}>
      <label>
        Date
        <input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
      </label>
      <label>
        Entry
        <textarea value={body} rows={6} onChange={(e) => setBody(e.target.value)} placeholder="What did you notice about yourself and the analysis today?" />
      </label>
      <div className="dialog-buttons">
        <button type="button" onClick={close}>
          Close
        </button>
        <button type="button" className="primary" disabled={!body.trim() || !date} onClick={() => void save()}>
          Save entry
        </button>
      </div>
      {entries.length > 0 && (
        <>
          <h3 className="section-title">Journal</h3>
          <ul className="memo-list journal-list" tabIndex={0} aria-label="Journal entries">
            {entries.slice(0, 20).map((j) => (
              <li key={j.id} className="memo">
                <div className="memo-head">
                  <strong>{j.date}</strong>
                  <span className="muted small">{j.authorName ?? ''}</span>
                </div>
                <p className="memo-body">{j.body}</p>
              </li>
            ))}
          </ul>
        </>
      )}
    </Dialog>
  );
}
