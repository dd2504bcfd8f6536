import { useEffect, useState } from 'react';
import { AGREEMENT_LEVEL_LABELS, AGREEMENT_LEVELS, DECISION_KEYS, UNIT_SET_MODES, UNIT_SET_SHORT_LABELS, type AgreementLevel, type UnitSetMode } from '../../../shared/domain/agreement-options';
import { FieldError } from '../../components/Dialog';
import { EmptyState } from '../../components/EmptyState';
import { DocumentFilterSelect } from '../../components/DocumentFilterSelect';
import { useAppStore } from '../../state/app-store';
import { useTablesVersion } from '../../state/query-cache';
import { choose, exportList, exportLog, loadComparison, loadReport, loadStatus, move, reveal, saveAndNext, useCompare } from './compare-store';
import { DiscrepancyDetailPanel, DiscrepancyListPanel } from './DiscrepancyPanels';
import { FiguresPanel } from './FiguresPanel';

function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && !!el.tagName && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

/** Arrows move, 1–6 decide, Ctrl/Cmd+Enter saves and goes on; caught before the global shortcuts. */
function useCompareKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (useAppStore.getState().view !== 'compare' || document.querySelector('.overlay')) return;
      if (!useCompare.getState().detail) return;
      const stop = () => {
        e.preventDefault();
        e.stopPropagation();
      };
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
        stop();
        void saveAndNext();
        return;
      }
      if (typingIn(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      // Inside the list, React Aria's ListBox moves the focus and the selection with it.
      const inList = (e.target as Element | null)?.closest?.('.discrepancy-items');
      if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && !inList) {
        stop();
        move(e.key === 'ArrowDown' ? 1 : -1);
      } else if (/^[1-6]$/.test(e.key)) {
        stop();
        choose(DECISION_KEYS[Number(e.key) - 1]);
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}

function RevealGate() {
  const [confirmed, setConfirmed] = useState(false);
  return (
    <div className="pad reveal-gate">
      <h2>Blind coding is on</h2>
      <p>
        Each coder sees only their own codings. Opening the comparison shows <strong>both coders’ work</strong> — the agreement figures and every
        discrepancy — to everyone who uses this file, and ends blind coding for the project. Who opened it and when is recorded in the audit log.
      </p>
      <p className="muted small">
        Do this once every coder has finished coding independently. Agreement is always computed on the codings made before any resolution, so opening
        the comparison does not change the figures. To code blind again (a new round), turn blind coding back on in Project settings.
      </p>
      <label className="inline">
        <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} /> I understand this reveals both coders’ work
      </label>
      <div>
        <button type="button" className="primary" disabled={!confirmed} onClick={() => void reveal()}>
          Open the comparison
        </button>
      </div>
    </div>
  );
}

