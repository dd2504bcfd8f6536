import { useEffect, useState } from 'react';
import type { RecentProject } from '../../../shared/api/entities';
import { openSample } from '../../commands/core-actions';
import { openRefiDialog } from '../refi/refi-actions';
import { attempt, projectOpened, useAppStore } from '../../state/app-store';
import { rememberPlaceNow, resetWorkspace } from '../../state/workspace-store';

export async function openProjectAt(path: string): Promise<boolean> {
  await rememberPlaceNow();
  const project = await attempt('project.open', { path });
  if (!project) return false;
  resetWorkspace();
  projectOpened(project);
  return true;
}

export function StartScreen() {
  const [recent, setRecent] = useState<RecentProject[]>([]);
  const info = useAppStore((s) => s.info);

  useEffect(() => {
    void attempt('app.recent', {}).then((r) => setRecent(r ?? []));
  }, []);

  return (
    <main className="start-screen">
      <header>
        <h1>Condensa</h1>
        <p className="muted">From transcripts to meaning units, codes, categories and themes — on your own machine.</p>
      </header>
      <div className="start-actions">
        <button type="button" className="primary" onClick={() => useAppStore.setState({ dialog: 'new' })}>
          New project…
        </button>
        <button type="button" onClick={() => useAppStore.setState({ dialog: 'open' })}>
          Open project…
        </button>
        <button type="button" onClick={() => void openSample()}>
          Open the sample project
        </button>
        <button type="button" onClick={() => openRefiDialog('import-project')}>
          Import REFI-QDA project…
        </button>
      </div>
      <section aria-labelledby="recent-heading" className="recent">
        <h2 id="recent-heading">Recent projects</h2>
        {recent.length === 0 ? (
          <p className="muted">Projects you open appear here.</p>
        ) : (
          <ul>
            {recent.map((r) => (
              <li key={r.path}>
                <button type="button" className="link" disabled={!r.exists} onClick={() => void openProjectAt(r.path)} title={r.path}>
                  {r.title}
                </button>
                <span className="muted small">
                  {r.exists ? r.path : 'moved or deleted'} · opened {new Date(r.openedAt).toLocaleString()}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {info && (
        <footer className="muted small">
          Condensa {info.version} · projects folder: {info.projectsFolder}
          {info.platform === 'browser' && ' · browser mode'}
        </footer>
      )}
    </main>
  );
}
