import * as Tabs from '@radix-ui/react-tabs';
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
    <Tabs.Root
      className="analysis"
      value={subview}
      onValueChange={(id) => useAnalysis.setState({ subview: id as AnalysisSubview, passages: null })}
      activationMode="manual"
    >
      <Tabs.List className="subtabs" aria-label="Analysis views" loop={false}>
        {SUBVIEWS.map((v) => (
          <Tabs.Trigger key={v.id} value={v.id} className={subview === v.id ? 'subtab active' : 'subtab'}>
            {v.label}
          </Tabs.Trigger>
        ))}
      </Tabs.List>
      <FilterBar />
      <Tabs.Content value={subview} className="analysis-panel" tabIndex={-1}>
        {subview === 'frequencies' && <FrequenciesView />}
        {subview === 'matrix' && <MatrixView />}
        {subview === 'cooccurrence' && <CooccurrenceView />}
        {subview === 'map' && <ThematicMap />}
      </Tabs.Content>
    </Tabs.Root>
  );
}
