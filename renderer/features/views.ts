import type { ComponentType } from 'react';
import { AuditView } from './audit/AuditView';
import { CodebookView } from './codebook/CodebookView';
import { TranscriptView } from './transcript/TranscriptView';

/** The tabs of the work surface, in order. A feature adds its view here, once. */
export interface WorkView {
  readonly id: string;
  readonly label: string;
  readonly component: ComponentType;
}

export const WORK_VIEWS: readonly WorkView[] = [
  { id: 'transcript', label: 'Transcript', component: TranscriptView },
  { id: 'codebook', label: 'Codebook', component: CodebookView },
  { id: 'audit', label: 'Audit log', component: AuditView },
];
