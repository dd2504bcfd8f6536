import { z } from 'zod';
import { Id, MemoTarget } from '../entities';
import { command, query } from '../method';

const Body = z.string().max(200_000);
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2025-03-14');

export const Memo = z.object({
  id: Id,
  targetType: MemoTarget,
  targetId: z.string(),
  title: z.string(),
  body: z.string(),
  authorId: Id.nullable(),
  authorName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Counts the memo's edits: an edit names the version it was made from (see EDIT_CONFLICT). */
  version: z.number().int(),
});
export type Memo = z.infer<typeof Memo>;

export const JournalEntry = z.object({
  id: Id,
  date: z.string(),
  body: z.string(),
  authorId: Id.nullable(),
  authorName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type JournalEntry = z.infer<typeof JournalEntry>;

export const memoMethods = {
  'memos.list': query(
    'Memos, newest first: all of them, or those on one thing',
    z.object({ targetType: MemoTarget.optional(), targetId: z.string().max(100).optional() }),
    z.array(Memo),
  ),
  'memos.create': command(
    'Writes a memo on the project, a document, a unit, a node or a participant',
    z.object({ targetType: MemoTarget, targetId: z.string().max(100).optional(), title: z.string().max(300).default(''), body: Body.min(1, 'some text') }),
    Memo,
  ),
  'memos.update': command(
    'Changes a memo; with the version it was edited from, refused (EDIT_CONFLICT) if another edit came first',
    z.object({ id: Id, title: z.string().max(300).optional(), body: Body.optional(), version: z.number().int().min(0).optional() }),
    Memo,
  ),
  'memos.delete': command('Deletes a memo', z.object({ id: Id }), z.object({ deleted: z.boolean() })),

  'journal.list': query('The reflexive journal, newest first', z.object({}), z.array(JournalEntry)),
  'journal.create': command('Adds a dated journal entry', z.object({ date: IsoDate.optional(), body: Body.min(1, 'some text') }), JournalEntry),
  'journal.update': command('Changes a journal entry', z.object({ id: Id, date: IsoDate.optional(), body: Body.optional() }), JournalEntry),
  'journal.delete': command('Deletes a journal entry', z.object({ id: Id }), z.object({ deleted: z.boolean() })),
} as const;
