import { useState } from 'react';
import type { ImportPreview } from '../../../shared/api/methods/import';

type Line = NonNullable<ImportPreview['lines']>[number];

interface Props {
  readonly preview: ImportPreview;
  readonly open: boolean;
  readonly onToggle: (open: boolean) => void;
  /** The user's word on a line: a label, no label, or back to what its shape says (null). */
  readonly onDecide: (line: number, decision: 'label' | 'text' | null) => void;
}

const worthShowing = (l: Line) => l.role === 'label' || l.labelShape || l.decided !== null;

/** The transcript's lines as speaker detection read them; any line can be made a speaker's label or no label. */
export function LabelLines({ preview, open, onToggle, onDecide }: Props) {
  const [onlyLabels, setOnlyLabels] = useState(preview.speakers.length > 0);
  const lines = preview.lines ?? [];
  const shown = onlyLabels ? lines.filter(worthShowing) : lines;
  return (
    <details className="label-lines" open={open} onToggle={(e) => onToggle((e.target as HTMLDetailsElement).open)}>
      <summary className="small">Speaker labels line by line: mark any line as a label or as no label</summary>
      <label className="inline small">
        <input type="checkbox" checked={onlyLabels} onChange={(e) => setOnlyLabels(e.target.checked)} /> Only lines that are or look like labels
      </label>
      {shown.length < lines.length || lines.length < preview.lineCount ? (
        <span className="muted small">
          {' '}
          {shown.length} of {preview.lineCount} lines with text
        </span>
      ) : null}
      <ol className="line-list" aria-label="Lines of the transcript">
        {shown.map((l) => (
          <li key={l.line} className={`line-${l.role}${l.decided ? ' decided' : ''}`}>
            <span className="line-number muted small">{l.line + 1}</span>
            <span className="line-text" dir="auto">
              {l.text}
            </span>
            <span className="line-role small">{roleWords(l)}</span>
            {l.role === 'label' ? (
              <button type="button" className="link small" aria-label={`Line ${l.line + 1}: not a label`} onClick={() => onDecide(l.line, 'text')}>
                Not a label
              </button>
            ) : l.role === 'text' ? (
              <button type="button" className="link small" aria-label={`Line ${l.line + 1}: a speaker label`} onClick={() => onDecide(l.line, 'label')}>
                A speaker label
              </button>
            ) : null}
            {l.decided && (
              <button type="button" className="link small" aria-label={`Line ${l.line + 1}: as read`} onClick={() => onDecide(l.line, null)}>
                As read
              </button>
            )}
          </li>
        ))}
      </ol>
    </details>
  );
}

function roleWords(l: Line): string {
  const yours = l.decided ? ' (your choice)' : '';
  if (l.role === 'label') return `label: ${l.speaker}${yours}`;
  if (l.role === 'timestamp') return 'time';
  return l.labelShape && !l.decided ? 'speech (looks like a label)' : `speech${yours}`;
}
