import { describe, expect, it } from 'vitest';
import type { ProjectSummary } from '../../../shared/api/entities';
import { useAppStore } from '../../../renderer/state/app-store';
import { useReports } from '../../../renderer/features/reports/reports-store';

// What one project exported must not be offered for download in the next one opened.

function project(path: string): ProjectSummary {
  return { path } as ProjectSummary;
}

describe('per-project state', () => {
  it('the reports’ download link goes when another project opens, and stays when the same one is reopened', () => {
    useAppStore.setState({ project: project('/studies/a.condensa') });
    const exported = { format: 'docx' as const, path: '/out/a.docx', fileName: 'a.docx', url: 'blob:a', bytes: 10 };
    useReports.setState({ exported });
    useAppStore.setState({ project: project('/studies/a.condensa') });
    expect(useReports.getState().exported).toEqual(exported);
    useAppStore.setState({ project: project('/studies/b.condensa') });
    expect(useReports.getState().exported).toBeNull();
    expect(useReports.getState().preview).toBeNull();
  });
});
