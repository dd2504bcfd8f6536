import { AppError } from '../../shared/api/errors';
import { clearError } from './app-store';
import { createStore } from './create-store';

// An edit refused because another window changed the same text first (EDIT_CONFLICT) asks the
// later writer which text to keep. The question is state, answered by one dialog (EditConflictDialog).

interface ConflictQuestion {
  /** What was edited, in the words of the UI ("condensation", "memo"). */
  readonly what: string;
  readonly theirs: string;
  readonly mine: string;
  readonly answer: (useMine: boolean) => void;
}

export const useEditConflict = createStore<{ readonly pending: ConflictQuestion | null }>(() => ({ pending: null }));

function ask(what: string, theirs: string, mine: string): Promise<boolean> {
  useEditConflict.getState().pending?.answer(false);
  return new Promise((resolve) => {
    useEditConflict.setState({
      pending: {
        what,
        theirs,
        mine,
        answer: (useMine) => {
          useEditConflict.setState({ pending: null });
          resolve(useMine);
        },
      },
    });
  });
}

/** What EDIT_CONFLICT tells: the version now, and the other window's text by field. */
export interface ConflictDetails {
  readonly version: number;
  readonly theirs: Readonly<Record<string, string>>;
}

/**
 * Sends an edit made from `version`. If another window changed the text since, asks whether to
 * keep theirs (null: nothing sent) or use mine (sent again, from the version now).
 */
export async function sendEdit<T>(edit: {
  readonly what: string;
  readonly mine: string;
  readonly version: number;
  readonly theirs: (details: ConflictDetails) => string;
  readonly send: (version: number) => Promise<T | null>;
}): Promise<T | null> {
  try {
    return await edit.send(edit.version);
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'EDIT_CONFLICT') throw err;
    clearError();
    const details = err.details as ConflictDetails;
    if (!(await ask(edit.what, edit.theirs(details), edit.mine))) return null;
    return sendEdit({ ...edit, version: details.version });
  }
}
