import type Database from 'better-sqlite3';
import type { AbstractionFilter, AbstractionTable, codingMethods } from '../../../shared/api/methods/coding';
import { AppError } from '../../../shared/api/errors';
import { NODE_LEVEL_LABELS } from '../../../shared/domain/vocabulary';
import { toCsv } from '../../../shared/text/csv-write';
import { writeFileSafely } from '../files/write-file-safely';
import type { HandlerMap } from '../handler-types';
import { abstractionTable } from '../repos/analysis-repo';
import { getNode } from '../repos/codebook-repo';
import { createNode } from '../repos/codebook-edit-repo';
import { getCoder } from '../repos/coders-repo';
import {
  applyToSpan,
  applyToUnits,
  removeByIds,
  removeFromUnits,
  requireCodes,
  resolveUnits,
  unitHolding,
  updateCondensation,
  type CodingChangeResult,
} from '../repos/codings-repo';
import { listCodings } from '../repos/documents-repo';
import { projectSettings } from '../repos/project-repo';
import type { ProjectSession } from '../session';
import { stmt } from '../store/statements';
import { getUnit } from '../units/units-service';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function codeNames(db: Database.Database, ids: readonly string[]): string {
  const names = [...new Set(ids)].map((id) => (stmt(db, `SELECT name FROM codebook_nodes WHERE id = ?`).pluck().get(id) as string | undefined) ?? '?');
  return names.map((n) => `“${n}”`).join(', ');
}

/** Whose codings a table shows: blind mode always means the current coder's own. */
function tableCoder(project: ProjectSession, coder: 'current' | 'all' | string): string | null {
  if (project.visibleCoderId) return project.visibleCoderId;
  if (coder === 'all') return null;
  if (coder === 'current') return project.currentCoderId;
  return getCoder(project.db, coder).id;
}

type ParsedFilter = Required<Pick<AbstractionFilter, 'coder' | 'codedOnly' | 'sortBy' | 'descending'>> & AbstractionFilter;

function buildTable(project: ProjectSession, f: ParsedFilter): AbstractionTable {
  return abstractionTable(project.db, projectSettings(project.db).methodology, f, tableCoder(project, f.coder));
}

function tableCsv(t: AbstractionTable): string {
  const header = [
    'Document',
    'Speaker',
    'Participant',
    'Meaning unit',
    'Condensed meaning unit',
    'Interpretive condensation',
    'Code(s)',
    ...t.columns.map((c) => NODE_LEVEL_LABELS[c]),
  ];
  const names = (refs: readonly { name: string }[]) => [...new Set(refs.map((r) => r.name))].join('; ');
  const rows = t.rows.map((r) => [r.documentTitle, r.speaker, r.pseudonym, r.text, r.condensed, r.interpretive, names(r.codes), ...r.levels.map(names)]);
  return toCsv(header, rows, { bom: true });
}

function auditCsv(db: Database.Database): { csv: string; steps: number } {
  const rows = stmt(
    db,
    `SELECT s.seq, s.at, c.name AS coder, s.method, s.summary, a.tbl, a.row_id, a.op, a.before, a.after
     FROM audit_steps s LEFT JOIN coders c ON c.id = s.coder_id JOIN audit_changes a ON a.step_id = s.id
     ORDER BY s.seq, a.seq`,
  )
    .raw()
    .all() as (string | number | null)[][];
  const steps = stmt(db, `SELECT count(*) FROM audit_steps`).pluck().get() as number;
  const csv = toCsv(['Step', 'When (UTC)', 'Who', 'Command', 'What', 'Table', 'Row', 'Change', 'Before', 'After'], rows, { bom: true });
  return { csv, steps };
}

