import { useEffect, useState } from 'react';
import type { CopyOrigin } from '../../../shared/api/methods/exchange';
import { CoderOptions } from '../../components/CoderOptions';
import { attempt, useAppStore } from '../../state/app-store';
import { useTablesVersion } from '../../state/query-cache';
import { useWorkspace } from '../../state/workspace-store';
import { useCoderView } from './coder-view-store';

/** Status-bar pieces: the coder-view switch and, in a coder copy, whose copy it is. */
export function CollaborationStatus() {
  const project = useAppStore((s) => s.project);
  const changed = useTablesVersion(['project', 'coders']);
  const coders = useWorkspace((s) => s.coders);
  const view = useCoderView((s) => s.view);
  const [copy, setCopy] = useState<CopyOrigin | null>(null);

  useEffect(() => {
    void attempt('exchange.info', {}).then((info) => setCopy(info?.copy ?? null));
  }, [project?.path, changed]);

  useEffect(() => {
    if (view !== 'all' && view !== 'consensus' && !coders.some((c) => c.id === view)) useCoderView.setState({ view: 'all' });
  }, [coders, view]);

  if (!project) return null;
  const hasConsensus = coders.some((c) => c.role === 'consensus');
  return (
    <>
      {copy && (
        <span className="status-item copy-badge" title={`Made ${new Date(copy.madeAt).toLocaleString()} by ${copy.madeBy ?? 'someone'} from ${copy.sourcePath}`}>
          Coder copy{copy.coderName ? ` for ${copy.coderName}` : ''}
        </span>
      )}
      {!project.settings.blind && (
        <label className="status-item inline coder-view">
          View:
          <select aria-label="Codings shown" value={view} onChange={(e) => useCoderView.setState({ view: e.target.value })}>
            <option value="all">All coders</option>
            {hasConsensus && <option value="consensus">Consensus</option>}
            <CoderOptions coders={coders} />
          </select>
        </label>
      )}
    </>
  );
}
