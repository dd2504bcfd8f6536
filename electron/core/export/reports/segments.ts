import { ABSTRACTION_COLUMN_LABELS, FORMATS_BY_KIND, REPORT_LABELS, type AbstractionColumn } from '../../../../shared/api/methods/reports';
import { codePointIndex, type CodePointIndex } from '../../../../shared/domain/offsets';
import { sheet, type BuiltReport, type ReportBuilder } from '../blocks';
import type { ReportData } from '../data';

/** The keys every row carries, for R, SPSS and Python: ids as in the project and REFI-QDA, positions in code points. */
export const SEGMENT_KEYS = ['document_id', 'unit_id', 'code_id', 'coder_id', 'start', 'end'] as const;

const LEVEL_COLUMNS: readonly AbstractionColumn[] = ['subcategory', 'category', 'subtheme', 'theme'];

/** The author's columns, else document, participant, text, condensation, code and the method's levels above codes (nearest first). */
function segmentColumns(data: ReportData): AbstractionColumn[] {
  const levels = data.levels.filter((l) => l !== 'code').reverse() as AbstractionColumn[];
  const chosen = data.options.columns?.length ? data.options.columns : (['document', 'speaker', 'unit', 'condensed', 'code', ...levels] as AbstractionColumn[]);
  return chosen.filter((c) => !LEVEL_COLUMNS.includes(c) || levels.includes(c));
}

interface SegmentRow {
  readonly documentId: string;
  readonly unitId: string | null;
  readonly codeId: string | null;
  readonly coderId: string | null;
  readonly start: number;
  readonly end: number;
  readonly condensed: string;
  readonly interpretive: string;
  readonly coded: 'unit' | 'span' | 'none';
}

/** Units none of the chosen coders coded: without them a reader cannot recompute denominators. */
function uncodedUnits(data: ReportData): SegmentRow[] {
  const rows = data.db
    .prepare(
      `SELECT u.id, u.document_id AS documentId, u.start, u."end" AS "end", u.condensed, u.interpretive FROM meaning_units u
       WHERE NOT EXISTS (SELECT 1 FROM codings c WHERE c.unit_id = u.id AND c.coder_id IN (SELECT value FROM json_each(?)))`,
    )
    .all(JSON.stringify(data.source.coderIds)) as { id: string; documentId: string; start: number; end: number; condensed: string; interpretive: string }[];
  return rows
    .filter((u) => data.documents.has(u.documentId))
    .map((u) => ({ documentId: u.documentId, unitId: u.id, codeId: null, coderId: null, start: u.start, end: u.end, condensed: u.condensed, interpretive: u.interpretive, coded: 'none' }));
}

/** One row per coding and per unit nobody coded, for R, SPSS and Excel: keys and positions, then the columns chosen, then by whom. */
export const segmentsReport: ReportBuilder = {
  kind: 'segments',
  label: REPORT_LABELS.segments,
  formats: FORMATS_BY_KIND.segments,
  build(data): BuiltReport {
    const attributes = data.chosenAttributes.map((a) => a.name);
    const chosen = segmentColumns(data);
    const coders = new Map((data.db.prepare(`SELECT id, name FROM coders`).all() as { id: string; name: string }[]).map((c) => [c.id, c.name]));
    const interpretive = new Map((data.db.prepare(`SELECT id, interpretive FROM meaning_units`).all() as { id: string; interpretive: string }[]).map((u) => [u.id, u.interpretive]));
    const texts = new Map((data.db.prepare(`SELECT id, text FROM documents`).all() as { id: string; text: string }[]).map((d) => [d.id, d.text]));
    const indexes = new Map<string, CodePointIndex>();
    const cp = (documentId: string, offset: number) => {
      let index = indexes.get(documentId);
      if (!index) indexes.set(documentId, (index = codePointIndex(texts.get(documentId) ?? '')));
      return index.toCodePoints(offset);
    };
    const order = new Map([...data.documents.keys()].map((id, i) => [id, i]));
    const codings: SegmentRow[] = data.codings().map((c) => ({
      documentId: c.documentId,
      unitId: c.unitId,
      codeId: c.codeId,
      coderId: c.coderId,
      start: c.start,
      end: c.end,
      condensed: c.condensed,
      interpretive: c.unitId ? (interpretive.get(c.unitId) ?? '') : '',
      coded: c.unitId ? 'unit' : 'span',
    }));
    // Codings keep their order; units nobody coded fall in by position (sort is stable).
    const all = [...codings, ...uncodedUnits(data)].sort((a, b) => order.get(a.documentId)! - order.get(b.documentId)! || a.start - b.start);
    const rows = all.map((r) => {
      const doc = data.documents.get(r.documentId);
      const participantId = data.speakers.at(r.documentId, r.start).participantId;
      const person = participantId ? data.people.byId.get(participantId) : undefined;
      const up = r.codeId ? data.tree.up.get(r.codeId) : undefined;
      const code = r.codeId ? data.tree.byId.get(r.codeId) : undefined;
      const cells = (c: AbstractionColumn): (string | number | null)[] => {
        switch (c) {
          case 'document':
            return [doc?.title ?? '', doc?.sessionName ?? '', doc?.groupName ?? '', doc?.sessionDate ?? ''];
          case 'speaker':
            return [data.people.nameOf(participantId), ...attributes.map((a) => person?.values[a] ?? '')];
          case 'unit':
            return [data.people.text(data.textOf(r.documentId, r.start, r.end))];
          case 'condensed':
            return [data.people.text(r.condensed)];
          case 'interpretive':
            return [data.people.text(r.interpretive)];
          case 'code':
            return [code ? data.people.text(code.name) : ''];
          default:
            return [(up?.get(c) ?? []).map((n) => data.people.text(n.name)).join('; ')];
        }
      };
      // Missing ids are empty text, not null: a null cell can drop out of a streamed sheet's row.
      return [
        r.documentId,
        r.unitId ?? '',
        r.codeId ?? '',
        r.coderId ?? '',
        cp(r.documentId, r.start),
        cp(r.documentId, r.end),
        ...chosen.flatMap(cells),
        r.coderId ? (data.coderName(coders.get(r.coderId) ?? null) ?? '') : '',
        r.coded,
      ];
    });
    const heads = (c: AbstractionColumn): string[] => {
      if (c === 'document') return ['Document', 'Session', 'Group', 'Date'];
      if (c === 'speaker') return ['Participant', ...attributes];
      if (c === 'unit') return ['Text'];
      if (c === 'condensed') return ['Condensation'];
      return [ABSTRACTION_COLUMN_LABELS[c]];
    };
    const columns = [...SEGMENT_KEYS, ...chosen.flatMap(heads), 'Coder', 'Coded'];
    return {
      title: 'Coded segments',
      document: null,
      sheets: [sheet('Segments', columns, rows)],
      warnings: [...(codings.length ? [] : ['There are no codings to list for this choice of coder.']), ...data.smallCellWarnings(attributes)],
    };
  },
};
