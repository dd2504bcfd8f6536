import { attempt, call, refreshProject, useAppStore, type View } from '../state/app-store';
import { moveUnit, rememberPlaceNow, resetWorkspace } from '../state/workspace-store';
import { projectOpened } from '../state/app-store';
import { registerAction } from './registry';
import { registerAgreementActions } from '../features/agreement/agreement-actions';
import { registerCodingActions } from '../features/coding/coding-actions';
import { registerTranscriptActions } from '../features/transcript/unit-actions';
import { registerMediaActions } from '../features/transcript/media-store';
import { registerAnalysisActions } from '../features/analysis/analysis-actions';
import { registerReportsActions } from '../features/reports/reports-actions';
import { registerCodebookActions } from '../features/codebook/codebook-actions';
import { showNotice } from '../features/coding/coding-store';
import { historyNotice } from '../features/project/history-label';

const hasProject = () => useAppStore.getState().project !== null;

function show(view: View) {
  return () => useAppStore.setState({ view });
}

async function history(method: 'history.undo' | 'history.redo') {
  const moved = await attempt(method, {});
  if (moved !== null) {
    // Says what was taken back: after reopening, the step may be from days ago.
    showNotice(historyNotice(method === 'history.undo' ? 'undo' : 'redo', moved.did));
    // The change event re-reads what the step touched.
    await refreshProject();
  }
}

export async function openSample(): Promise<void> {
  const project = await attempt('project.openSample', {});
  if (project) {
    resetWorkspace();
    projectOpened(project);
  }
}

export function registerCoreActions(): void {
  registerAction('project.new', () => useAppStore.setState({ dialog: 'new' }));
  registerAction('project.open', () => useAppStore.setState({ dialog: 'open' }));
  registerAction('project.openSample', openSample);
  registerAction(
    'project.backup',
    async () => {
      const r = await attempt('project.backup', {});
      if (r) useAppStore.setState({ error: null });
    },
    hasProject,
  );
  registerAction(
    'project.close',
    async () => {
      await rememberPlaceNow();
      await call('project.close', {});
      resetWorkspace();
      useAppStore.setState({ project: null });
    },
    hasProject,
  );
  registerAction('history.undo', () => history('history.undo'), hasProject);
  registerAction('history.redo', () => history('history.redo'), hasProject);
  registerAction('palette.open', () => useAppStore.setState({ paletteOpen: true }));
  registerAction('view.transcript', show('transcript'), hasProject);
  registerAction('view.codebook', show('codebook'), hasProject);
  registerAction('view.audit', show('audit'), hasProject);
  registerAction('view.toggleTheme', () => useAppStore.setState((s) => ({ theme: s.theme === 'light' ? 'dark' : 'light' })));
  registerAction('coder.switch', () => useAppStore.setState({ dialog: 'coder' }), hasProject);
  registerAction('unit.next', () => moveUnit(1), hasProject);
  registerAction('unit.previous', () => moveUnit(-1), hasProject);
  registerAction('help.about', () => useAppStore.setState({ dialog: 'about' }));
  registerAction('help.keys', () => useAppStore.setState({ dialog: 'keys' }));
  registerAgreementActions();
  registerCodingActions();
  registerMediaActions();
  registerTranscriptActions();
  registerAnalysisActions();
  registerReportsActions();
  registerCodebookActions();
}
