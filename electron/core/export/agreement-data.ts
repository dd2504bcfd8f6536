import type { AgreementReport, Resolution, UnitizingReport } from '../../../shared/api/methods/agreement';
import { AppError } from '../../../shared/api/errors';
import { DEFAULT_BOOTSTRAP_SEED } from '../../../shared/domain/agreement';
import { computeAgreementReport } from '../agreement/agreement-service';
import { listResolutions } from '../agreement/discrepancies';
import { listCoders } from '../repos/coders-repo';
import { stmt } from '../store/statements';
import type { ReportData } from './data';

// The agreement report prints the agreement service's figures and resolution log as they are.

/** The author's two coders, else the pair the Compare tab starts with: coders before resolvers, most codings first. */
function pickCoders(data: ReportData): [string, string] | null {
  const coders = listCoders(data.db).filter((c) => c.role !== 'consensus');
  const asked = data.options.coders?.filter((id) => coders.some((c) => c.id === id)) ?? [];
  if (asked.length >= 2) return [asked[0], asked[1]];
  const ranked = coders
    .map((c) => ({ c, n: stmt(data.db, `SELECT count(*) FROM codings WHERE coder_id = ?`).pluck().get(c.id) as number }))
    .filter((x) => x.n > 0)
    .sort((x, y) => Number(y.c.role === 'coder') - Number(x.c.role === 'coder') || y.n - x.n);
  return ranked.length >= 2 ? [ranked[0].c.id, ranked[1].c.id] : null;
}

export function loadAgreement(data: ReportData): {
  report: AgreementReport | null;
  /** uα at the character level, where the coders coded passages of text outside meaning units. */
  unitizing: UnitizingReport | null;
  resolutions: Resolution[];
  warnings: string[];
} {
  const pair = pickCoders(data);
  const resolutions = listResolutions(data.db, pair?.[0], pair?.[1]).filter((r) => data.documents.has(r.documentId));
  if (!pair) return { report: null, unitizing: null, resolutions, warnings: ['Agreement needs two coders who both coded this project.'] };
  try {
    const params = {
      coderIds: pair,
      // The level and unit set the app takes by default (documents for a study coded in free passages only).
      level: undefined,
      unitSet: undefined,
      documents: 'auto',
      documentIds: data.options.documentIds,
      minPositiveUnits: 5,
      breakdowns: false,
      // The report always prints the intervals, from the default seed it names: the same file gives the same report.
      intervals: true,
      seed: DEFAULT_BOOTSTRAP_SEED,
    } as const;
    const report = computeAgreementReport(data.db, params);
    const passages = stmt(data.db, `SELECT count(*) FROM codings WHERE unit_id IS NULL AND coder_id IN (?, ?)`).pluck().get(...pair) as number;
    const unitizing = passages > 0 ? computeAgreementReport(data.db, { ...params, level: 'char', unitSet: undefined }).unitizing : null;
    return { report, unitizing, resolutions, warnings: [] };
  } catch (err) {
    // Blind coding or agreement turned off: the report says why instead of failing.
    if (err instanceof AppError) return { report: null, unitizing: null, resolutions, warnings: [err.message] };
    throw err;
  }
}
