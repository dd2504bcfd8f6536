import { FORMATS_BY_KIND, REPORT_LABELS } from '../../../../shared/api/methods/reports';
import { codePointIndex, type CodePointIndex } from '../../../../shared/domain/offsets';
import { listCoders } from '../../repos/coders-repo';
import { sheet, type BuiltReport, type ReportBuilder } from '../blocks';
import type { ReportData } from '../data';

// Reliability data as R's irr (kappa2, kripp.alpha) and Python's krippendorff read it: one row per
// meaning unit and code, one 0/1 column per coder. Subset the rows of a code and take the coder
// columns: that is irr's ratings matrix; transposed, krippendorff's reliability_data.

/** The coders compared: the author's choice, else every coder (not the consensus) who coded a unit. */
function comparedCoders(data: ReportData): { id: string; name: string }[] {
  const coders = listCoders(data.db).filter((c) => c.role !== 'consensus');
  const asked = data.options.coders?.filter((id) => coders.some((c) => c.id === id));
  if (asked?.length) return asked.map((id) => coders.find((c) => c.id === id)!);
  const coded = new Set(data.db.prepare(`SELECT DISTINCT coder_id FROM codings WHERE unit_id IS NOT NULL`).pluck().all() as string[]);
  return coders.filter((c) => coded.has(c.id));
}

export const reliabilityReport: ReportBuilder = {
  kind: 'reliability',
  label: REPORT_LABELS.reliability,
  formats: FORMATS_BY_KIND.reliability,
  build(data): BuiltReport {
    const coders = comparedCoders(data);
    const units = (
      data.db.prepare(`SELECT u.id, u.document_id AS documentId, u.start, u."end" AS "end" FROM meaning_units u`).all() as { id: string; documentId: string; start: number; end: number }[]
    ).filter((u) => data.documents.has(u.documentId));
    const order = new Map([...data.documents.keys()].map((id, i) => [id, i]));
    units.sort((a, b) => order.get(a.documentId)! - order.get(b.documentId)! || a.start - b.start);
    const codings = data.db.prepare(`SELECT unit_id AS unitId, code_id AS codeId, coder_id AS coderId FROM codings WHERE unit_id IS NOT NULL`).all() as {
      unitId: string;
      codeId: string;
      coderId: string;
    }[];
    const applied = new Set(codings.map((c) => `${c.unitId}|${c.codeId}|${c.coderId}`));
    // Every code, and any node above the codes that a unit was coded with, in codebook order.
    const usedIds = new Set(codings.map((c) => c.codeId));
    const codes = data.tree.nodes
      .filter((n) => n.level === 'code' || usedIds.has(n.id))
      .sort((a, b) => (data.tree.order.get(a.id) ?? 0) - (data.tree.order.get(b.id) ?? 0));
    const texts = new Map((data.db.prepare(`SELECT id, text FROM documents`).all() as { id: string; text: string }[]).map((d) => [d.id, d.text]));
    const indexes = new Map<string, CodePointIndex>();
    const cp = (documentId: string, offset: number) => {
      let index = indexes.get(documentId);
      if (!index) indexes.set(documentId, (index = codePointIndex(texts.get(documentId) ?? '')));
      return index.toCodePoints(offset);
    };
    const rows: (string | number)[][] = [];
    for (const code of codes) {
      for (const u of units) {
        rows.push([code.id, data.people.text(code.name), u.id, u.documentId, cp(u.documentId, u.start), cp(u.documentId, u.end), ...coders.map((c) => (applied.has(`${u.id}|${code.id}|${c.id}`) ? 1 : 0))]);
      }
    }
    const warnings: string[] = [];
    if (coders.length < 2) warnings.push('Reliability needs two coders who coded meaning units; this file lists fewer.');
    if (units.length === 0) warnings.push('There are no meaning units in the chosen documents.');
    return {
      title: 'Reliability data',
      document: null,
      sheets: [sheet('Reliability', ['code_id', 'code', 'unit_id', 'document_id', 'start', 'end', ...coders.map((c) => data.coderName(c.name) ?? c.name)], rows)],
      warnings,
    };
  },
};