export function CompareView() {
  const status = useCompare((s) => s.status);
  const coderAId = useCompare((s) => s.coderAId);
  const coderBId = useCompare((s) => s.coderBId);
  // Until the user picks one, the level shown is the one the app took for the figures on screen.
  const picked = useCompare((s) => s.level);
  const reportLevel = useCompare((s) => s.report?.level);
  const level = picked ?? reportLevel ?? 'unit';
  const unitSet = useCompare((s) => s.unitSet);
  const documents = useCompare((s) => s.documents);
  const documentIds = useCompare((s) => s.documentIds);
  const intervals = useCompare((s) => s.intervals);
  const report = useCompare((s) => s.report);
  const reportError = useCompare((s) => s.reportError);
  const exportMessage = useCompare((s) => s.exportMessage);
  const changed = useTablesVersion(['codings', 'meaning_units', 'codebook_nodes', 'codebook_links', 'coders', 'resolutions', 'documents', 'project']);
  useCompareKeys();

  useEffect(() => {
    void loadStatus().then(() => loadComparison());
  }, [changed, coderAId, coderBId]);

  if (!status) return <p className="muted pad">Loading…</p>;
  if (status.blind) return <RevealGate />;
  if (status.coders.filter((c) => c.codings > 0).length < 2) {
    // Names the commands it needs as they are in the File menu, and runs them from here.
    return (
      <EmptyState commands={['exchange.handOut', 'exchange.merge']}>
        The comparison needs two coders who have both coded. Hand a copy to a second coder, then merge it back when it returns (both are in the File menu).
      </EmptyState>
    );
  }
  const setOption = (patch: { level?: AgreementLevel; unitSet?: UnitSetMode; documents?: 'auto' | 'all' | 'handed-out'; documentIds?: string[] | undefined; intervals?: boolean }) => {
    useCompare.setState(patch);
    void loadReport();
  };
  const people = status.coders;

  return (
    <div className="compare">
      <div className="toolbar">
        <label className="inline">
          Coder A
          <select aria-label="Coder A" value={coderAId ?? ''} onChange={(e) => useCompare.setState({ coderAId: e.target.value, selectedKey: null })}>
            {people.map((c) => (
              <option key={c.id} value={c.id} disabled={c.id === coderBId}>
                {c.name} ({c.codings})
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          Coder B
          <select aria-label="Coder B" value={coderBId ?? ''} onChange={(e) => useCompare.setState({ coderBId: e.target.value, selectedKey: null })}>
            {people.map((c) => (
              <option key={c.id} value={c.id} disabled={c.id === coderAId}>
                {c.name} ({c.codings})
              </option>
            ))}
          </select>
        </label>
        {status.agreementEnabled && (
          <>
            <label className="inline">
              Level
              <select value={level} onChange={(e) => setOption({ level: e.target.value as AgreementLevel })}>
                {AGREEMENT_LEVELS.map((l) => (
                  <option key={l} value={l}>
                    {AGREEMENT_LEVEL_LABELS[l]}
                  </option>
                ))}
              </select>
            </label>
            <label className="inline">
              Documents
              <select aria-label="Documents compared" value={documents} disabled={documentIds !== undefined} onChange={(e) => setOption({ documents: e.target.value as 'auto' | 'all' | 'handed-out' })}>
                <option value="auto">Those both coders were handed (else all)</option>
                <option value="all">All documents</option>
                <option value="handed-out">Handed out only</option>
              </select>
            </label>
            <DocumentFilterSelect className="inline" label="Limit to" value={documentIds} onChange={(ids) => setOption({ documentIds: ids })} />
            <label className="inline" title="κ: large-sample standard error; α: bootstrap of Hayes & Krippendorff (2007), 1,000 draws, seeded so the figures reproduce">
              <input type="checkbox" checked={intervals} onChange={(e) => setOption({ intervals: e.target.checked })} /> 95% intervals (κ, α)
            </label>
            {level === 'unit' && (
              <label className="inline">
                Units compared
                <select value={unitSet} onChange={(e) => setOption({ unitSet: e.target.value as UnitSetMode })}>
                  {UNIT_SET_MODES.map((m) => (
                    <option key={m} value={m}>
                      {UNIT_SET_SHORT_LABELS[m]}
                    </option>
                  ))}
                </select>
              </label>
            )}
          </>
        )}
        <span className="spacer" />
        <button type="button" onClick={() => void exportList('xlsx')}>
          Export list (XLSX)
        </button>
        <button type="button" onClick={() => void exportList('csv')}>
          CSV
        </button>
        <button type="button" onClick={() => void exportLog('xlsx')}>
          Export resolution log (XLSX)
        </button>
        <button type="button" onClick={() => void exportLog('csv')}>
          CSV
        </button>
      </div>
      {exportMessage && (
        <p className="small pad-x" role="status">
          {exportMessage}
        </p>
      )}
      {status.agreementEnabled ? (
        report ? (
          <FiguresPanel report={report} />
        ) : reportError ? (
          <div className="pad-x">
            <FieldError message={reportError} />
            <button type="button" onClick={() => void loadReport()}>
              Compute again
            </button>
          </div>
        ) : (
          <p className="muted pad">Computing agreement…</p>
        )
      ) : (
        <p className="pad-x small muted">
          Agreement statistics are turned off for this project (Project settings). You can still go through the differences between coders and build a
          consensus.
        </p>
      )}
      <div className="compare-split">
        <DiscrepancyListPanel />
        <DiscrepancyDetailPanel />
      </div>
    </div>
  );
}
