import { FORMATS_BY_KIND, REPORT_LABELS } from '../../../../shared/api/methods/reports';
import { NODE_LEVEL_LABELS } from '../../../../shared/domain/vocabulary';
import { listAttributes } from '../../repos/participants-repo';
import { sheet, type BuiltReport, type ReportBuilder } from '../blocks';
import type { ReportData } from '../data';

/** The chosen attributes (all when none are chosen), by name. */
export function attributeNames(data: ReportData): string[] {
  const all = listAttributes(data.db);
  return (data.options.attributeIds ? data.options.attributeIds.flatMap((id) => all.filter((a) => a.id === id)) : all).map((a) => a.name);
}

/** One row per coding, for R, SPSS and Excel: where, who, what was said, the code and every level above it, by whom. */
export const segmentsReport: ReportBuilder = {
  kind: 'segments',
  label: REPORT_LABELS.segments,
  formats: FORMATS_BY_KIND.segments,
  build(data): BuiltReport {
    const attributes = attributeNames(data);
    const above = data.levels.filter((l) => l !== 'code').reverse();
    const coders = new Map((data.db.prepare(`SELECT id, name FROM coders`).all() as { id: string; name: string }[]).map((c) => [c.id, c.name]));
    const rows = data.codings().map((c) => {
      const doc = data.documents.get(c.documentId);
      const participantId = data.speakers.at(c.documentId, c.start).participantId;
      const person = participantId ? data.people.byId.get(participantId) : undefined;
      const up = data.tree.up.get(c.codeId);
      const code = data.tree.byId.get(c.codeId);
      return [
        doc?.title ?? '',
        doc?.sessionName ?? '',
        doc?.groupName ?? '',
        doc?.sessionDate ?? '',
        data.people.nameOf(participantId),
        ...attributes.map((a) => person?.values[a] ?? ''),
        data.people.text(data.textOf(c.documentId, c.start, c.end)),
        data.people.text(c.condensed),
        code ? data.people.text(code.name) : '',
        ...above.map((l) => (up?.get(l) ?? []).map((n) => data.people.text(n.name)).join('; ')),
        coders.get(c.coderId) ?? '',
        c.unitId ? 'unit' : 'span',
      ];
    });
    const columns = ['Document', 'Session', 'Group', 'Date', 'Participant', ...attributes, 'Text', 'Condensation', 'Code', ...above.map((l) => NODE_LEVEL_LABELS[l]), 'Coder', 'Coded'];
    return {
      title: 'Coded segments',
      document: null,
      sheets: [sheet('Segments', columns, rows)],
      warnings: rows.length ? [] : ['There are no codings to list for this choice of coder.'],
    };
  },
};
