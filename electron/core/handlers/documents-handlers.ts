import type { documentMethods } from '../../../shared/api/methods/documents';
import type { HandlerMap } from '../handler-types';
import { createGroup, deleteGroup, getGroup, renameGroup } from '../repos/document-groups-repo';
import { deleteDocument, updateDocument, updateTurns } from '../repos/document-edits-repo';
import { getDocumentSummary } from '../repos/documents-repo';

export const documentHandlers: HandlerMap<keyof typeof documentMethods> = {
  'documents.update': ({ id, ...fields }, ctx) => {
    ctx.write('Change document details', () => updateDocument(ctx.project.db, id, fields));
    return getDocumentSummary(ctx.project.db, id, ctx.project.visibleCoderId);
  },
  'documents.delete': ({ id }, ctx) => {
    const title = getDocumentSummary(ctx.project.db, id, null).title;
    const r = ctx.write(`Remove document “${title}”`, () => deleteDocument(ctx.project.db, id));
    return { deleted: true, ...r };
  },
  'documentGroups.create': ({ name }, ctx) => ctx.write(`Make document group “${name}”`, () => createGroup(ctx.project.db, name)),
  'documentGroups.rename': ({ id, name }, ctx) => {
    const old = getGroup(ctx.project.db, id).name;
    return ctx.write(`Rename document group “${old}” to “${name}”`, () => renameGroup(ctx.project.db, id, name));
  },
  'documentGroups.delete': ({ id }, ctx) => {
    const name = getGroup(ctx.project.db, id).name;
    const documents = ctx.write(`Remove document group “${name}”`, () => deleteGroup(ctx.project.db, id));
    return { deleted: true, documents };
  },
  'turns.update': ({ turnIds, participantId, isFacilitator }, ctx) =>
    ctx.write(
      (turns) => `Change the speaker of ${turns.length === 1 ? 'a turn' : `${turns.length} turns`}`,
      () => updateTurns(ctx.project.db, turnIds, participantId, isFacilitator),
    ),
};
