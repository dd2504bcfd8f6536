import { useId } from 'react';
import { ABSTRACTION_COLUMN_LABELS, ABSTRACTION_COLUMNS, defaultLevels, type AbstractionColumn, type ReportKind, type ReportOptions } from '../../../shared/api/methods/reports';
import { ATTRIBUTION_FIELDS } from '../../../shared/domain/attribution';
import { REPORT_LANGUAGES } from '../../../shared/domain/languages';
import { LEVELS_BY_METHOD, levelWord, NODE_LEVELS, type NodeLevel } from '../../../shared/domain/vocabulary';
import { useAppStore } from '../../state/app-store';
import { useWorkspace } from '../../state/workspace-store';
import { optionsOf, setOption, useReports } from './reports-store';

// Which options each report reads; the others are not shown for it.
const USES: Readonly<Record<string, readonly ReportKind[]>> = {
  coder: ['codebook', 'categories', 'themes', 'abstraction', 'segments', 'matrix', 'sources'],
  coders: ['agreement'],
  levels: ['codebook', 'categories', 'themes', 'matrix', 'sources'],
  columns: ['abstraction'],
  attribution: ['themes', 'codebook'],
  quotes: ['themes'],
  counts: ['categories', 'themes'],
  by: ['participants'],
  attributes: ['participants', 'matrix', 'segments'],
  count: ['matrix'],
  layout: ['codebook', 'categories', 'themes', 'abstraction', 'participants', 'agreement', 'memos', 'matrix', 'sources'],
};

function toggle<T>(list: readonly T[], item: T, on: boolean, order: readonly T[]): T[] {
  const next = on ? [...list, item] : list.filter((x) => x !== item);
  return order.filter((x) => next.includes(x));
}

function Check({ label, checked, onChange }: { readonly label: string; readonly checked: boolean; readonly onChange: (on: boolean) => void }) {
  return (
    <label className="check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} /> {label}
    </label>
  );
}

