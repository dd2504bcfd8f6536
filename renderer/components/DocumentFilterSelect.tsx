import { useWorkspace } from '../state/workspace-store';

/** "All documents" or one document, as a filter's `documentIds`. */
export function DocumentFilterSelect({
  label,
  className,
  value,
  onChange,
}: {
  readonly label: string;
  readonly className?: string;
  readonly value: readonly string[] | undefined;
  readonly onChange: (documentIds: string[] | undefined) => void;
}) {
  const documents = useWorkspace((s) => s.documents);
  return (
    <label className={className}>
      {label}
      <select aria-label={label} value={value?.[0] ?? ''} onChange={(e) => onChange(e.target.value ? [e.target.value] : undefined)}>
        <option value="">All documents</option>
        {documents.map((d) => (
          <option key={d.id} value={d.id}>
            {d.title}
          </option>
        ))}
      </select>
    </label>
  );
}
