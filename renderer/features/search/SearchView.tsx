import { useEffect, useRef, useState } from 'react';
import { SEARCH_KINDS, type SearchHit } from '../../../shared/api/methods/search';
import { DocumentFilterSelect } from '../../components/DocumentFilterSelect';
import { attempt, useAppStore } from '../../state/app-store';
import { useTablesVersion } from '../../state/query-cache';
import { openDocument, selectUnit, useWorkspace } from '../../state/workspace-store';
import { selectNode, showNotice, useCoding } from '../coding/coding-store';
import { SavedSearchList, SaveSearchForm } from './SavedSearches';
import { KIND_LABELS, runSearch, useSearch } from './search-store';

function Snippet({ hit }: { hit: SearchHit }) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  hit.marks.forEach(([a, b], i) => {
    if (a > at) parts.push(hit.snippet.slice(at, a));
    parts.push(<mark key={i}>{hit.snippet.slice(a, b)}</mark>);
    at = b;
  });
  parts.push(hit.snippet.slice(at));
  return <span className="snippet">{parts}</span>;
}

async function openHit(hit: SearchHit): Promise<void> {
  if (hit.kind === 'node') {
    selectNode(hit.id);
    useAppStore.setState({ view: 'codebook' });
    return;
  }
  if (hit.kind === 'journal') {
    useCoding.setState({ journalOpen: true });
    return;
  }
  if (!hit.documentId) return;
  if (useWorkspace.getState().documentId !== hit.documentId) await openDocument(hit.documentId);
  if (hit.unitId) selectUnit(hit.unitId);
  useAppStore.setState({ view: 'transcript' });
}

function Autocode({ query }: { query: string }) {
  const nodes = useWorkspace((s) => s.nodes);
  const codes = nodes.filter((n) => n.level === 'code').sort((a, b) => a.name.localeCompare(b.name));
  const [codeId, setCodeId] = useState('');
  const [target, setTarget] = useState<'units' | 'spans'>('units');
  const run = async () => {
    if (!codeId) return;
    const r = await attempt('search.autocode', { query, codeIds: [codeId], target });
    if (r) {
      const name = nodes.find((n) => n.id === codeId)?.name ?? 'code';
      showNotice(
        target === 'units'
          ? `Autocoded ${r.units} unit${r.units === 1 ? '' : 's'} with “${name}” (${r.added} new, ${r.unchanged} already coded). Undo with Ctrl+Z.`
          : `Autocoded ${r.hits} passage${r.hits === 1 ? '' : 's'} with “${name}”. Undo with Ctrl+Z.`,
      );
    }
  };
  return (
    <div className="autocode" role="group" aria-label="Autocode">
      <label>
        Code for every hit
        <select value={codeId} onChange={(e) => setCodeId(e.target.value)}>
          <option value="">Choose a code…</option>
          {codes.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label className="inline">
        <input type="radio" name="autocode-target" checked={target === 'units'} onChange={() => setTarget('units')} /> the units holding them
      </label>
      <label className="inline">
        <input type="radio" name="autocode-target" checked={target === 'spans'} onChange={() => setTarget('spans')} /> just the words
      </label>
      <button type="button" className="primary" disabled={!codeId || !query.trim()} onClick={() => void run()}>
        Autocode hits
      </button>
    </div>
  );
}

export function SearchView() {
  const { query, kinds, documentIds, hits, truncated } = useSearch();
  const changed = useTablesVersion(['documents', 'turns', 'meaning_units', 'memos', 'codebook_nodes', 'participants', 'codings']);
  const [saving, setSaving] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  useEffect(() => {
    if (useSearch.getState().hits) void runSearch();
  }, [changed]);
  const textHits = (hits ?? []).filter((h) => h.kind === 'document');

  return (
    <div className="search-view">
      <form
        className="search-bar"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          void runSearch();
        }}
      >
        <input
          ref={input}
          type="search"
          aria-label="Search the project"
          placeholder='Words, "a phrase", prefix*, a OR b'
          value={query}
          onChange={(e) => useSearch.setState({ query: e.target.value, savedId: null })}
        />
        <button type="submit" className="primary">
          Search
        </button>
        <button type="button" disabled={!query.trim() || kinds.length === 0} aria-expanded={saving} onClick={() => setSaving(true)}>
          Save this search…
        </button>
      </form>
      {saving && <SaveSearchForm onDone={() => setSaving(false)} />}
      <div className="search-kinds" role="group" aria-label="Search in">
        {SEARCH_KINDS.map((k) => (
          <label key={k} className="inline">
            <input
              type="checkbox"
              checked={kinds.includes(k)}
              onChange={(e) => useSearch.setState({ kinds: e.target.checked ? [...kinds, k] : kinds.filter((x) => x !== k), savedId: null })}
            />{' '}
            {KIND_LABELS[k]}
          </label>
        ))}
      </div>
      <DocumentFilterSelect
        label="Documents to search"
        className="search-scope"
        value={documentIds ?? undefined}
        onChange={(ids) => useSearch.setState({ documentIds: ids ?? null, savedId: null })}
      />
      <SavedSearchList />
      {hits && (
        <>
          <p className="muted small" data-testid="search-summary">
            {hits.length === 0 ? `Nothing matches “${query}”.` : `${hits.length}${truncated ? '+' : ''} hits, ${textHits.length} in transcripts.`}
          </p>
          {textHits.length > 0 && <Autocode query={query} />}
          {SEARCH_KINDS.filter((k) => hits.some((h) => h.kind === k)).map((k) => (
            <section key={k} className="search-group" aria-label={KIND_LABELS[k]}>
              <h3>{KIND_LABELS[k]}</h3>
              <ul className="search-hits">
                {hits
                  .filter((h) => h.kind === k)
                  .map((h, i) => (
                    <li key={`${h.id}-${h.start ?? i}-${i}`}>
                      <button type="button" className="hit" onClick={() => void openHit(h)}>
                        <span className="hit-title">
                          {h.title}
                          {h.field !== 'text' && <span className="muted small"> · {h.field}</span>}
                        </span>
                        <Snippet hit={h} />
                      </button>
                    </li>
                  ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </div>
  );
}
