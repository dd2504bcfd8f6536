import { useEffect, useState } from 'react';
import type { SavedSearch } from '../../../shared/api/methods/saved-searches';
import { SEARCH_KINDS } from '../../../shared/api/methods/search';
import { FieldError } from '../../components/Dialog';
import { attemptHere, call, callQuietly, useAppStore } from '../../state/app-store';
import { useTablesVersion } from '../../state/query-cache';
import { showNotice } from '../coding/coding-store';
import { KIND_LABELS, runSaved, useSearch } from './search-store';

let asked: string | null = null;

/**
 * The project's saved searches, read once after every change to the project however many places
 * list them (the navigator, the Search tab).
 */
export function useSavedSearches(): readonly SavedSearch[] {
  const path = useAppStore((s) => s.project?.path ?? '');
  // Read again when the project is opened again, and when a saved search changes (here or in another window).
  const opened = useAppStore((s) => s.opened);
  const changed = useTablesVersion(['saved_searches']);
  const revision = `${opened}#${changed}`;
  const saved = useSearch((s) => s.saved);
  const savedRead = useSearch((s) => s.savedRead);
  useEffect(() => {
    const read = useSearch.getState().savedRead;
    const key = `${path}#${revision}`;
    if ((read?.path === path && read.revision === revision) || asked === key) return;
    asked = key;
    void callQuietly('savedSearches.list', {}).then((r) => {
      if (r && asked === key) useSearch.setState({ saved: r, savedRead: { path, revision } });
    });
  }, [path, revision]);
  // Another project's list is never shown, not even while this one's is read.
  return savedRead?.path === path ? saved : [];
}

interface NameFormProps {
  readonly className: string;
  readonly formLabel?: string;
  readonly fieldLabel: string;
  readonly initial: string;
  readonly submit: string;
  /** Resolves to the sentence to show beside the field, or null when done. */
  readonly onSubmit: (name: string) => Promise<string | null>;
  readonly onDone: () => void;
  readonly cancelButton?: boolean;
}

/** A one-field form for a name: Enter submits, Escape leaves, a refusal is shown beside the field. */
function NameForm({ className, formLabel, fieldLabel, initial, submit, onSubmit, onDone, cancelButton }: NameFormProps) {
  const [name, setName] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const input = (
    <input
      autoFocus
      aria-label={fieldLabel}
      value={name}
      onChange={(e) => {
        setName(e.target.value);
        setError(null);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onDone();
      }}
    />
  );
  return (
    <form
      className={className}
      aria-label={formLabel}
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit(name).then((refusal) => (refusal ? setError(refusal) : onDone()));
      }}
    >
      {formLabel ? (
        <label>
          Name
          {input}
        </label>
      ) : (
        input
      )}
      <button type="submit" className={cancelButton ? 'primary' : undefined} disabled={!name.trim()}>
        {submit}
      </button>
      {cancelButton && (
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      )}
      <FieldError message={error} />
    </form>
  );
}

/** "Save this search": names the words and kinds now in the form. */
export function SaveSearchForm({ onDone }: { onDone: () => void }) {
  const { query, kinds, documentIds } = useSearch();
  const save = async (name: string) => {
    let problem: string | null = null;
    const saved = await attemptHere(
      () =>
        call('savedSearches.save', {
          name,
          query,
          kinds: kinds.length === SEARCH_KINDS.length ? undefined : [...kinds],
          documentIds: documentIds ? [...documentIds] : undefined,
        }),
      (message) => (problem = message),
    );
    if (!saved) return problem;
    useSearch.setState({ savedId: saved.id });
    showNotice(`Saved the search “${saved.name}”. Undo with Ctrl+Z.`);
    return null;
  };
  return (
    <NameForm
      className="save-search"
      formLabel="Save this search"
      fieldLabel="Name of the saved search"
      initial={query.trim()}
      submit="Save"
      onSubmit={save}
      onDone={onDone}
      cancelButton
    />
  );
}

function RenameField({ search, onDone }: { search: SavedSearch; onDone: () => void }) {
  const rename = async (name: string) => {
    if (name.trim() === search.name) return null;
    let problem: string | null = null;
    await attemptHere(() => call('savedSearches.rename', { id: search.id, name }), (message) => (problem = message));
    return problem;
  };
  return <NameForm className="saved-rename" fieldLabel={`New name for “${search.name}”`} initial={search.name} submit="Rename" onSubmit={rename} onDone={onDone} />;
}

function scopeOf(search: SavedSearch): string {
  const parts = [`“${search.query}”`];
  if (search.kinds.length > 0 && search.kinds.length < SEARCH_KINDS.length) parts.push(`in ${search.kinds.map((k) => KIND_LABELS[k]).join(', ')}`);
  if (search.documentIds) parts.push(`${search.documentIds.length} document${search.documentIds.length === 1 ? '' : 's'}`);
  return parts.join(' · ');
}

/** The saved searches: one click runs one again; each can be renamed or deleted (both undoable). */
export function SavedSearchList() {
  const list = useSavedSearches();
  const current = useSearch((s) => s.savedId);
  const [renaming, setRenaming] = useState<string | null>(null);
  const remove = async (search: SavedSearch) => {
    if (!(await attemptHere(() => call('savedSearches.delete', { id: search.id }), showNotice))) return;
    if (useSearch.getState().savedId === search.id) useSearch.setState({ savedId: null });
    showNotice(`Deleted the saved search “${search.name}”. Undo with Ctrl+Z.`);
  };
  return (
    <section className="saved-searches" aria-label="Saved searches">
      <h3>Saved searches</h3>
      {list.length === 0 ? (
        <p className="muted small">None yet. Search, then “Save this search” to come back to it with one click.</p>
      ) : (
        <ul>
          {list.map((s) => (
            <li key={s.id} className={s.id === current ? 'current' : undefined}>
              {renaming === s.id ? (
                <RenameField search={s} onDone={() => setRenaming(null)} />
              ) : (
                <>
                  <button type="button" className="saved-run" title={`Run ${scopeOf(s)}`} onClick={() => void runSaved(s)}>
                    <span className="saved-name">{s.name}</span>
                    <span className="muted small">{scopeOf(s)}</span>
                  </button>
                  <button type="button" className="link" aria-label={`Rename “${s.name}”`} onClick={() => setRenaming(s.id)}>
                    Rename
                  </button>
                  <button type="button" className="link danger" aria-label={`Delete “${s.name}”`} onClick={() => void remove(s)}>
                    Delete
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
