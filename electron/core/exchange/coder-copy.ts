import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { CopyOrigin } from '../../../shared/api/methods/exchange';
import { AppError } from '../../../shared/api/errors';
import { getCoder } from '../repos/coders-repo';
import { projectRow, writeSetting } from '../repos/project-repo';
import type { ProjectSession } from '../session';
import { publishNew } from '../files/file-targets';
import { assertNewProjectTarget, canonicalPath } from '../store/project-file';
import { translateSqliteError } from '../store/sqlite-errors';
import { appendToList, BASE_KEY, encodeSnapshot, HANDOUTS_KEY, MERGES_KEY, ORIGIN_KEY, snapshotOf } from './snapshot';

export interface CoderCopyOptions {
  readonly target: string;
  readonly coderId: string | null;
  readonly includeOthersCodings: boolean;
}

export interface CoderCopyResult {
  readonly path: string;
  readonly copyId: string;
  readonly coderId: string | null;
  readonly coderName: string | null;
  readonly codingsIncluded: number;
  readonly codingsLeftOut: number;
  readonly memosLeftOut: number;
  readonly journalEntriesLeftOut: number;
}

export interface Handout {
  readonly copyId: string;
  readonly path: string;
  readonly coderName: string | null;
  readonly madeAt: string;
  /** Who got the copy and which documents it held: agreement compares only what both coders were given. */
  readonly coderId?: string | null;
  readonly documentIds?: readonly string[];
}

/**
 * Writes a copy of the open study for another coder: the same rows with the same IDs, optionally
 * without the other coders' codings and memos (blind), plus the hand-out record and base a merge needs.
 */
export function makeCoderCopy(session: ProjectSession, options: CoderCopyOptions): CoderCopyResult {
  const target = canonicalPath(options.target);
  if (target === session.file.path) throw new AppError('BAD_REQUEST', 'Choose a different file name: the copy cannot replace the study itself.');
  assertNewProjectTarget(target);
  const coder = options.coderId ? getCoder(session.db, options.coderId) : null;
  if (coder?.role === 'consensus') throw new AppError('BAD_REQUEST', 'The consensus is not a person: choose the coder who will code in the copy.');
  const madeBy = session.currentCoderId ? getCoder(session.db, session.currentCoderId).name : null;
  const origin: CopyOrigin = {
    copyId: randomUUID(),
    projectId: projectRow(session.db).id,
    coderId: coder?.id ?? null,
    coderName: coder?.name ?? null,
    madeAt: new Date().toISOString(),
    madeBy,
    sourcePath: session.file.path,
    includeOthersCodings: options.includeOthersCodings,
  };

  fs.mkdirSync(path.dirname(target), { recursive: true });
  const temp = `${target}.copying-${process.pid}`;
  let copy: Database.Database | null = null;
  try {
    session.db.exec(`VACUUM INTO '${temp.replace(/'/g, "''")}'`);
    copy = new Database(temp);
    copy.pragma('foreign_keys = ON');
    // What a blind copy leaves out must not linger in the file's free pages for anyone to read.
    copy.pragma('secure_delete = ON');
    const counts = prepareCopy(copy, origin);
    copy.close();
    copy = null;
    publishNew(temp, target);
    const documentIds = session.db.prepare(`SELECT id FROM documents`).pluck().all() as string[];
    appendToList<Handout>(session.db, HANDOUTS_KEY, { copyId: origin.copyId, path: target, coderName: origin.coderName, madeAt: origin.madeAt, coderId: origin.coderId, documentIds });
    return { path: target, copyId: origin.copyId, coderId: origin.coderId, coderName: origin.coderName, ...counts };
  } catch (err) {
    copy?.close();
    fs.rmSync(temp, { force: true });
    if (err instanceof AppError) throw err;
    if ((err as { code?: string }).code === 'EEXIST') {
      throw new AppError('PROJECT_EXISTS', `A file named “${path.basename(target)}” already exists there. Choose another name for the coder copy.`);
    }
    throw translateSqliteError(err, target);
  }
}

function prepareCopy(
  db: Database.Database,
  origin: CopyOrigin,
): { codingsIncluded: number; codingsLeftOut: number; memosLeftOut: number; journalEntriesLeftOut: number } {
  return db.transaction(() => {
    let left = 0;
    let memosLeft = 0;
    let journalLeft = 0;
    if (!origin.includeOthersCodings) {
      // Blind: the other coders' codings, the consensus and the decisions would all show their work,
      // and the audit log holds every coding's before and after, so it starts afresh in the copy.
      left = db.prepare(`DELETE FROM codings WHERE coder_id IS NOT @coder`).run({ coder: origin.coderId }).changes;
      db.prepare(`DELETE FROM resolutions`).run();
      memosLeft = db.prepare(`DELETE FROM memos WHERE target_type = 'coding' AND target_id NOT IN (SELECT id FROM codings)`).run().changes;
      // Other people's memos on units, codes, documents and participants show how they read the data;
      // project memos (aims, analytic decisions) are what every coder works from, so they stay.
      memosLeft += db.prepare(`DELETE FROM memos WHERE author_id IS NOT NULL AND author_id IS NOT @coder AND target_type <> 'project'`).run({ coder: origin.coderId }).changes;
      // A reflexive journal is its author's reading of the data too.
      journalLeft = db.prepare(`DELETE FROM journal_entries WHERE author_id IS NOT NULL AND author_id IS NOT @coder`).run({ coder: origin.coderId }).changes;
      // Condensations belong to the unit, not to a coder: whoever wrote them, they show a reading of the data.
      // The base below records them blank, so a merge keeps the study's own and files the copy's in a memo.
      db.prepare(`UPDATE meaning_units SET condensed = '', interpretive = '' WHERE condensed <> '' OR interpretive <> ''`).run();
      db.prepare(`INSERT INTO fts_units (fts_units) VALUES ('optimize')`).run();
      // The search index keeps deleted words in its segments until they are merged.
      db.prepare(`INSERT INTO fts_memos (fts_memos) VALUES ('optimize')`).run();
      db.prepare(`INSERT INTO fts_journal (fts_journal) VALUES ('optimize')`).run();
      db.prepare(`DELETE FROM audit_changes`).run();
      db.prepare(`DELETE FROM audit_steps`).run();
    }
    // Undo in the copy takes back only what its coder did there, never the lead's steps before the hand-out.
    db.prepare(`DELETE FROM undo_stack`).run();
    for (const key of [HANDOUTS_KEY, MERGES_KEY, 'last_document', 'last_unit']) writeSetting(db, key, null);
    writeSetting(db, 'current_coder', origin.coderId);
    writeSetting(db, ORIGIN_KEY, JSON.stringify(origin));
    writeSetting(db, BASE_KEY, encodeSnapshot(snapshotOf(db)));
    const included = db.prepare(`SELECT count(*) FROM codings`).pluck().get() as number;
    return { codingsIncluded: included, codingsLeftOut: left, memosLeftOut: memosLeft, journalEntriesLeftOut: journalLeft };
  })();
}
