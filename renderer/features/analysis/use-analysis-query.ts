import { useEffect, useState } from 'react';
import type { MethodName, Params, Result } from '../../../shared/api/contract';
import { attempt, useAppStore } from '../../state/app-store';

/** Calls a read method and calls it again whenever its parameters or the project change. */
export function useAnalysisQuery<K extends MethodName>(method: K, params: Params<K> | null): { data: Result<K> | null; loading: boolean } {
  const revision = useAppStore((s) => s.revision);
  const localRevision = useAppStore((s) => s.localRevision);
  const [state, setState] = useState<{ key: string; data: Result<K> | null }>({ key: '', data: null });
  const key = params === null ? '' : JSON.stringify(params);
  useEffect(() => {
    if (params === null) return;
    let live = true;
    void attempt(method, params).then((data) => {
      if (live) setState({ key, data });
    });
    return () => {
      live = false;
    };
    // The key stands for the parameters: a new object with the same content does not call again.
  }, [method, key, revision, localRevision]);
  return { data: state.data, loading: state.key !== key };
}
