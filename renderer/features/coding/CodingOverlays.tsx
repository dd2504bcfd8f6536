import { CodePicker } from './CodePicker';
import { useCoding } from './coding-store';
import { JournalDialog, MemoDialog } from './MemoDialog';

/** The coding workbench's floating parts: code picker, memo and journal dialogs, and the confirmation line. */
export function CodingOverlays() {
  const memo = useCoding((s) => s.memo);
  const journalOpen = useCoding((s) => s.journalOpen);
  const notice = useCoding((s) => s.notice);
  return (
    <>
      <CodePicker />
      {memo && <MemoDialog focus={memo} />}
      {journalOpen && <JournalDialog />}
      {notice && (
        <div className="notice" role="status" aria-live="polite">
          {notice}
        </div>
      )}
    </>
  );
}
