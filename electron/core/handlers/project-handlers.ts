import type { projectMethods } from '../../../shared/api/methods/project';
import type { AuditChange, AuditStep, HistoryMove, HistoryState } from '../../../shared/api/entities';
import type { HandlerMap } from '../handler-types';
import { getCoder, insertCoder, listCoders } from '../repos/coders-repo';
import { listNodes } from '../repos/codebook-repo';
import { getDocumentDetail, listDocumentGroups, listDocuments } from '../repos/documents-repo';
import { listAttributes, listParticipants } from '../repos/participants-repo';
import { updateProjectSettings, writeSetting } from '../repos/project-repo';
import type { ProjectSession } from '../session';
import type { StackStep } from '../store/history';
import { stmt } from '../store/statements';

function historyState(s: ProjectSession): HistoryState {
  const undo = s.history.peekUndo();
  const redo = s.history.peekRedo();
  return {
    canUndo: undo !== null,
    canRedo: redo !== null,
    undoLabel: undo ? undo.summary : null,
    redoLabel: redo ? redo.summary : null,
    undoEarlierAt: undo?.earlierAt ?? null,
    redoEarlierAt: redo?.earlierAt ?? null,
  };
}

function historyMove(s: ProjectSession, did: StackStep): HistoryMove {
  s.noteStep();
  return { ...historyState(s), did: { summary: did.summary, earlierAt: did.earlierAt } };
}

export const projectHandlers: HandlerMap<keyof typeof projectMethods> = {
  'project.get': (_p, { project }) => project.summary(),
  'project.update': (changes, ctx) => {
    ctx.write('Change project settings', () => updateProjectSettings(ctx.project.db, changes));
    return ctx.project.summary();
  },
  'project.backup': async (_p, { project }) => ({ path: await project.file.backup() }),
  'project.rememberPlace': ({ documentId, unitId }, { project }) => {
    // One transaction, so remembering a place costs one sync to disk, not two.
    project.db.transaction(() => {
      writeSetting(project.db, 'last_document', documentId);
      writeSetting(project.db, 'last_unit', unitId);
    })();
    return { ok: true };
  },

  'coders.list': (_p, { project }) => listCoders(project.db),
  'coders.create': (input, ctx) => ctx.write((c) => `Add coder ${c.name}`, () => insertCoder(ctx.project.db, input)),
  'coders.setCurrent': ({ coderId }, { project }) => {
    project.setCurrentCoder(coderId);
    return getCoder(project.db, coderId);
  },

  'documents.list': (_p, { project }) => listDocuments(project.db, project.visibleCoderId),
  'documents.get': ({ id }, { project }) => getDocumentDetail(project.db, id, project.visibleCoderId, project.visibleCoderId),
  'documentGroups.list': (_p, { project }) => listDocumentGroups(project.db),
  'participants.list': (_p, { project }) => listParticipants(project.db),
  'attributes.list': (_p, { project }) => listAttributes(project.db),
  'codebook.list': (_p, { project }) => listNodes(project.db, project.visibleCoderId),

  'history.state': (_p, { project }) => historyState(project),
  'history.undo': (_p, { project }) => historyMove(project, project.history.undo(project.currentCoderId)),
  'history.redo': (_p, { project }) => historyMove(project, project.history.redo(project.currentCoderId)),

  'audit.list': ({ limit, beforeSeq }, { project }) =>
    stmt(
      project.db,
      `SELECT s.id, s.seq, s.at, s.coder_id AS coderId, c.name AS coderName, s.method, s.summary,
              (SELECT count(*) FROM audit_changes a WHERE a.step_id = s.id) AS changes
       FROM audit_steps s LEFT JOIN coders c ON c.id = s.coder_id
       WHERE s.seq < @before ORDER BY s.seq DESC LIMIT @limit`,
    ).all({ before: beforeSeq ?? Number.MAX_SAFE_INTEGER, limit }) as AuditStep[],
  'audit.changes': ({ stepId }, { project }) =>
    (
      stmt(project.db, `SELECT tbl, row_id, op, before, after FROM audit_changes WHERE step_id = ? ORDER BY seq`).all(stepId) as {
        tbl: string;
        row_id: string;
        op: AuditChange['op'];
        before: string | null;
        after: string | null;
      }[]
    ).map((r) => ({
      table: r.tbl,
      rowId: r.row_id,
      op: r.op,
      before: r.before ? (JSON.parse(r.before) as Record<string, unknown>) : null,
      after: r.after ? (JSON.parse(r.after) as Record<string, unknown>) : null,
    })),
};
