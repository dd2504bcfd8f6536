import { useState } from 'react';
import type { AttributeTable, TableSource } from '../../../shared/api/methods/participants';
import { ATTRIBUTE_TYPES, type AttributeType } from '../../../shared/domain/vocabulary';
import { Dialog, FieldError } from '../../components/Dialog';
import { attempt } from '../../state/app-store';
import { useWorkspace } from '../../state/workspace-store';
import { FileChooser, type ChosenFile } from '../import/FileChooser';
import { ATTRIBUTE_TYPE_LABELS } from './AttributeDialog';

type ColumnUse = { readonly use: 'skip' } | { readonly use: 'existing'; readonly attributeId: string } | { readonly use: 'new'; readonly type: AttributeType };

/** Reads a CSV/XLSX table of participants, matches rows by label, and fills attributes from its columns. */
export function AttributeImportDialog({ onClose }: { onClose: () => void }) {
  const attributes = useWorkspace((s) => s.attributes);
  const [source, setSource] = useState<TableSource | null>(null);
  const [table, setTable] = useState<AttributeTable | null>(null);
  const [keyColumn, setKeyColumn] = useState(0);
  const [uses, setUses] = useState<ColumnUse[]>([]);
  const [createMissing, setCreateMissing] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const choose = async (file: ChosenFile | null, why: string | null) => {
    setProblem(why);
    if (!file) return;
    const src: TableSource = { kind: 'path', path: file.path };
    const t = await attempt('participants.readAttributeTable', { source: src });
    if (!t) return;
    setSource(src);
    setTable(t);
    setKeyColumn(t.keyColumn);
    setUses(t.suggestions.map((s, i) => (i === t.keyColumn ? { use: 'skip' } : s.attributeId ? { use: 'existing', attributeId: s.attributeId } : { use: 'new', type: s.type })));
    setResult(null);
  };

  const run = async () => {
    if (!source || !table) return;
    const columns = uses.flatMap((u, column) =>
      column === keyColumn || u.use === 'skip' ? [] : [u.use === 'existing' ? { column, attributeId: u.attributeId } : { column, type: u.type, name: table.columns[column] }],
    );
    const r = await attempt('participants.importAttributes', { source, keyColumn, columns, createMissing });
    if (r) {
      setResult(
        `Set ${r.values} values for ${r.updated} participants${r.created ? `, added ${r.created} participants` : ''}${r.attributesCreated ? `, made ${r.attributesCreated} attributes` : ''}.` +
          (r.unmatched.length ? ` No participant matches: ${r.unmatched.join(', ')}.` : ''),
      );
    }
  };

  const useValue = (u: ColumnUse) => (u.use === 'existing' ? `a:${u.attributeId}` : u.use === 'new' ? `new:${u.type}` : 'skip');
  const fromValue = (v: string): ColumnUse => (v.startsWith('a:') ? { use: 'existing', attributeId: v.slice(2) } : v.startsWith('new:') ? { use: 'new', type: v.slice(4) as AttributeType } : { use: 'skip' });

  return (
    <Dialog title="Import attributes from a table" onClose={onClose}>
      <div className="wide-dialog">
        <p className="small muted">A CSV or Excel (.xlsx) table with a header row and one row per participant; the rows are matched to participants by label.</p>
        <FileChooser label="Attribute table" purpose="attributes" accept=".csv,.tsv,.txt,.xlsx" onChosen={(f, why) => void choose(f, why)} />
        <FieldError message={problem} />
        {table && (
          <>
            <p className="small">
              {table.fileName}: {table.rows.length} rows, {table.matched} match participants by label.
            </p>
            <label>
              Participant labels are in
              <select aria-label="Label column" value={keyColumn} onChange={(e) => setKeyColumn(Number(e.target.value))}>
                {table.columns.map((c, i) => (
                  <option key={i} value={i}>
                    {c}
                  </option>
                ))}
              </select>
            </label>
            <table className="data-table" aria-label="Columns">
              <thead>
                <tr>
                  <th>Column</th>
                  <th>First values</th>
                  <th>Goes into</th>
                </tr>
              </thead>
              <tbody>
                {table.columns.map((c, i) =>
                  i === keyColumn ? null : (
                    <tr key={i}>
                      <td>{c}</td>
                      <td className="muted small">{table.rows.slice(0, 3).map((r) => r[i]).join(', ')}</td>
                      <td>
                        <select aria-label={`Column ${c} goes into`} value={useValue(uses[i])} onChange={(e) => setUses(uses.map((u, j) => (j === i ? fromValue(e.target.value) : u)))}>
                          <option value="skip">Skip</option>
                          {attributes.map((a) => (
                            <option key={a.id} value={`a:${a.id}`}>
                              {a.name}
                            </option>
                          ))}
                          {ATTRIBUTE_TYPES.map((t) => (
                            <option key={t} value={`new:${t}`}>
                              New attribute “{c}” ({ATTRIBUTE_TYPE_LABELS[t].toLowerCase()})
                            </option>
                          ))}
                        </select>
                      </td>
                    </tr>
                  ),
                )}
              </tbody>
            </table>
            <label className="inline">
              <input type="checkbox" checked={createMissing} onChange={(e) => setCreateMissing(e.target.checked)} /> Add rows that match nobody as new participants
            </label>
          </>
        )}
        {result && (
          <p role="status" className="small">
            {result}
          </p>
        )}
        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>
            {result ? 'Close' : 'Cancel'}
          </button>
          <button type="button" className="primary" disabled={!table || !!result} onClick={() => void run()}>
            Import values
          </button>
        </div>
      </div>
    </Dialog>
  );
}
