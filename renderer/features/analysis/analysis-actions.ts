import { registerAction } from '../../commands/registry';
import { useAppStore } from '../../state/app-store';
import { type AnalysisSubview, useAnalysis } from './analysis-store';

const hasProject = () => useAppStore.getState().project !== null;

function show(subview: AnalysisSubview) {
  return () => {
    useAnalysis.setState({ subview, passages: null });
    useAppStore.setState({ view: 'analysis' });
  };
}

export function registerAnalysisActions(): void {
  registerAction('view.analysis', () => useAppStore.setState({ view: 'analysis' }), hasProject);
  registerAction('analysis.frequencies', show('frequencies'), hasProject);
  registerAction('analysis.matrix', show('matrix'), hasProject);
  registerAction('analysis.cooccurrence', show('cooccurrence'), hasProject);
  registerAction('analysis.map', show('map'), hasProject);
}
