import { useLayoutEffect } from 'react';
import { useAppStore } from '../../state/app-store';
import { adoptProject, type AnalysisSubview, useAnalysis } from './analysis-store';
import { CooccurrenceView } from './CooccurrenceView';
import { FilterBar } from './FilterBar';
import { FrequenciesView } from './FrequenciesView';
import { MatrixView } from './MatrixView';
import { ThematicMap } from './ThematicMap';

const SUBVIEWS: readonly { id: AnalysisSubview; label: string }[] = [
  { id: 'frequencies', label: 'Frequencies' },
  { id: 'matrix', label: 'Matrix' },
  { id: 'cooccurrence', label: 'Co-occurrence' },
  { id: 'map', label: 'Thematic map' },
];

/** Frequencies, matrices, co-occurrence and the thematic map, all under one filter. */
export function AnalysisView() {
  const projectId = useAppStore((s) => s.project?.id ?? null);
  const subview = useAnalysis((s) => s.subview);
  const adopted = useAnalysis((s) => s.projectId);
  useLayoutEffect(() => {
    if (projectId) adoptProject(projectId);
  }, [projectId]);
  if (projectId && adopted !== projectId) return null;
  return (
    <div className="analysis">
      <nav className="subtabs" role="tablist" aria-label="Analysis views">
        {SUBVIEWS.map((v) => (
          <button
            key={v.id}
            type="button"
            role="tab"
            aria-selected={subview === v.id}
            className={subview === v.id ? 'subtab active' : 'subtab'}
            onClick={() => useAnalysis.setState({ subview: v.id, passages: null })}
          >
            {v.label}
          </button>
        ))}
      </nav>
      <FilterBar />
      {subview === 'frequencies' && <FrequenciesView />}
      {subview === 'matrix' && <MatrixView />}
      {subview === 'cooccurrence' && <CooccurrenceView />}
      {subview === 'map' && <ThematicMap />}
    </div>
  );
}
