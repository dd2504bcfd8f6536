import { useEffect } from 'react';
import { useAppStore, type View } from '../../state/app-store';
import { loadWorkspace, useWorkspace } from '../../state/workspace-store';
import { AuditView } from '../audit/AuditView';
import { CodebookView } from '../codebook/CodebookView';
import { TranscriptView } from '../transcript/TranscriptView';
import { Inspector } from './Inspector';
import { Navigator } from './Navigator';
import { StatusBar } from './StatusBar';

const TABS: readonly { id: View; label: string }[] = [
  { id: 'transcript', label: 'Transcript' },
  { id: 'codebook', label: 'Codebook' },
  { id: 'audit', label: 'Audit log' },
];

export function ProjectWindow() {
  const project = useAppStore((s) => s.project)!;
  const view = useAppStore((s) => s.view);
  const revision = useAppStore((s) => s.revision);
  const loaded = useWorkspace((s) => s.loadedRevision);

  useEffect(() => {
    void loadWorkspace();
  }, [revision]);

  return (
    <div className="project-window">
      <header className="titlebar">
        <strong>{project.settings.title}</strong>
        <span className="muted small">{project.path}</span>
      </header>
      <div className="panes">
        <Navigator />
        <section className="work-surface" aria-label="Work surface">
          <nav className="tabs" role="tablist">
            {TABS.map((t) => (
              <button
                key={t.id}
                type="button"
                role="tab"
                aria-selected={view === t.id}
                className={view === t.id ? 'tab active' : 'tab'}
                onClick={() => useAppStore.setState({ view: t.id })}
              >
                {t.label}
              </button>
            ))}
          </nav>
          <div className="tab-body">
            {loaded < 0 ? (
              <p className="muted pad">Loading…</p>
            ) : view === 'transcript' ? (
              <TranscriptView />
            ) : view === 'codebook' ? (
              <CodebookView />
            ) : (
              <AuditView />
            )}
          </div>
        </section>
        <Inspector />
      </div>
      <StatusBar />
    </div>
  );
}
