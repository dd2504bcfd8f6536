import { useEffect, useRef } from 'react';
import { useAppStore } from '../../state/app-store';
import { openDocument, selectUnit } from '../../state/workspace-store';
import { showPassages, useAnalysis } from './analysis-store';
import { useAnalysisQuery } from './use-analysis-query';

async function openInTranscript(documentId: string, unitId: string | null): Promise<void> {
  await openDocument(documentId);
  if (unitId) selectUnit(unitId);
  useAppStore.setState({ view: 'transcript' });
}

/** The units (or overlapping stretches) behind a clicked cell: text, speaker and where to find them. */
export function PassageList() {
  const request = useAnalysis((s) => s.passages);
  const { data, loading } = useAnalysisQuery('analysis.passages', request?.query ?? null);
  const section = useRef<HTMLElement>(null);
  const key = request?.key;
  // A long table can push the list out of sight: bring its heading into view when another row or cell asks.
  useEffect(() => {
    if (key) section.current?.scrollIntoView?.({ block: 'nearest' });
  }, [key]);
  if (!request) return null;
  return (
    <section ref={section} className="passages" aria-label="Units in the selected cell">
      <header className="passages-head">
        <h3>{request.title}</h3>
        <button type="button" className="link" onClick={() => showPassages(null)}>
          Close
        </button>
      </header>
      {/* The units of the cell asked for, never the last cell's under the new heading. */}
      {loading ? (
        <p className="muted small">Loading…</p>
      ) : (
        <ol className="passage-list">
          {(data ?? []).map((p) => (
            <li key={`${p.unitId ?? ''}${p.documentId}:${p.start}:${p.end}`} className="passage">
              <div className="passage-meta small">
                <strong>{p.speaker ?? 'Unknown speaker'}</strong>
                {p.pseudonym && <span className="muted"> ({p.pseudonym})</span>}
                <span className="muted"> · {p.documentTitle}</span>
                <button type="button" className="link small" onClick={() => void openInTranscript(p.documentId, p.unitId)}>
                  Open in transcript
                </button>
              </div>
              <blockquote>{p.text}</blockquote>
              {p.condensed && <div className="muted small">Condensed: {p.condensed}</div>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
