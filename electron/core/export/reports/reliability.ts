import { FORMATS_BY_KIND, REPORT_LABELS } from '../../../../shared/api/methods/reports';
import { codePointIndex } from '../../../../shared/domain/offsets';
import { csvField } from '../../../../shared/text/csv-write';
import { listCoders } from '../../repos/coders-repo';
import { streamedSheet, type BuiltReport, type ReportBuilder } from '../blocks';
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
    // Per code and unit, a 0/1 per compared coder: whether they applied it.
    const coderIndex = new Map(coders.map((c, i) => [c.id, i]));
    const byCode = new Map<string, Map<string, Uint8Array>>();
    const codings = data.db.prepare(`SELECT unit_id AS unitId, code_id AS codeId, coder_id AS coderId FROM codings WHERE unit_id IS NOT NULL`);
    for (const c of codings.iterate() as IterableIterator<{ unitId: string; codeId: string; coderId: string }>) {
      let perUnit = byCode.get(c.codeId);
      if (!perUnit) byCode.set(c.codeId, (perUnit = new Map()));
      let flags = perUnit.get(c.unitId);
      if (!flags) perUnit.set(c.unitId, (flags = new Uint8Array(coders.length)));
      const i = coderIndex.get(c.coderId);
      if (i !== undefined) flags[i] = 1;
    }
    const none = new Uint8Array(coders.length);
    // Every code, and any node above the codes that a unit was coded with, in codebook order.
    const codes = data.tree.nodes
      .filter((n) => n.level === 'code' || byCode.has(n.id))
      .sort((a, b) => (data.tree.order.get(a.id) ?? 0) - (data.tree.order.get(b.id) ?? 0))
      .map((n) => ({ id: n.id, name: data.people.text(n.name) }));
    // Positions in code points, worked out once per unit (each document's text read once).
    const places = new Map<string, [number, number]>();
    const texts = data.db.prepare(`SELECT id, text FROM documents`);
    const byDocument = new Map<string, typeof units>();
    for (const u of units) {
      const list = byDocument.get(u.documentId);
      if (list) list.push(u);
      else byDocument.set(u.documentId, [u]);
    }
    for (const d of texts.iterate() as IterableIterator<{ id: string; text: string }>) {
      const own = byDocument.get(d.id);
      if (!own) continue;
      const index = codePointIndex(d.text);
      for (const u of own) places.set(u.id, [index.toCodePoints(u.start), index.toCodePoints(u.end)]);
    }
    // codes × units rows (millions in a large study): made as they are written, never held.
    function* rows(): Generator<(string | number)[]> {
      for (const code of codes) {
        const applied = byCode.get(code.id);
        for (const u of units) {
          const [start, end] = places.get(u.id)!;
          yield [code.id, code.name, u.id, u.documentId, start, end, ...(applied?.get(u.id) ?? none)];
        }
      }
    }
    // The CSV of the same rows: a unit's ids and positions and a code's id and name escaped once.
    function* lines(): Generator<string> {
      const unitFields = units.map((u) => {
        const [start, end] = places.get(u.id)!;
        return `${csvField(u.id)},${csvField(u.documentId)},${start},${end},`;
      });
      const nobody = `${none.join(',')}\r\n`;
      for (const code of codes) {
        const codeFields = `${csvField(code.id)},${csvField(code.name)},`;
        const applied = byCode.get(code.id);
        for (let i = 0; i < units.length; i += 1) {
          const flags = applied?.get(units[i].id);
          yield codeFields + unitFields[i] + (flags ? `${flags.join(',')}\r\n` : nobody);
        }
      }
    }
    const warnings: string[] = [];
    if (coders.length < 2) warnings.push('Reliability needs two coders who coded meaning units; this file lists fewer.');
    if (units.length === 0) warnings.push('There are no meaning units in the chosen documents.');
    return {
      title: 'Reliability data',
      document: null,
      sheets: [
        {
          ...streamedSheet('Reliability', ['code_id', 'code', 'unit_id', 'document_id', 'start', 'end', ...coders.map((c) => data.coderName(c.name) ?? c.name)], codes.length * units.length, rows),
          csvLines: lines,
        },
      ],
      warnings,
    };
  },
};
