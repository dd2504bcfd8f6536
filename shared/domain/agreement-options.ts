import type { ResolutionDecision } from './vocabulary';

// The words of the comparison screen and the agreement report, shared by the app, the CLI and exports.

export const UNIT_SET_MODES = ['coded-by-any', 'coded-by-all', 'all-units'] as const;
export type UnitSetMode = (typeof UNIT_SET_MODES)[number];

/** unit: each meaning unit; char: each character; document: whether the code occurs anywhere in the document ("code existence"). */
export const AGREEMENT_LEVELS = ['unit', 'char', 'document'] as const;
export type AgreementLevel = (typeof AGREEMENT_LEVELS)[number];

/** The level as the Compare tab offers it. */
export const AGREEMENT_LEVEL_LABELS: Readonly<Record<AgreementLevel, string>> = {
  unit: 'Meaning units',
  char: 'Characters (NVivo-style κ, uα)',
  document: 'Documents (code present anywhere)',
};

/** At the document level each document is a unit: the unit sets in those words. */
export const DOCUMENT_SET_LABELS: Readonly<Record<UnitSetMode, string>> = {
  'coded-by-any': 'documents at least one of the coders coded',
  'coded-by-all': 'documents every coder coded at least once',
  'all-units': 'every document in scope',
};

/** How a unit set is described in the report, worded for two coders. */
export const UNIT_SET_LABELS: Readonly<Record<UnitSetMode, string>> = {
  'coded-by-any': 'units coded by at least one of the coders',
  'coded-by-all': 'units both coders coded at least once',
  'all-units': 'every meaning unit of the compared documents',
};

export const UNIT_SET_SHORT_LABELS: Readonly<Record<UnitSetMode, string>> = {
  'coded-by-any': 'Units coded by either coder (default)',
  'coded-by-all': 'Units coded by both coders',
  'all-units': 'All units in the documents',
};

export const DISCREPANCY_TYPES = ['one-coder-only', 'different-code', 'boundaries'] as const;
export type DiscrepancyType = (typeof DISCREPANCY_TYPES)[number];

export const DISCREPANCY_TYPE_LABELS: Readonly<Record<DiscrepancyType, string>> = {
  'one-coder-only': 'Code present for one coder only',
  'different-code': 'Same text, different code',
  boundaries: 'Overlapping spans with different boundaries',
};

export const DECISION_LABELS: Readonly<Record<ResolutionDecision, string>> = {
  'keep-a': 'Keep A’s',
  'keep-b': 'Keep B’s',
  'keep-both': 'Keep both',
  neither: 'Neither',
  'other-code': 'Another code',
  'change-codebook': 'Change the codebook',
};

/** Keys 1–6 on the comparison screen, in this order. */
export const DECISION_KEYS: readonly ResolutionDecision[] = ['keep-a', 'keep-b', 'keep-both', 'neither', 'other-code', 'change-codebook'];

/** A decision in words with the coders' names where it names a coder: "Keep Ben Okafor’s". */
export function decisionText(decision: ResolutionDecision, coderAName: string | null, coderBName: string | null): string {
  if (decision === 'keep-a' && coderAName) return `Keep ${coderAName}’s`;
  if (decision === 'keep-b' && coderBName) return `Keep ${coderBName}’s`;
  return DECISION_LABELS[decision];
}
