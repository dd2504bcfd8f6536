import type { DocumentSummary } from '../../shared/api/entities';
import { useWorkspace } from '../state/workspace-store';

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
const inGroup = (documents: readonly DocumentSummary[], groupId: string) => documents.filter((d) => d.groupId === groupId).map((d) => d.id);

/**
 * "All documents", a group of documents, or one document, as a filter's `documentIds`. A set that
 * is none of those (a saved search's, say) shows as "N documents, as saved" until another is chosen.
 */
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
  const groups = useWorkspace((s) => s.groups).filter((g) => documents.some((d) => d.groupId === g.id));
  const chosen =
    value === undefined
      ? ''
      : value.length === 1 && documents.some((d) => d.id === value[0])
        ? `doc:${value[0]}`
        : (groups.map((g) => `group:${g.id}`).find((v) => sameSet(inGroup(documents, v.slice(6)), value)) ?? 'saved');
  const choose = (v: string) => {
    if (v === 'saved') return;
    onChange(v === '' ? undefined : v.startsWith('group:') ? inGroup(documents, v.slice(6)) : [v.slice(4)]);
  };
  const documentOptions = documents.map((d) => (
    <option key={d.id} value={`doc:${d.id}`}>
      {d.title}
    </option>
  ));
  return (
    <label className={className}>
      {label}
      <select aria-label={label} value={chosen} onChange={(e) => choose(e.target.value)}>
        <option value="">All documents</option>
        {chosen === 'saved' && <option value="saved">{`${value?.length ?? 0} documents, as saved`}</option>}
        {groups.length > 0 && (
          <optgroup label="Groups">
            {groups.map((g) => (
              <option key={g.id} value={`group:${g.id}`}>
                {g.name}
              </option>
            ))}
          </optgroup>
        )}
        {groups.length > 0 ? <optgroup label="Documents">{documentOptions}</optgroup> : documentOptions}
      </select>
    </label>
  );
}
