import type { memoMethods } from '../../../shared/api/methods/memos';
import type { HandlerMap } from '../handler-types';
import {
  deleteJournalEntry,
  deleteMemo,
  getJournalEntry,
  getMemo,
  insertJournalEntry,
  insertMemo,
  listJournal,
  listMemos,
  localDate,
  memoTargetId,
  updateJournalEntry,
  updateMemo,
} from '../repos/memos-repo';

export const memoHandlers: HandlerMap<keyof typeof memoMethods> = {
  'memos.list': ({ targetType, targetId }, { project }) => listMemos(project.db, targetType, targetId),
  'memos.create': ({ targetType, targetId, title, body }, ctx) => {
    const { db } = ctx.project;
    const target = memoTargetId(db, targetType, targetId);
    const id = ctx.write(`Write a memo on the ${targetType}${title ? ` “${title}”` : ''}`, () => insertMemo(db, targetType, target, title, body, ctx.project.currentCoderId));
    return getMemo(db, id);
  },
  'memos.update': ({ id, title, body, version }, ctx) => {
    const { db } = ctx.project;
    const memo = getMemo(db, id);
    ctx.write(`Edit the memo${memo.title ? ` “${memo.title}”` : ''}`, () => updateMemo(db, id, { title, body, version }));
    return getMemo(db, id);
  },
  'memos.delete': ({ id }, ctx) => {
    const { db } = ctx.project;
    const memo = getMemo(db, id);
    return { deleted: ctx.write(`Delete the memo${memo.title ? ` “${memo.title}”` : ''}`, () => deleteMemo(db, id)) };
  },
  'journal.list': (_p, { project }) => listJournal(project.db),
  'journal.create': ({ date, body }, ctx) => {
    const { db } = ctx.project;
    const day = date ?? localDate();
    const id = ctx.write(`Add a journal entry for ${day}`, () => insertJournalEntry(db, day, body, ctx.project.currentCoderId));
    return getJournalEntry(db, id);
  },
  'journal.update': ({ id, date, body }, ctx) => {
    const { db } = ctx.project;
    const entry = getJournalEntry(db, id);
    ctx.write(`Edit the journal entry of ${entry.date}`, () => updateJournalEntry(db, id, { date, body }));
    return getJournalEntry(db, id);
  },
  'journal.delete': ({ id }, ctx) => {
    const { db } = ctx.project;
    const entry = getJournalEntry(db, id);
    return { deleted: ctx.write(`Delete the journal entry of ${entry.date}`, () => deleteJournalEntry(db, id)) };
  },
};
