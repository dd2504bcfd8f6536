import { useEffect } from 'react';
import { desktopBridge } from './api/connection';
import { registerCoreActions } from './commands/core-actions';
import { handleKeyDown, runAction, setDesktopMode } from './commands/registry';
import { CommandPalette } from './components/CommandPalette';
import { ErrorBanner } from './components/ErrorBanner';
import { MenuBar } from './components/MenuBar';
import { ProjectDialogs } from './features/start/ProjectDialogs';
import { openProjectAt, StartScreen } from './features/start/StartScreen';
import { ProjectWindow } from './features/project/ProjectWindow';
import { registerRefiActions } from './features/refi/refi-actions';
import { RefiDialogs } from './features/refi/RefiDialogs';
import { ReplaceFileDialog } from './features/files/ReplaceFileDialog';
import { EditConflictDialog } from './features/coding/EditConflictDialog';
import { call, useAppStore } from './state/app-store';

registerCoreActions();
registerRefiActions();
setDesktopMode(desktopBridge() !== null);

export function App() {
  const project = useAppStore((s) => s.project);
  const theme = useAppStore((s) => s.theme);
  // The desktop app has its native menu; a browser tab gets the same menus drawn in the page.
  const inBrowser = desktopBridge() === null;

  useEffect(() => {
    void call('app.info', {}).then((info) => useAppStore.setState({ info }));
    const bridge = desktopBridge();
    bridge?.onCommand((id) => runAction(id));
    bridge?.onOpen((p) => void openProjectAt(p));
    const onKey = (e: KeyboardEvent) =>
      handleKeyDown(e, {
        skipMenuShortcuts: bridge !== null,
        view: useAppStore.getState().view,
        // An open dialog, palette or menu has the keyboard to itself.
        modalOpen: document.querySelector('.overlay, [role="dialog"], [role="menu"]') !== null,
      });
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  return (
    <div className="app">
      {inBrowser && <MenuBar />}
      <ErrorBanner />
      {project ? <ProjectWindow /> : <StartScreen />}
      <ProjectDialogs />
      <RefiDialogs />
      <ReplaceFileDialog />
      <EditConflictDialog />
      <CommandPalette />
    </div>
  );
}
