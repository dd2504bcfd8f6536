import { registerAction } from '../../commands/registry';
import { useAppStore } from '../../state/app-store';
import { exportReport, loadPreview, useReports } from './reports-store';

const hasProject = () => useAppStore.getState().project !== null;

export function registerReportsActions(): void {
  registerAction('view.reports', () => useAppStore.setState({ view: 'reports' }), hasProject);
  registerAction(
    'reports.exportWord',
    async () => {
      useAppStore.setState({ view: 'reports' });
      if (!useReports.getState().preview) await loadPreview();
      if (useReports.getState().preview?.formats.includes('docx')) await exportReport('docx');
    },
    hasProject,
  );
}
