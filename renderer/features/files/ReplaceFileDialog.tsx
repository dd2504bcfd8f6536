import { Dialog } from '../../components/Dialog';
import { useReplaceQuestion } from '../../state/replace-question';

/** "Replace “Codebook.docx”?": shown when an export would overwrite an existing file. */
export function ReplaceFileDialog() {
  const pending = useReplaceQuestion((s) => s.pending);
  if (!pending) return null;
  const parts = pending.path.split(/[\\/]/);
  const name = parts.pop() ?? pending.path;
  const folder = parts.join('/') || '/';
  return (
    <Dialog title={`Replace “${name}”?`} onClose={() => pending.answer(false)}>
      <p>
        A file named <strong>{name}</strong> already exists in <code>{folder}</code>. Replacing it overwrites what it holds now.
      </p>
      <div className="dialog-buttons">
        <button type="button" onClick={() => pending.answer(false)}>
          Keep it
        </button>
        <button type="button" className="primary danger" onClick={() => pending.answer(true)}>
          Replace
        </button>
      </div>
    </Dialog>
  );
}
