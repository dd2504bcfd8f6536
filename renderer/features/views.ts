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
}

export const WORK_VIEWS: readonly WorkView[] = [
  { id: 'transcript', label: 'Transcript', component: TranscriptView },
  { id: 'documents', label: 'Documents', component: DocumentsView },
  { id: 'participants', label: 'Participants', component: ParticipantsView },
  { id: 'table', label: 'Abstraction table', component: AbstractionTableView },
  { id: 'codebook', label: 'Codebook', component: CodebookView },
  { id: 'search', label: 'Search', component: SearchView },
  { id: 'compare', label: 'Compare', component: CompareView },
  { id: 'analysis', label: 'Analysis', component: AnalysisView },
  { id: 'reports', label: 'Reports', component: ReportsView },
  { id: 'audit', label: 'Audit log', component: AuditView },
];