export const codingHandlers: HandlerMap<keyof typeof codingMethods> = {
  'codings.apply': ({ target, codeIds }, ctx) => {
    const { db } = ctx.project;
    const coderId = ctx.project.requireCoder();
    requireCodes(db, codeIds);
    const units = resolveUnits(db, target);
    return ctx.write(`Code ${plural(units.length, 'unit')} with ${codeNames(db, codeIds)}`, () => applyToUnits(db, units, codeIds, coderId));
  },
  'codings.applySpan': ({ documentId, start, end, codeIds }, ctx) => {
    const { db } = ctx.project;
    const coderId = ctx.project.requireCoder();
    requireCodes(db, codeIds);
    return ctx.write(`Code a passage with ${codeNames(db, codeIds)}`, () => applyToSpan(db, documentId, start, end, codeIds, coderId));
  },
  'codings.remove': ({ codingIds, target, codeIds }, ctx) => {
    const { db } = ctx.project;
    const coderId = ctx.project.requireCoder();
    if (!codingIds && !target) throw new AppError('BAD_REQUEST', 'Say which codings to remove: their ids, or units (and codes).');
    const units = target ? resolveUnits(db, target) : [];
    const what = target ? `Remove ${codeIds ? codeNames(db, codeIds) : 'codes'} from ${plural(units.length, 'unit')}` : `Remove ${plural(codingIds!.length, 'coding')}`;
    const removed = ctx.write(what, () => [...(codingIds ? removeByIds(db, codingIds, coderId) : []), ...removeFromUnits(db, units, codeIds ?? null, coderId)]);
    return { added: [], removed, unchanged: 0 };
  },
  'codings.replace': ({ target, codeIds, fromCodeId }, ctx) => {
    const { db } = ctx.project;
    const coderId = ctx.project.requireCoder();
    requireCodes(db, codeIds);
    const units = resolveUnits(db, target);
    const what = fromCodeId ? `Replace ${codeNames(db, [fromCodeId])} with ${codeNames(db, codeIds)}` : `Set the codes of ${plural(units.length, 'unit')} to ${codeNames(db, codeIds) || 'none'}`;
    return ctx.write(what, (): CodingChangeResult => {
      // Codes that stay are kept as they are (same row, same time), so undo and agreement see no churn.
      const keep = new Set(codeIds);
      const removed = fromCodeId
        ? keep.has(fromCodeId)
          ? []
          : removeFromUnits(db, units, [fromCodeId], coderId)
        : removeFromUnits(
            db,
            units,
            (stmt(db, `SELECT DISTINCT code_id FROM codings WHERE coder_id = ? AND unit_id IN (SELECT value FROM json_each(?))`).pluck().all(coderId, JSON.stringify(units.map((u) => u.id))) as string[]).filter(
              (c) => !keep.has(c),
            ),
            coderId,
          );
      const applied = applyToUnits(db, units, codeIds, coderId);
      return { added: applied.added, removed, unchanged: applied.unchanged };
    });
  },
  'codings.inVivo': ({ documentId, start, end, name, parentId, target }, ctx) => {
    const { db } = ctx.project;
    const coderId = ctx.project.requireCoder();
    const text = stmt(db, `SELECT text FROM documents WHERE id = ?`).pluck().get(documentId) as string | undefined;
    if (text === undefined) throw new AppError('NOT_FOUND', 'That document is not in this project (it may have been deleted).');
    if (!(end > start) || end > text.length) throw new AppError('INVALID_RANGE', 'Select the words that should name the code.');
    const words = (name ?? text.slice(start, end)).replace(/\s+/g, ' ').trim().slice(0, 200);
    if (!words) throw new AppError('INVALID_RANGE', 'Select some words (not only spaces) to name the code.');
    const unitId = target === 'span' ? null : unitHolding(db, documentId, start, end);
    if (target === 'unit' && !unitId) throw new AppError('INVALID_RANGE', 'Those words are not inside one meaning unit. Select words within a unit, or code them as a passage.');
    return ctx.write(`In-vivo code “${words}”`, () => {
      const codeId = createNode(db, { level: 'code', name: words, parentId });
      const change = unitId ? applyToUnits(db, [{ id: unitId, documentId }], [codeId], coderId) : applyToSpan(db, documentId, start, end, [codeId], coderId);
      return { node: getNode(db, codeId, ctx.project.visibleCoderId), change };
    });
  },
  'codings.forDocument': ({ documentId }, { project }) => listCodings(project.db, documentId, project.visibleCoderId),
  'units.condense': ({ unitId, condensed, interpretive, version }, ctx) => {
    const { db } = ctx.project;
    ctx.write('Condense a meaning unit', () => updateCondensation(db, unitId, { condensed, interpretive, version }));
    return getUnit(db, unitId);
  },
  'table.abstraction': (filter, { project }) => buildTable(project, filter),
  'table.exportCsv': ({ path: target, overwrite, ...filter }, { project, app }) => {
    const table = buildTable(project, filter);
    const csv = tableCsv(table);
    return { csv, path: target ? writeFileSafely(app.resolveProjectPath(target), csv, { overwrite }) : null, rows: table.rows.length };
  },
  'audit.exportCsv': ({ path: target, overwrite }, { project, app }) => {
    const { csv, steps } = auditCsv(project.db);
    return { csv, path: target ? writeFileSafely(app.resolveProjectPath(target), csv, { overwrite }) : null, steps };
  },
};
