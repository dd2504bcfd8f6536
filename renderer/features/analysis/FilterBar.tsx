import { useMemo } from 'react';
import { CoderOptions } from '../../components/CoderOptions';
import { DocumentFilterSelect } from '../../components/DocumentFilterSelect';
import { useAppStore } from '../../state/app-store';
import { useWorkspace } from '../../state/workspace-store';
import { setFilter, useAnalysis } from './analysis-store';

/** Whose codings and which documents, groups and speakers every analysis view counts. */
export function FilterBar() {
  const filter = useAnalysis((s) => s.filter);
  const project = useAppStore((s) => s.project);
  const coders = useWorkspace((s) => s.coders);
  const documents = useWorkspace((s) => s.documents);
  const groups = useWorkspace((s) => s.groups);
  const attributes = useWorkspace((s) => s.attributes);
  const participants = useWorkspace((s) => s.participants);
  const blind = project?.settings.blind ?? false;
  const current = coders.find((c) => c.id === project?.currentCoderId);
  const hasConsensus = coders.some((c) => c.role === 'consensus');
  const ungrouped = documents.some((d) => !d.groupId);

  const attributeValues = useMemo(
    () =>
      attributes
        .map((a) => {
          const held = new Set(participants.map((p) => p.values[a.id]).filter((v): v is string => !!v));
          const ordered = [...a.choices.filter((c) => held.has(c)), ...[...held].filter((v) => !a.choices.includes(v)).sort()];
          return { attribute: a, values: ordered };
        })
        .filter((x) => x.values.length > 0),
    [attributes, participants],
  );
  const speakerKey = filter.attributes?.[0] ? `${filter.attributes[0].attributeId}\u0000${filter.attributes[0].values[0]}` : '';

  return (
    <div className="toolbar analysis-filter" role="group" aria-label="Analysis filter">
      <label className="inline">
        Codings of
        <select
          aria-label="Codings of"
          value={blind ? 'current' : String(filter.coder ?? 'current')}
          disabled={blind}
          onChange={(e) => setFilter({ coder: e.target.value })}
        >
          <option value="current">{current ? `Current coder (${current.name})` : 'Current coder'}</option>
          <option value="consensus">{hasConsensus ? 'Consensus' : 'Consensus (none yet)'}</option>
          <option value="all">All coders</option>
          <CoderOptions coders={coders} />
        </select>
      </label>
      <DocumentFilterSelect label="Documents" className="inline" value={filter.documentIds} onChange={(documentIds) => setFilter({ documentIds })} />
      {(groups.length > 0 || ungrouped) && (
        <label className="inline">
          Group
          <select
            aria-label="Document group"
            value={filter.groupIds?.[0] ?? '*'}
            onChange={(e) => setFilter({ groupIds: e.target.value === '*' ? undefined : [e.target.value] })}
          >
            <option value="*">All groups</option>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
            {ungrouped && <option value="">No group</option>}
          </select>
        </label>
      )}
      {attributeValues.length > 0 && (
        <label className="inline">
          Speakers
          <select
            aria-label="Speakers"
            value={speakerKey}
            onChange={(e) => {
              const [attributeId, value] = e.target.value.split('\u0000');
              setFilter({ attributes: e.target.value ? [{ attributeId, values: [value] }] : undefined });
            }}
          >
            <option value="">Everyone</option>
            {attributeValues.map(({ attribute, values }) => (
              <optgroup key={attribute.id} label={attribute.name}>
                {values.map((v) => (
                  <option key={v} value={`${attribute.id}\u0000${v}`}>
                    {attribute.name}: {v}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
      )}
      {blind && <span className="muted small">Blind coding: only your own codings are counted.</span>}
    </div>
  );
}
