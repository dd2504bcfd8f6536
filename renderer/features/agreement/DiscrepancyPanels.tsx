import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { Collection, Header, ListBox, ListBoxItem, ListBoxSection, ListLayout, Virtualizer, type Selection } from 'react-aria-components';
import type { CodeRef, Discrepancy, DiscrepancyDetail } from '../../../shared/api/methods/agreement';
import { DECISION_KEYS, DECISION_LABELS, DISCREPANCY_TYPES, DISCREPANCY_TYPE_LABELS, decisionText } from '../../../shared/domain/agreement-options';
import { useWorkspace } from '../../state/workspace-store';
import { choose, loadList, orderedItems, saveAndNext, select, useCompare } from './compare-store';

function Chips({ codes, common }: { codes: readonly CodeRef[]; common?: readonly CodeRef[] }) {
  if (codes.length === 0) return <span className="muted small">no code</span>;
  return (
    <span className="chips">
      {codes.map((c) => {
        const shared = common?.some((x) => x.id === c.id);
        return (
          <span key={c.id} className={shared ? 'chip shared' : 'chip'} style={{ borderColor: c.colour, background: `${c.colour}22` }} title={shared ? 'Both coders applied this code' : undefined}>
            {c.name}
          </span>
        );
      })}
    </span>
  );
}

