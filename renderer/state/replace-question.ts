import { createStore } from './create-store';

// A call refused because its file exists asks the user, once, whether to replace that file. The
// question is state, so one dialog (ReplaceFileDialog) answers it wherever the export started.

interface ReplaceQuestion {
  readonly path: string;
  readonly answer: (replace: boolean) => void;
}

export const useReplaceQuestion = createStore<{ readonly pending: ReplaceQuestion | null }>(() => ({ pending: null }));

/** Asks whether to replace the file at `path`; settles true (replace) or false (keep it). */
export function askToReplace(path: string): Promise<boolean> {
  useReplaceQuestion.getState().pending?.answer(false);
  return new Promise((resolve) => {
    useReplaceQuestion.setState({
      pending: {
        path,
        answer: (replace) => {
          useReplaceQuestion.setState({ pending: null });
          resolve(replace);
        },
      },
    });
  });
}
