import { useEffect, useState } from 'react';
import type { Memo } from '../../../shared/api/methods/memos';
import { attempt } from '../../state/app-store';
import { useTablesVersion } from '../../state/query-cache';
import { openMemoForFocus } from './coding-actions';

/** The memos on the selected unit, in the inspector. */
export function UnitMemos({ unitId }: { unitId: string }) {
  const changed = useTablesVersion(['memos']);
  const [memos, setMemos] = useState<readonly Memo[]>([]);
  useEffect(() => {
    let live = true;
    void attempt('memos.list', { targetType: 'unit', targetId: unitId }).then((m) => live && setMemos(m ?? []));
    return () => {
      live = false;
    };
  }, [unitId, changed]);
  return (
    <>
      <dt>Memos</dt>
      <dd>
        {memos.map((m) => (
          <div key={m.id} className="memo small">
            {m.title && <strong>{m.title}: </strong>}
            {m.body} <span className="muted">— {m.authorName ?? 'unknown'}</span>
          </div>
        ))}
        <button type="button" className="link" onClick={openMemoForFocus}>
          Write a memo (M)
        </button>
      </dd>
    </>
  );
}
