import { memo } from 'react';
import type { DocumentSummary } from '../../../shared/api/entities';
import { DOCUMENT_KIND_LABELS } from '../../../shared/domain/vocabulary';
import { ChunkedList, type ListPlace } from '../../components/ChunkedList';
import { Pane } from '../../components/Pane';
import { openDocument, useWorkspace } from '../../state/workspace-store';
import { useAppStore } from '../../state/app-store';
import { openImport } from '../import/import-store';
import { useSavedSearches } from '../search/SavedSearches';
import { runSaved, useSearch } from '../search/search-store';

/** One document in the navigator; memoized, so coding redraws only the open document's progress. */
const NavItem = memo(function NavItem({ d, active, ...at }: { d: DocumentSummary; active: boolean } & ListPlace) {
  return (
    <li {...at}>
        <button
          type="button"
          className={active ? 'nav-item active' : 'nav-item'}
          onClick={() => void openDocument(d.id)}
          title={`${DOCUMENT_KIND_LABELS[d.kind]} · ${d.sessionDate ?? ''}`}
        >
          <span className="nav-title">{d.title}</span>
          <span className="progress" aria-label={`${d.codedUnits} of ${d.units} units coded`}>
            <span className="bar" style={{ width: `${d.units ? (100 * d.codedUnits) / d.units : 0}%` }} />
          </span>
          <span className="muted small">
            {d.codedUnits}/{d.units} units coded
          </span>
        </button>
    </li>
  );
});

/** The saved searches: one click shows the Search tab with that search run again. */
function SavedSearchLinks() {
  const list = useSavedSearches();
  const current = useSearch((s) => s.savedId);
  const inSearch = useAppStore((s) => s.view === 'search');
  return (
    <>
      <h3>Saved searches</h3>
      {list.length === 0 ? (
        <p className="muted small pad">None yet: save one in the Search tab.</p>
      ) : (
        <ul aria-label="Saved searches">
          {list.map((s) => (
            <li key={s.id}>
              <button
                type="button"
                className={inSearch && s.id === current ? 'nav-item active' : 'nav-item'}
                onClick={() => void runSaved(s).then(() => useAppStore.setState({ view: 'search' }))}
              >
                <span className="nav-title">{s.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function Navigator() {
  const documents = useWorkspace((s) => s.documents);
  const groups = useWorkspace((s) => s.groups);
  const participants = useWorkspace((s) => s.participants);
  const current = useWorkspace((s) => s.documentId);
  const sections = [
    ...groups.map((g) => ({ id: g.id, name: g.name, docs: documents.filter((d) => d.groupId === g.id) })),
    { id: 'none', name: groups.length ? 'Ungrouped' : 'Documents', docs: documents.filter((d) => !d.groupId) },
  ].filter((s) => s.docs.length > 0);

  return (
    <Pane className="navigator" label="Navigator">
      <h3 className="nav-heading">
        Documents
        <button type="button" className="link small" onClick={() => openImport()} title="Import transcripts (Ctrl/Cmd+I)">
          Import…
        </button>
      </h3>
      {documents.length === 0 && <p className="muted small pad">No documents yet.</p>}
      {sections.map((section) => (
        <div key={section.id} className="nav-group">
          <div className="nav-group-name">{section.name}</div>
          <ChunkedList
            aria-label={section.name}
            items={section.docs}
            itemHeight={52}
            render={(d, at) => <NavItem key={d.id} d={d} active={d.id === current} {...at} />}
          />
        </div>
      ))}
      <h3>Participants</h3>
      <ChunkedList
        className="participants"
        aria-label="Participants"
        items={participants}
        itemHeight={22}
        render={(p, at) => (
          <li key={p.id} {...at} title={p.notes}>
            <span>{p.label}</span> <span className="muted small">{p.pseudonym}</span>
          </li>
        )}
      />
      <SavedSearchLinks />
    </Pane>
  );
}
