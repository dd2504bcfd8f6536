import { useEffect, useState } from 'react';
import type { AuditStep } from '../../../shared/api/entities';
import { attempt, useAppStore } from '../../state/app-store';

export function AuditView() {
  const revision = useAppStore((s) => s.revision);
  const [steps, setSteps] = useState<AuditStep[]>([]);
  useEffect(() => {
    void attempt('audit.list', { limit: 500 }).then((s) => setSteps(s ?? []));
  }, [revision]);
  if (steps.length === 0) return <p className="muted pad">Nothing has been changed in this project yet. Every change you make is listed here.</p>;
  return (
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
          <tr key={s.id}>
            <td>{new Date(s.at).toLocaleString()}</td>
            <td>{s.coderName ?? '—'}</td>
            <td>{s.summary}</td>
            <td>{s.changes}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
