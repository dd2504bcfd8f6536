import { Dialog } from '../../components/Dialog';
import { useEditConflict } from '../../state/edit-conflict';

/** "Changed in another window": the later writer sees both texts and keeps one. */
export function EditConflictDialog() {
  const pending = useEditConflict((s) => s.pending);
  if (!pending) return null;
  return (
    <Dialog title={`This ${pending.what} was changed in another window`} onClose={() => pending.answer(false)}>
      <p>While you edited it, someone changed it in another window or tab. Which text should it keep?</p>
      <div className="conflict-texts">
        <section aria-label="Their text">
          <h3 className="section-title">Theirs (saved now)</h3>
          <p className="conflict-text">{pending.theirs || <span className="muted">(empty)</span>}</p>
        </section>
        <section aria-label="Your text">
          <h3 className="section-title">Yours</h3>
          <p className="conflict-text">{pending.mine || <span className="muted">(empty)</span>}</p>
        </section>
      </div>
      <div className="dialog-buttons">
        <button type="button" onClick={() => pending.answer(false)}>
          Keep theirs
        </button>
        <button type="button" className="primary" onClick={() => pending.answer(true)}>
          Use mine
        </button>
      </div>
    </Dialog>
  );
}
