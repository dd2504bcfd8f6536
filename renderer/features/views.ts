import type { ComponentType } from 'react';
import { AuditView } from './audit/AuditView';
import { CodebookView } from './codebook/CodebookView';
import { TranscriptView } from './transcript/TranscriptView';
import { DocumentsView } from './documents/DocumentsView';
import { ParticipantsView } from './participants/ParticipantsView';
import { AbstractionTableView } from './table/AbstractionTableView';
import { SearchView } from './search/SearchView';
import { ReportsView } from './reports/ReportsView';
import { CompareView } from './agreement/CompareView';
import { AnalysisView } from './analysis/AnalysisView';

/** The tabs of the work surface, in order. A feature adds its view here, once. */
export interface WorkView {
  readonly id: string;
  readonly label: string;
  readonly component: ComponentType;
  /** Whether the inspector column sits beside this view (wide tables and charts go without it). */
  readonly inspector: boolean;
}

export const WORK_VIEWS: readonly WorkView[] = [
  { id: 'transcript', label: 'Transcript', component: TranscriptView, inspector: true },
  { id: 'documents', label: 'Documents', component: DocumentsView, inspector: false },
  { id: 'participants', label: 'Participants', component: ParticipantsView, inspector: false },
  { id: 'table', label: 'Abstraction table', component: AbstractionTableView, inspector: true },
  { id: 'codebook', label: 'Codebook', component: CodebookView, inspector: true },
  { id: 'search', label: 'Search', component: SearchView, inspector: true },
  { id: 'compare', label: 'Compare', component: CompareView, inspector: false },
  { id: 'analysis', label: 'Analysis', component: AnalysisView, inspector: false },
  { id: 'reports', label: 'Reports', component: ReportsView, inspector: false },
  { id: 'audit', label: 'Audit log', component: AuditView, inspector: false },
];
