import type { ReportFormat, ReportKind, ReportOptions, ReportPreview } from '../../../shared/api/methods/reports';
import { attemptHere, call } from '../../state/app-store';
import { createProjectStore } from '../../state/project-store';

export interface ExportedFile {
  readonly format: ReportFormat;
  readonly path: string;
  readonly fileName: string;
  readonly url: string;
  readonly bytes: number;
}

interface ReportsState {
  readonly kind: ReportKind;
  /** Options per report, so switching reports keeps each one's choices. */
  readonly options: Readonly<Partial<Record<ReportKind, ReportOptions>>>;
  readonly preview: ReportPreview | null;
  readonly loading: boolean;
  readonly exporting: ReportFormat | null;
  readonly exported: ExportedFile | null;
  /** Why the last export wrote no file (refused, failed or cancelled), shown beside the export buttons. */
  readonly exportProblem: string | null;
}

// A project's own: another project must not show this one's preview or its download link.
export const useReports = createProjectStore<ReportsState>(() => ({
  kind: 'categories',
  options: {},
  preview: null,
  loading: false,
  exporting: null,
  exported: null,
  exportProblem: null,
}));

const NO_OPTIONS: ReportOptions = {};

/** The current report's options (the same object until they change, as selectors need). */
export function optionsOf(state: ReportsState): ReportOptions {
  return state.options[state.kind] ?? NO_OPTIONS;
}

export function chooseReport(kind: ReportKind): void {
  useReports.setState({ kind, exported: null, exportProblem: null });
}

export function setOption<K extends keyof ReportOptions>(key: K, value: ReportOptions[K]): void {
  useReports.setState((s) => ({ options: { ...s.options, [s.kind]: { ...optionsOf(s), [key]: value } }, exported: null }));
}

let asked = 0;

/** Asks for the preview of the current report; an older answer arriving late is dropped. */
export async function loadPreview(): Promise<void> {
  const { kind } = useReports.getState();
  const options = optionsOf(useReports.getState());
  const ticket = ++asked;
  useReports.setState({ loading: true });
  try {
    const preview = await call('reports.preview', { kind, options });
    if (ticket === asked) useReports.setState({ preview, loading: false });
  } catch {
    if (ticket === asked) useReports.setState({ loading: false });
  }
}

function blobUrl(base64: string, mime: string): string {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return URL.createObjectURL(new Blob([bytes], { type: mime }));
}

/** Writes the report (into the projects folder's Exports folder) and keeps a download link to it. */
export async function exportReport(format: ReportFormat): Promise<void> {
  const { kind, exported } = useReports.getState();
  const options = optionsOf(useReports.getState());
  // The bar now tells of this export alone: the last one's link goes.
  if (exported) URL.revokeObjectURL(exported.url);
  useReports.setState({ exporting: format, exported: null, exportProblem: null });
  const r = await attemptHere(
    () => call('reports.export', { kind, format, options }),
    (exportProblem) => useReports.setState({ exportProblem }),
  );
  if (r) useReports.setState({ exported: { format, path: r.path, fileName: r.fileName, bytes: r.bytes, url: blobUrl(r.base64, r.mime) } });
  useReports.setState({ exporting: null });
}

/** Records how the report's names print in pseudonymised exports, as the author checked them. */
export async function checkNames(names: readonly { original: string; printed: string }[]): Promise<boolean> {
  const r = await attemptHere(
    () => call('reports.checkNames', { names: [...names] }),
    (exportProblem) => useReports.setState({ exportProblem }),
  );
  if (r) await loadPreview();
  return r !== null;
}