function snippet(text: string, max = 110): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function DiscrepancyListPanel() {
  const list = useCompare((s) => s.list);
  const filter = useCompare((s) => s.filter);
  const selectedKey = useCompare((s) => s.selectedKey);
  const nodes = useWorkspace((s) => s.nodes);
  const items = useMemo(() => orderedItems(list), [list]);
  const ref = useRef<HTMLDivElement>(null);
  // One section per type, drawn virtually: a large study can have thousands of discrepancies.
  const sections = useMemo(
    () =>
      DISCREPANCY_TYPES.flatMap((type) => {
        const group = items.filter((d) => d.type === type);
        return group.length === 0 ? [] : [{ id: type, group }];
      }),
    [items],
  );
  const layout = useMemo(() => new ListLayout({ estimatedRowSize: 84, estimatedHeadingSize: 30 }), []);

  // The keys elsewhere on the tab (↑/↓ from anywhere, Save and next) move the selection: keep it in view.
  // Keys elsewhere on the tab (↑/↓ from anywhere, Save and next) move the selection: bring its row into view.
  // A row far away is not drawn yet: scroll to where it should be (by its place among the rows), then to the row itself.
  useEffect(() => {
    if (!selectedKey) return;
    const place = sections.flatMap((x) => [null, ...x.group.map((d) => d.key)]);
    const at = place.indexOf(selectedKey);
    if (at < 0) return;
    let frame = 0;
    let tries = 0;
    const reveal = () => {
      const list = ref.current;
      if (!list) return;
      const row = [...list.querySelectorAll<HTMLElement>('[role="option"]')].find((o) => o.dataset.key === selectedKey);
      if (row) {
        row.scrollIntoView({ block: 'nearest' });
        return;
      }
      list.scrollTop = (list.scrollHeight / place.length) * at - list.clientHeight / 2;
      if (++tries < 20) frame = requestAnimationFrame(reveal);
    };
    frame = requestAnimationFrame(reveal);
    return () => cancelAnimationFrame(frame);
  }, [selectedKey, sections]);

  const setFilter = (patch: Partial<typeof filter>) => {
    useCompare.setState({ filter: { ...filter, ...patch } });
    void loadList();
  };

  return (
    <section className="discrepancy-list" aria-label="Discrepancies">
      <div className="toolbar compact">
        <label className="inline">
          Status
          <select value={filter.status} onChange={(e) => setFilter({ status: e.target.value as typeof filter.status })}>
            <option value="all">All</option>
            <option value="open">Open</option>
            <option value="resolved">Resolved</option>
          </select>
        </label>
        <label className="inline">
          Type
          <select value={filter.type} onChange={(e) => setFilter({ type: e.target.value as typeof filter.type })}>
            <option value="">Any</option>
            {DISCREPANCY_TYPES.map((t) => (
              <option key={t} value={t}>
                {DISCREPANCY_TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          Code
          <select value={filter.codeId} onChange={(e) => setFilter({ codeId: e.target.value })}>
            <option value="">Any</option>
            {nodes
              .filter((n) => n.level === 'code')
              .map((n) => (
                <option key={n.id} value={n.id}>
                  {n.name}
                </option>
              ))}
          </select>
        </label>
        <label className="inline">
          Document
          <select value={filter.documentId} onChange={(e) => setFilter({ documentId: e.target.value })}>
            <option value="">Any</option>
            {(list?.documents ?? []).map((d) => (
              <option key={d.id} value={d.id}>
                {d.title}
              </option>
            ))}
          </select>
        </label>
      </div>
      {list && (
        <p className="muted small list-counts" data-testid="discrepancy-counts">
          {list.total} discrepancies · {list.open} open · {list.resolved} resolved · {list.agreedUnits} units agreed
          {items.length !== list.total ? ` · ${items.length} shown` : ''}
        </p>
      )}
      <Virtualizer layout={layout}>
        <ListBox
          ref={ref}
          className="discrepancy-items"
          aria-label="Discrepancy list"
          items={sections}
          selectionMode="single"
          selectionBehavior="replace"
          disallowEmptySelection
          selectedKeys={selectedKey ? [selectedKey] : []}
          onSelectionChange={(keys: Selection) => {
            const [key] = keys === 'all' ? [] : [...keys];
            if (key !== undefined && key !== selectedKey) void select(String(key));
          }}
          renderEmptyState={() =>
            list && <p className="muted pad">{list.total === 0 ? 'The two coders agree everywhere they both coded.' : 'Nothing matches the filter.'}</p>
          }
        >
          {(section) => (
            <ListBoxSection id={section.id}>
              <Header className="section-title">
                {DISCREPANCY_TYPE_LABELS[section.id]} ({section.group.length})
              </Header>
              <Collection items={section.group}>
                {(d) => (
                  <ListBoxItem id={d.key} textValue={snippet(d.text)} className="discrepancy" data-status={d.status}>
                    <ListItem d={d} coderA={list!.coderA.initials} coderB={list!.coderB.initials} />
                  </ListBoxItem>
                )}
              </Collection>
            </ListBoxSection>
          )}
        </ListBox>
      </Virtualizer>
    </section>
  );
}

function ListItem({ d, coderA, coderB }: { d: Discrepancy; coderA: string; coderB: string }) {
  return (
    <>
      <div className="discrepancy-meta small">
        <span className={`status-dot ${d.status}`} title={d.status === 'resolved' ? 'Resolved' : 'Open'} />
        <span>{d.documentTitle}</span>
        <span className="muted">{d.pseudonym ?? d.speaker ?? ''}</span>
        {d.status === 'resolved' && d.resolution && <span className="muted">· {decisionText(d.resolution.decision, d.resolution.coderAName, d.resolution.coderBName)}</span>}
      </div>
      <div className="discrepancy-text">{snippet(d.text)}</div>
      <div className="discrepancy-codes small">
        <span className="who">{coderA}</span> <Chips codes={d.codesA} common={d.common} /> <span className="who">{coderB}</span> <Chips codes={d.codesB} common={d.common} />
      </div>
    </>
  );
}

function Turn({ turn, highlight }: { turn: NonNullable<DiscrepancyDetail['turn']>; highlight?: DiscrepancyDetail['highlight'] }) {
  const text = turn.text;
  return (
    <div className={turn.isFacilitator ? 'context-turn facilitator' : 'context-turn'}>
      <span className="speaker">{turn.speaker ?? '—'}</span> <span className="timestamp">{turn.timestamp}</span>
      <div>
        {highlight ? (
          <>
            {text.slice(0, highlight.start)}
            <mark className="discrepancy-mark">{text.slice(highlight.start, highlight.end)}</mark>
            {text.slice(highlight.end)}
          </>
        ) : (
          text
        )}
      </div>
    </div>
  );
}

export function DiscrepancyDetailPanel() {
  const detail = useCompare((s) => s.detail);
  const list = useCompare((s) => s.list);
  const decision = useCompare((s) => s.decision);
  const rationale = useCompare((s) => s.rationale);
  const otherCodeId = useCompare((s) => s.otherCodeId);
  const formMessage = useCompare((s) => s.formMessage);
  const selectedKey = useCompare((s) => s.selectedKey);
  const saving = useCompare((s) => s.saving);
  const nodes = useWorkspace((s) => s.nodes);
  const rationaleRef = useRef<HTMLTextAreaElement>(null);
  const panelRef = useRef<HTMLElement>(null);
  const shownKey = detail?.discrepancy.key ?? null;

  // Layout effects, so focus has moved before the browser hands over the next key.
  useLayoutEffect(() => {
    if (decision) rationaleRef.current?.focus();
  }, [decision]);

  // Moving on frees the keys for the next decision (not typing), even before its details arrive.
  useLayoutEffect(() => {
    if (document.activeElement === rationaleRef.current) panelRef.current?.focus();
  }, [selectedKey]);

  // A new discrepancy starts at its context.
  useEffect(() => {
    panelRef.current?.scrollTo({ top: 0 });
  }, [shownKey]);

  if (!detail || !list) return <section className="discrepancy-detail muted pad">Select a discrepancy to see it in context.</section>;
  const d = detail.discrepancy;
  const names = { 'keep-a': list.coderA.name.split(' ')[0], 'keep-b': list.coderB.name.split(' ')[0] } as const;
  const label = (k: (typeof DECISION_KEYS)[number]) =>
    k === 'keep-a' ? `Keep ${names['keep-a']}’s` : k === 'keep-b' ? `Keep ${names['keep-b']}’s` : DECISION_LABELS[k];

  return (
    <section className="discrepancy-detail" aria-label="Discrepancy" aria-busy={selectedKey !== shownKey} ref={panelRef} tabIndex={-1}>
      <header className="detail-head">
        <strong>{DISCREPANCY_TYPE_LABELS[d.type]}</strong>
        <span className="muted small">
          {d.documentTitle} · {d.sessionName} · {d.speaker ?? 'no speaker'}
          {d.pseudonym ? ` (${d.pseudonym})` : ''}
        </span>
        <span className={`badge ${d.status}`}>{d.status === 'resolved' ? 'Resolved' : 'Open'}</span>
      </header>

      <div className="context" aria-label="Context">
        {detail.before.map((t, i) => (
          <Turn key={`b${i}`} turn={t} />
        ))}
        {detail.turn && <Turn turn={detail.turn} highlight={detail.highlight} />}
        {detail.after.map((t, i) => (
          <Turn key={`a${i}`} turn={t} />
        ))}
      </div>

      <div className="side-by-side">
        {[
          { coder: list.coderA, codes: d.codesA, spans: d.spansA, key: 'A' },
          { coder: list.coderB, codes: d.codesB, spans: d.spansB, key: 'B' },
        ].map((side) => (
          <div key={side.key} className="side" aria-label={`Coder ${side.key}: ${side.coder.name}`}>
            <h4>
              <span className="swatch" style={{ background: side.coder.colour }} /> {side.key}: {side.coder.name}
            </h4>
            <Chips codes={side.codes} common={d.common} />
            {side.spans.length > 0 && (
              <ul className="small">
                {side.spans.map((s, i) => (
                  <li key={i}>
                    {side.codes.find((c) => c.id === s.codeId)?.name}: characters {s.start}–{s.end}
                  </li>
                ))}
              </ul>
            )}
          </div>
        ))}
      </div>

      <h3 className="section-title">Codebook definitions</h3>
      <dl className="definitions">
        {detail.definitions.map((def) => (
          <div key={def.id}>
            <dt>
              {def.path.length > 0 && <span className="muted">{def.path.join(' › ')} › </span>}
              {def.name}
            </dt>
            <dd>
              {def.definition || <span className="muted">no definition yet</span>}
              {def.inclusion && <div className="small">Include: {def.inclusion}</div>}
              {def.exclusion && <div className="small">Exclude: {def.exclusion}</div>}
            </dd>
          </div>
        ))}
      </dl>

      {detail.memos.length > 0 && (
        <>
          <h3 className="section-title">Memos</h3>
          <ul className="memo-list">
            {detail.memos.map((m) => (
              <li key={m.id} className="memo">
                <div className="memo-head small">
                  <strong>{m.title || 'Memo'}</strong>
                  <span className="muted">
                    {m.authorName ?? 'unknown'} · on {m.about}
                  </span>
                </div>
                <div className="memo-body small">{m.body}</div>
              </li>
            ))}
          </ul>
        </>
      )}

      {detail.history.length > 0 && (
        <>
          <h3 className="section-title">Decisions so far</h3>
          <ul className="small decision-history">
            {detail.history.map((h) => (
              <li key={h.id}>
                <strong>{decisionText(h.decision, h.coderAName, h.coderBName)}</strong>
                {h.otherCodeName ? ` (${h.otherCodeName})` : ''} — {h.rationale} <span className="muted">· {h.resolverName}, {new Date(h.decidedAt).toLocaleString()}</span>
              </li>
            ))}
          </ul>
        </>
      )}

      <h3 className="section-title">Decision</h3>
      <div className="decision-buttons" role="group" aria-label="Decision">
        {DECISION_KEYS.map((k, i) => (
          <button key={k} type="button" className={decision === k ? 'primary' : ''} aria-pressed={decision === k} onClick={() => choose(k)}>
            <kbd>{i + 1}</kbd> {label(k)}
          </button>
        ))}
      </div>
      {(decision === 'other-code' || decision === 'change-codebook') && (
        <label>
          {decision === 'other-code' ? 'Code to apply instead' : 'Code to apply (optional; describe the codebook change in the rationale)'}
          <select value={otherCodeId} onChange={(e) => useCompare.setState({ otherCodeId: e.target.value })}>
            <option value="">{decision === 'other-code' ? 'Choose a code…' : 'None'}</option>
            {nodes.map((n) => (
              <option key={n.id} value={n.id}>
                {n.level === 'code' ? n.name : `${n.name} (${n.level})`}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        Rationale (required)
        <textarea
          ref={rationaleRef}
          rows={3}
          value={rationale}
          placeholder="Why this decision? It goes into the resolution log with your name and the time."
          onChange={(e) => useCompare.setState({ rationale: e.target.value, formMessage: null })}
        />
      </label>
      <div className="decision-save">
        <button type="button" className="primary" disabled={saving} onClick={() => void saveAndNext()}>
          Save and next <kbd>Ctrl+Enter</kbd>
        </button>
        {formMessage && (
          <span className={formMessage.error ? 'form-message small' : 'small muted'} role="status">
            {formMessage.text}
          </span>
        )}
      </div>
    </section>
  );
}
