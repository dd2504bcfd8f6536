import type { documentMethods } from '../../../shared/api/methods/documents';
import type { HandlerMap } from '../handler-types';
import { createGroup, deleteGroup, getGroup, renameGroup } from '../repos/document-groups-repo';
import { deleteDocument, numberDocumentsByOrder, updateDocument, updateTurns } from '../repos/document-edits-repo';
import { getDocumentSummary } from '../repos/documents-repo';
import { createParticipant } from '../participants/participants-service';
import {
  documentTitle,
  editTurnText,
  excerpt,
  getTurn,
  markNotSpeech,
  mergeWithNextTurn,
  nextTurn,
  speakerWords,
  splitTurn,
} from '../repos/transcript-repair-repo';

/** “, 1 meaning unit split in two” and the like, for the audit log's plain words. */
function unitNotes(split: number, removed: number): string {
  const notes: string[] = [];
  // A unit's codings go with both parts (units-service splitUnit), so the entry need not say so.
  if (split > 0) notes.push(split === 1 ? 'a meaning unit cut in two with it' : `${split} meaning units cut in two with it`);
  if (removed > 0) notes.push(removed === 1 ? 'an empty meaning unit removed' : `${removed} empty meaning units removed`);
  return notes.length > 0 ? ` (${notes.join('; ')})` : '';
}

export const documentHandlers: HandlerMap<keyof typeof documentMethods> = {
  'documents.update': ({ id, ...fields }, ctx) => {
    ctx.write('Change document details', () => updateDocument(ctx.project.db, id, fields));
    return getDocumentSummary(ctx.project.db, id, ctx.project.visibleCoderId);
  },
  'documents.numberByOrder': (_input, ctx) => ({ numbered: ctx.write('Number documents by list order', () => numberDocumentsByOrder(ctx.project.db)) }),
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
  'turns.update': ({ turnIds, participantId, isFacilitator }, ctx) => {
    const db = ctx.project.db;
    const first = turnIds.length === 1 ? getTurn(db, turnIds[0]) : null;
    const from = first ? `${speakerWords(db, { ...first, notSpeech: 0 }).replace(/’s turn$/, '')}` : '';
    return ctx.write(
      (turns) => {
        if (!first || turns.length !== 1 || participantId === undefined) return `Change the speaker of ${turns.length === 1 ? 'a turn' : `${turns.length} turns`}`;
        const to = speakerWords(db, { participantId: turns[0].participantId, speakerLabel: participantId === null ? null : turns[0].speakerLabel, notSpeech: 0 }).replace(/’s turn$/, '');
        return `Change the speaker of a turn in “${documentTitle(db, first.documentId)}” from ${from} to ${to === 'a turn without a speaker' ? 'nobody (not a participant)' : to}`;
      },
      () => updateTurns(db, turnIds, participantId, isFacilitator),
    );
  },
  'turns.editText': ({ turnId, text }, ctx) => {
    const db = ctx.project.db;
    const turn = getTurn(db, turnId);
    const r = ctx.write(
      (e) => `Correct ${speakerWords(db, turn)} in “${documentTitle(db, turn.documentId)}”: “${excerpt(e.before, 60)}” to “${excerpt(e.after, 60)}”${unitNotes(0, e.unitsRemoved)}`,
      () => editTurnText(db, turnId, text),
    );
    return { documentId: turn.documentId, turnId, unitsSplit: 0, unitsRemoved: r.unitsRemoved };
  },
  'turns.split': ({ turnId, at, participantId, newSpeaker }, ctx) => {
    const db = ctx.project.db;
    const turn = getTurn(db, turnId);
    const r = ctx.write(
      (e) =>
        `Split ${speakerWords(db, turn)} in “${documentTitle(db, turn.documentId)}” before “${e.secondWords}”: ${
          newSpeaker ? `the new turn is spoken by ${newSpeaker}, a new participant` : participantId === null ? 'the same speaker goes on' : `the new turn is ${speakerWords(db, e.second)}`
        }${unitNotes(e.unitsSplit, 0)}`,
      // A speaker heard for the first time becomes a participant in the same step: one undo takes both back.
      () => splitTurn(db, turnId, at, newSpeaker ? createParticipant(db, newSpeaker, '', '') : participantId),
    );
    return { documentId: turn.documentId, turnId: r.second.id, unitsSplit: r.unitsSplit, unitsRemoved: 0 };
  },
  'turns.mergeWithNext': ({ turnId }, ctx) => {
    const db = ctx.project.db;
    const turn = getTurn(db, turnId);
    const next = nextTurn(db, turn);
    const nextWords = next ? speakerWords(db, next) : 'the next turn';
    const r = ctx.write(
      () => `Merge ${speakerWords(db, turn)} with the next turn (${nextWords}) in “${documentTitle(db, turn.documentId)}”, all under ${speakerWords(db, turn).replace(/’s turn$/, '')}`,
      () => mergeWithNextTurn(db, turnId),
    );
    return { documentId: turn.documentId, turnId: r.first.id, unitsSplit: 0, unitsRemoved: 0 };
  },
  'turns.markNotSpeech': ({ turnId, start, end, notSpeech }, ctx) => {
    const db = ctx.project.db;
    const turn = getTurn(db, turnId);
    const range = start !== undefined && end !== undefined ? { start, end } : null;
    const r = ctx.write(
      (e) => `Mark “${e.words}” in “${documentTitle(db, turn.documentId)}” as ${notSpeech ? 'not speech' : 'speech'}${unitNotes(e.unitsSplit, e.unitsRemoved)}`,
      () => markNotSpeech(db, turnId, range, notSpeech),
    );
    return { documentId: turn.documentId, turnId: r.turn.id, unitsSplit: r.unitsSplit, unitsRemoved: r.unitsRemoved };
  },
};
