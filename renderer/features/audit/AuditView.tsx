import { Fragment, useEffect, useMemo, useState } from 'react';
import type { AuditChange, AuditStep } from '../../../shared/api/entities';
import { recordWords } from '../../../shared/domain/vocabulary';
import { attempt } from '../../state/app-store';
import { AUDIT_TABLE, useTablesVersion } from '../../state/query-cache';
import { useWorkspace } from '../../state/workspace-store';
import { exportAuditCsv } from '../coding/coding-actions';

/** A value as a reader wants it: names for codebook ids, short text for long ones. */
function show(value: unknown, names: ReadonlyMap<string, string>): string {
  if (value === null || value === undefined) return '—';
  const text = typeof value === 'string' ? (names.get(value) ?? value) : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

function changedKeys(change: AuditChange): string[] {
  const keys = [...new Set([...Object.keys(change.before ?? {}), ...Object.keys(change.after ?? {})])].filter((k) => k !== 'id');
  return change.op === 'update' ? keys.filter((k) => JSON.stringify(change.before?.[k]) !== JSON.stringify(change.after?.[k])) : keys;
}

/** Only the fields a change touched, before → after; inserts and deletes list the whole row. */
function ChangeDetail({ change, names }: { change: AuditChange; names: ReadonlyMap<string, string> }) {
  const changed = changedKeys(change);
  return (
    <li>
      <span className="muted small">
        {change.op === 'insert' ? 'added' : change.op === 'delete' ? 'removed' : 'changed'} {recordWords(change.table, 'one')}
      </span>
      <table className="change-fields">
        <tbody>
          {changed.map((k) => (
            <tr key={k}>
              <th>{k}</th>
              <td className="before">{change.op === 'insert' ? '' : show(change.before?.[k], names)}</td>
              <td className="after">{change.op === 'delete' ? '' : show(change.after?.[k], names)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </li>
  );
}

export function AuditView() {
  const changed = useTablesVersion([AUDIT_TABLE]);
  const [steps, setSteps] = useState<AuditStep[]>([]);
  const [open, setOpen] = useState<string | null>(null);
  const [changes, setChanges] = useState<readonly AuditChange[]>([]);
  const nodes = useWorkspace((s) => s.nodes);
  const names = useMemo(() => new Map(nodes.map((n) => [n.id, n.name])), [nodes]);
  useEffect(() => {
    void attempt('audit.list', { limit: 500 }).then((s) => setSteps(s ?? []));
  }, [changed]);
  useEffect(() => {
    if (open) void attempt('audit.changes', { stepId: open }).then((c) => setChanges(c ?? []));
  }, [open]);
  if (steps.length === 0) return <p className="muted pad">Nothing has been changed in this project yet. Every change you make is listed here.</p>;
  return (
    <div className="audit-view">
      <div className="toolbar">
        <span className="muted small">Every change, newest first. Click a row to see each changed value before and after.</span>
        <span className="spacer" />
        <button type="button" onClick={() => void exportAuditCsv()}>
          Export CSV
        </button>
      </div>
      <table className="data-table audit" aria-label="Audit log">
        <thead>
          <tr>
            <th>When</th>
            <th>Who</th>
            <th>What</th>
            <th>Rows changed</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((s) => (
            <Fragment key={s.id}>
              <tr className={open === s.id ? 'open' : ''} onClick={() => setOpen(open === s.id ? null : s.id)}>
                <td>
                  {/* The row takes the click; the button gives the keyboard and screen readers the same toggle. */}
                  <button type="button" className="link" aria-expanded={open === s.id}>
                    {new Date(s.at).toLocaleString()}
                  </button>
                </td>
                <td>{s.coderName ?? '—'}</td>
                <td>{s.summary}</td>
                <td>{s.changes}</td>
              </tr>
              {open === s.id && (
                <tr className="audit-detail">
                  <td colSpan={4}>
                    <ul>
                      {s.changes === 0 && <li className="muted">No rows to show: this step records an event, not changes made row by row.</li>}
                      {changes
                        .filter((c) => changedKeys(c).length > 0)
                        .map((c, i) => (
                          <ChangeDetail key={`${c.rowId}-${i}`} change={c} names={names} />
                        ))}
                    </ul>
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
