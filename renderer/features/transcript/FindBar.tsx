import { useEffect } from 'react';
import { useWorkspace } from '../../state/workspace-store';
import { rangesFor } from './dom-offsets';
import { useTranscript, type FindMatch } from './transcript-store';
import { closeFind, setQuery, stepMatch } from './unit-actions';

function highlights(): HighlightRegistry | null {
  const registry = (globalThis as { CSS?: { highlights?: HighlightRegistry } }).CSS?.highlights;
  return registry && typeof Highlight !== 'undefined' ? registry : null;
}

// The CSS Custom Highlight API marks hits without changing the DOM the coding views render.
function paint(root: HTMLElement | null, matches: readonly FindMatch[], current: number): void {
  const registry = highlights();
  if (!registry) return;
  if (!root || matches.length === 0) return clearHighlights();
  const hit = matches[current];
  registry.set('find-hit', new Highlight(...rangesFor(root, matches)));
  registry.set('find-current', new Highlight(...(hit ? rangesFor(root, [hit]) : [])));
}

function clearHighlights(): void {
  highlights()?.delete('find-hit');
  highlights()?.delete('find-current');
}

/** Find in the open document (Ctrl/Cmd+F): Enter for the next hit, Shift+Enter for the previous, Esc to close. */
export function FindBar() {
  const query = useTranscript((s) => s.query);
  const matches = useTranscript((s) => s.matches);
  const current = useTranscript((s) => s.current);
  const text = useWorkspace((s) => s.detail?.text);

  // The document changed (an edit, another document): look again.
  useEffect(() => {
    setQuery(useTranscript.getState().query);
  }, [text]);

  useEffect(() => {
    const root = document.querySelector<HTMLElement>('.transcript');
    let frame = 0;
    const repaint = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => paint(root, matches, current));
    };
    repaint();
    // Rows come and go while scrolling: repaint when they do.
    const observer = new MutationObserver(repaint);
    if (root) observer.observe(root, { childList: true, subtree: true, characterData: true });
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
      clearHighlights();
    };
  }, [matches, current]);

  return (
    <div className="find-bar" role="search">
      <input
        aria-label="Find in document"
        placeholder="Find in this document"
        value={query}
        autoFocus
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === 'Enter') stepMatch(e.shiftKey ? -1 : 1);
          else if (e.key === 'Escape') closeFind();
          else return;
          e.preventDefault();
        }}
      />
      <span className="small muted find-count" aria-live="polite">
        {query.trim() ? (matches.length ? `${current + 1} of ${matches.length}` : 'no matches') : ''}
      </span>
      <button type="button" onClick={() => stepMatch(-1)} disabled={matches.length === 0} aria-label="Previous match">
        ↑
      </button>
      <button type="button" onClick={() => stepMatch(1)} disabled={matches.length === 0} aria-label="Next match">
        ↓
      </button>
      <button type="button" onClick={closeFind} aria-label="Close find">
        ×
      </button>
    </div>
  );
}