export function ReportOptionsForm() {
  const kind = useReports((s) => s.kind);
  const options: ReportOptions = useReports(optionsOf);
  const language = useReports((s) => s.preview?.language);
  const methodology = useAppStore((s) => s.project?.settings.methodology ?? 'content-analysis');
  const coders = useWorkspace((s) => s.coders);
  const attributes = useWorkspace((s) => s.attributes);
  const id = useId();
  const uses = (what: string) => USES[what].includes(kind);

  const methodLevels = LEVELS_BY_METHOD[methodology];
  const levels = options.levels ?? defaultLevels(kind, methodology);
  const columnChoices = ABSTRACTION_COLUMNS.filter((c) => !(NODE_LEVELS as readonly string[]).includes(c) || (methodLevels as readonly string[]).includes(c));
  const columns = options.columns ?? (['unit', 'condensed', 'code', ...[...methodLevels].reverse().filter((l) => l !== 'code')] as AbstractionColumn[]);
  const personOptions = coders
    .filter((c) => c.role !== 'consensus')
    .map((c) => (
      <option key={c.id} value={c.id}>
        {c.name}
      </option>
    ));
  const hasConsensus = coders.some((c) => c.role === 'consensus');
  const attributeIds = options.attributeIds ?? attributes.map((a) => a.id);
  const pair = options.coders ?? [];

  return (
    <form className="report-options" onSubmit={(e) => e.preventDefault()}>
      {uses('coder') && (
        <label>
          Codings
          <select value={options.coder ?? 'auto'} onChange={(e) => setOption('coder', e.target.value)}>
            <option value="auto">{hasConsensus ? 'Consensus (after resolution)' : 'Automatic: consensus when there is one'}</option>
            {hasConsensus && <option value="consensus">Consensus only</option>}
            <option value="merged">All coders, merged</option>
            {personOptions}
          </select>
        </label>
      )}
      {uses('coders') && (
        <>
          {[0, 1].map((i) => (
            <label key={i}>
              Coder {i === 0 ? 'A' : 'B'}
              <select
                value={pair[i] ?? ''}
                onChange={(e) => {
                  const next = [pair[0] ?? '', pair[1] ?? ''];
                  next[i] = e.target.value;
                  setOption('coders', next.every(Boolean) ? next : undefined);
                }}
              >
                <option value="">Automatic</option>
                {personOptions}
              </select>
            </label>
          ))}
        </>
      )}
      <Check label="Pseudonyms (labels and notes never appear)" checked={options.pseudonyms ?? true} onChange={(on) => setOption('pseudonyms', on)} />
      <Check label="Coder names (off: Coder A, B… for blind review)" checked={options.coderNames ?? true} onChange={(on) => setOption('coderNames', on)} />
      {uses('levels') && (
        <fieldset>
          <legend>Levels</legend>
          {methodLevels.map((l: NodeLevel) => (
            <Check key={l} label={levelWord(methodology, l)} checked={levels.includes(l)} onChange={(on) => setOption('levels', toggle(levels, l, on, NODE_LEVELS))} />
          ))}
        </fieldset>
      )}
      {uses('columns') && (
        <fieldset>
          <legend>Columns</legend>
          {columnChoices.map((c) => (
            <Check key={c} label={ABSTRACTION_COLUMN_LABELS[c]} checked={columns.includes(c)} onChange={(on) => setOption('columns', toggle(columns, c, on, ABSTRACTION_COLUMNS))} />
          ))}
        </fieldset>
      )}
      {uses('attribution') && (
        <label>
          Quote attribution
          <input
            type="text"
            value={options.attribution ?? '{pseudonym}, {session}'}
            onChange={(e) => setOption('attribution', e.target.value)}
            aria-describedby={`${id}-fields`}
            spellCheck={false}
          />
          <span id={`${id}-fields`} className="small muted">
            Fields: {[...ATTRIBUTION_FIELDS, ...attributes.map((a) => a.name)].map((f) => `{${f}}`).join(' ')}; add :lower or :ordinal-word, e.g. “a {'{'}Year of study:ordinal-word{'}'}-year {'{'}Role:lower{'}'}”.
          </span>
        </label>
      )}
      {uses('quotes') && (
        <>
          <label>
            Quotes per row
            <input type="number" min={0} max={20} value={options.quotesPerNode ?? 2} onChange={(e) => setOption('quotesPerNode', Math.max(0, Math.min(20, Number(e.target.value) || 0)))} />
          </label>
          <label>
            Where no quote is marked
            <select value={options.unmarkedQuotes ?? 'say'} onChange={(e) => setOption('unmarkedQuotes', e.target.value as 'say' | 'pick')}>
              <option value="say">Say so in the table</option>
              <option value="pick">Pick coded units (and say so here)</option>
            </select>
          </label>
        </>
      )}
      {uses('counts') && <Check label="Unit counts after names" checked={options.counts ?? false} onChange={(on) => setOption('counts', on)} />}
      {uses('by') && (
        <label>
          One row per
          <select value={options.by ?? 'document'} onChange={(e) => setOption('by', e.target.value as 'document' | 'group')}>
            <option value="document">Session (document)</option>
            <option value="group">Document group</option>
          </select>
        </label>
      )}
      {uses('count') && (
        <label>
          Count
          <select value={options.count ?? 'units'} onChange={(e) => setOption('count', e.target.value as 'units' | 'participants')}>
            <option value="units">Meaning units</option>
            <option value="participants">Participants</option>
          </select>
        </label>
      )}
      {uses('attributes') && attributes.length > 0 && (
        <fieldset>
          <legend>Attributes</legend>
          {attributes.map((a) => (
            <Check
              key={a.id}
              label={a.name}
              checked={attributeIds.includes(a.id)}
              onChange={(on) =>
                setOption(
                  'attributeIds',
                  toggle(attributeIds, a.id, on, attributes.map((x) => x.id)),
                )
              }
            />
          ))}
        </fieldset>
      )}
      {uses('layout') && (
        <>
          <label>
            Page orientation
            <select value={options.orientation ?? 'auto'} onChange={(e) => setOption('orientation', e.target.value as 'auto' | 'portrait' | 'landscape')}>
              <option value="auto">Automatic (landscape for wide tables)</option>
              <option value="portrait">Portrait</option>
              <option value="landscape">Landscape</option>
            </select>
          </label>
          <label>
            Language
            <select value={options.language ?? 'auto'} onChange={(e) => setOption('language', e.target.value as ReportOptions['language'])}>
              <option value="auto">
                {language && language.how !== 'chosen' ? `Automatic: ${language.name}${language.how === 'detected' ? ' (the transcripts’ language)' : ' (the transcripts are too short to tell)'}` : 'Automatic (the transcripts’ language)'}
              </option>
              {REPORT_LANGUAGES.map((l) => (
                <option key={l.tag} value={l.tag}>
                  {l.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            First table number
            <input type="number" min={1} max={999} value={options.firstTable ?? 1} onChange={(e) => setOption('firstTable', Math.max(1, Math.min(999, Number(e.target.value) || 1)))} />
          </label>
        </>
      )}
    </form>
  );
}
