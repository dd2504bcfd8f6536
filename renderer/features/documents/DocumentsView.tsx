import { useState } from 'react';
import type { Attribute, DocumentSummary } from '../../../shared/api/entities';
import type { DocumentFields } from '../../../shared/api/methods/import';
import { DOCUMENT_KIND_LABELS, DOCUMENT_KINDS, type DocumentKind } from '../../../shared/domain/vocabulary';
import { attempt, useAppStore } from '../../state/app-store';
import { openDocument, useWorkspace } from '../../state/workspace-store';
import { openImport } from '../import/import-store';
import { EditableCell } from '../participants/EditableCell';
import { EmptyState } from '../../components/EmptyState';

// EditableCell types its input from an attribute; documents borrow that for dates and numbers.
const AS_DATE = { id: 'date', name: 'Date', type: 'date', choices: [], sort: 0 } as Attribute;
const AS_NUMBER = { id: 'number', name: 'Minutes', type: 'number', choices: [], sort: 0 } as Attribute;

const countWords = (n: number) => (n === 1 ? '1 document' : `${n} documents`);

function save(id: string, fields: DocumentFields & { reference?: string | null }) {
  return attempt('documents.update', { id, ...fields });
}

/** The documents of the study with their session details and groups, all editable in place. */
export function DocumentsView() {
  const documents = useWorkspace((s) => s.documents);
  const groups = useWorkspace((s) => s.groups);
  const [groupName, setGroupName] = useState('');
  const [confirm, setConfirm] = useState<string | null>(null);

  const addGroup = async () => {
    if (groupName.trim() && (await attempt('documentGroups.create', { name: groupName.trim() }))) setGroupName('');
  };
  const open = (d: DocumentSummary) => {
    void openDocument(d.id);
    useAppStore.setState({ view: 'transcript' });
  };

  return (
    <div className="documents-view">
      <div className="toolbar">
        <button type="button" className="primary" onClick={() => openImport()}>
          Import transcripts…
        </button>
        <button type="button" onClick={() => openImport(true)}>
          Paste a transcript…
        </button>
        {documents.some((d) => d.reference === null) && (
          <button
            type="button"
            onClick={() => void attempt('documents.numberByOrder', {})}
            title="Give the documents without a reference number the next numbers, in this list’s order; each stays editable"
          >
            Number by list order
          </button>
        )}
      </div>
      {documents.length === 0 ? (
        <EmptyState commands={['document.import']}>No documents yet. Import transcripts from files, or paste one, with Import Transcripts….</EmptyState>
      ) : (
        <table className="data-table documents-table" aria-label="Documents">
          <thead>
            <tr>
              <th title="The study’s number in your reference list: reports cite sources by it">Ref. no.</th>
              <th>Title</th>
              <th>Kind</th>
              <th>Session</th>
              <th>Date</th>
              <th>Group</th>
              <th>Facilitator</th>
              <th>Minutes</th>
              <th>Notes</th>
              <th>Turns</th>
              <th>Units</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {documents.map((d) => (
              <tr key={d.id}>
                <td>
                  <EditableCell value={d.reference ?? ''} label={`Reference number of ${d.title}`} onSave={(v) => save(d.id, { reference: v.trim() || null })} />
                </td>
                <td className="wraps">
                  <EditableCell value={d.title} label={`Title of ${d.title}`} onSave={(v) => v.trim() && save(d.id, { title: v.trim() })} />
                </td>
                <td>
                  <select aria-label={`Kind of ${d.title}`} value={d.kind} onChange={(e) => void save(d.id, { kind: e.target.value as DocumentKind })}>
                    {DOCUMENT_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {DOCUMENT_KIND_LABELS[k]}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="wraps">
                  <EditableCell value={d.sessionName} label={`Session of ${d.title}`} onSave={(v) => save(d.id, { sessionName: v })} />
                </td>
                <td>
                  <EditableCell value={d.sessionDate ?? ''} label={`Date of ${d.title}`} attribute={AS_DATE} onSave={(v) => save(d.id, { sessionDate: v || null })} />
                </td>
                <td>
                  <select aria-label={`Group of ${d.title}`} value={d.groupId ?? ''} onChange={(e) => void save(d.id, { groupId: e.target.value || null })}>
                    <option value="">—</option>
                    {groups.map((g) => (
                      <option key={g.id} value={g.id}>
                        {g.name}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="wraps">
                  <EditableCell value={d.facilitator} label={`Facilitator of ${d.title}`} onSave={(v) => save(d.id, { facilitator: v })} />
                </td>
                <td>
                  <EditableCell
                    value={d.durationMinutes === null ? '' : String(d.durationMinutes)}
                    label={`Minutes of ${d.title}`}
                    attribute={AS_NUMBER}
                    onSave={(v) => save(d.id, { durationMinutes: v.trim() === '' ? null : Number(v) })}
                  />
                </td>
                <td className="notes">
                  <EditableCell value={d.notes} label={`Notes on ${d.title}`} onSave={(v) => save(d.id, { notes: v })} />
                </td>
                <td>{d.turns}</td>
                <td>{d.units}</td>
                <td className="row-actions">
                  <button type="button" onClick={() => open(d)}>
                    Open
                  </button>
                  {confirm === d.id ? (
                    <>
                      <button type="button" className="danger" onClick={() => void attempt('documents.delete', { id: d.id }).then(() => setConfirm(null))}>
                        Remove with its {d.units} units
                      </button>
                      <button type="button" onClick={() => setConfirm(null)}>
                        Keep
                      </button>
                    </>
                  ) : (
                    <button type="button" onClick={() => setConfirm(d.id)}>
                      Remove…
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section className="groups" aria-label="Document groups">
        <h3>Groups</h3>
        <ul>
          {groups.map((g) => (
            <li key={g.id}>
              <EditableCell value={g.name} label={`Name of group ${g.name}`} onSave={(v) => v.trim() && attempt('documentGroups.rename', { id: g.id, name: v.trim() })} />
              <span className="muted small"> {countWords(documents.filter((d) => d.groupId === g.id).length)}</span>{' '}
              <button type="button" className="link" onClick={() => void attempt('documentGroups.delete', { id: g.id })}>
                remove group
              </button>
            </li>
          ))}
        </ul>
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void addGroup();
          }}
        >
          <input aria-label="New group name" value={groupName} onChange={(e) => setGroupName(e.target.value)} placeholder="e.g. Mentee groups" />
          <button type="submit" disabled={!groupName.trim()}>
            Add group
          </button>
        </form>
      </section>
    </div>
  );
}
