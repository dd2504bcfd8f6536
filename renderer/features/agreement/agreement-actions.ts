import { registerAction } from '../../commands/registry';
import { useAppStore } from '../../state/app-store';

const hasProject = () => useAppStore.getState().project !== null;

export function registerAgreementActions(): void {
  registerAction('view.compare', () => useAppStore.setState({ view: 'compare' }), hasProject);
  registerAction('project.settings', () => useAppStore.setState({ dialog: 'settings' }), hasProject);
  registerAction('exchange.handOut', () => useAppStore.setState({ dialog: 'handOut' }), hasProject);
  registerAction('exchange.merge', () => useAppStore.setState({ dialog: 'merge' }), hasProject);
}
