import * as Tabs from '@radix-ui/react-tabs';
import { useEffect } from 'react';
import { useAppStore } from '../../state/app-store';
import { loadWorkspace, useWorkspace } from '../../state/workspace-store';
import { WORK_VIEWS } from '../views';
import { CodingOverlays } from '../coding/CodingOverlays';
import { TranscriptOverlays } from '../transcript/TranscriptOverlays';
import { Inspector } from './Inspector';
import { Navigator } from './Navigator';
import { StatusBar } from './StatusBar';
import { WorkTabs } from './WorkTabs';

export function ProjectWindow() {
  const project = useAppStore((s) => s.project)!;
  const view = useAppStore((s) => s.view);
  const opened = useAppStore((s) => s.opened);
  const loaded = useWorkspace((s) => s.loadedFor);
  const current = WORK_VIEWS.find((v) => v.id === view) ?? WORK_VIEWS[0];
  const Current = current.component;

  useEffect(() => {
    void loadWorkspace();
  }, [opened]);

  return (
    <div className="project-window">
      <header className="titlebar">
        <strong>{project.settings.title}</strong>
        {project.readOnlyCopyOf ? (
          <span className="muted small" role="note">
            Read-only copy, as last saved, of {project.readOnlyCopyOf} (another program has it open)
          </span>
        ) : (
          <span className="muted small">{project.path}</span>
        )}
      </header>
      <div className={current.inspector ? 'panes' : 'panes no-inspector'}>
        <Navigator />
        <Tabs.Root asChild value={current.id} onValueChange={(id) => useAppStore.setState({ view: id as typeof view })} activationMode="manual">
          <section className="work-surface" aria-label="Work surface">
            <WorkTabs />
            <Tabs.Content value={current.id} className="tab-body" tabIndex={-1}>
              {loaded < 0 ? <p className="muted pad">Loading…</p> : <Current />}
            </Tabs.Content>
          </section>
        </Tabs.Root>
        {current.inspector && <Inspector />}
      </div>
      <StatusBar />
      <CodingOverlays />
      <TranscriptOverlays />
    </div>
  );
}
