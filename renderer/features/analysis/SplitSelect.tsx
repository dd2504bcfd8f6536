import { useWorkspace } from '../../state/workspace-store';

/** Chooses what columns split by: a participant attribute, the document group or the document. */
export function SplitSelect({ label, value, onChange, allowNone }: { label: string; value: string; onChange: (key: string) => void; allowNone?: boolean }) {
  const attributes = useWorkspace((s) => s.attributes);
  return (
    <label className="inline">
      {label}
      <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
        {allowNone && <option value="none">Nothing (totals only)</option>}
        <option value="group">Document group</option>
        <option value="document">Document</option>
        {attributes.map((a) => (
          <option key={a.id} value={`attribute:${a.id}`}>
            {a.name}
          </option>
        ))}
      </select>
    </label>
  );
}
