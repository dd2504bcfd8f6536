import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/api/errors';
import { plural } from '../../../shared/domain/agreement';
import type { Handout } from '../exchange/coder-copy';
import { HANDOUTS_KEY, readList } from '../exchange/snapshot';
import { stmt } from '../store/statements';

// Which documents a comparison covers. A coder was "given" a document when their copy held it (the
// hand-out record) or, without a record, when it is in the project; a document given to a coder who
// coded nothing in it still counts, as "no code" on every unit, never as a silent exclusion.

export type DocumentScope = 'auto' | 'all' | 'handed-out';

export interface ScopeCoder {
  readonly id: string;
  readonly name: string;
}

export interface ScopeDocument {
  readonly id: string;
  readonly title: string;
}

export interface ScopeRequest {
  readonly documents: DocumentScope;
  readonly documentIds?: readonly string[];
}

export interface ResolvedScope {
  readonly source: 'all' | 'handed-out' | 'picked';
  /** Documents compared, in navigator order: given to both coders (two) or to two or more (many). */
  readonly documentIds: readonly string[];
  /** Per coder (same order as asked): the compared documents that coder was given. */
  readonly given: readonly ReadonlySet<string>[];
  /** What was guessed or left out, in sentences. */
  readonly warnings: readonly string[];
}

interface HandoutRecord extends Handout {
  readonly coderId?: string | null;
  readonly documentIds?: readonly string[];
}

/** The documents each coder's copies held, or null for a coder without a hand-out record. */
function handedOut(db: Database.Database, coders: readonly ScopeCoder[], documents: readonly ScopeDocument[]): { sets: (Set<string> | null)[]; inferred: string[] } {
  const records = readList<HandoutRecord>(db, HANDOUTS_KEY);
  const created = new Map(
    (stmt(db, `SELECT id, created_at AS at FROM documents`).all() as { id: string; at: string }[]).map((r) => [r.id, r.at] as const),
  );
  const inferred: string[] = [];
  const sets = coders.map((coder) => {
    const mine = records.filter((r) => (r.coderId ? r.coderId === coder.id : r.coderName === coder.name));
    if (mine.length === 0) return null;
    const set = new Set<string>();
    for (const r of mine) {
      if (r.documentIds) {
        for (const id of r.documentIds) set.add(id);
        continue;
      }
      // Records written before copies listed their documents: a copy held what the study had then.
      if (!inferred.includes(coder.name)) inferred.push(coder.name);
      for (const d of documents) if ((created.get(d.id) ?? '') <= r.madeAt) set.add(d.id);
    }
    return set;
  });
  return { sets, inferred };
}

export function resolveScope(db: Database.Database, coders: readonly ScopeCoder[], documents: readonly ScopeDocument[], request: ScopeRequest): ResolvedScope {
  const known = new Set(documents.map((d) => d.id));
  const warnings: string[] = [];
  let chosen: readonly string[] = documents.map((d) => d.id);
  if (request.documentIds) {
    const missing = request.documentIds.filter((id) => !known.has(id));
    if (missing.length > 0) {
      throw new AppError('NOT_FOUND', `${plural(missing.length, 'chosen document is', 'chosen documents are')} not in this project (deleted, or from another study). Choose the documents again.`);
    }
    const wanted = new Set(request.documentIds);
    chosen = chosen.filter((id) => wanted.has(id));
  }
  const { sets, inferred } = handedOut(db, coders, documents);
  const anyRecord = sets.some((s) => s !== null);
  const useRecords = request.documents === 'handed-out' || (request.documents === 'auto' && anyRecord) || (request.documentIds !== undefined && anyRecord);
  const source = request.documentIds ? 'picked' : useRecords ? 'handed-out' : 'all';
  const given = coders.map((_, k) => new Set(chosen.filter((id) => !useRecords || sets[k] === null || sets[k]!.has(id))));
  if (useRecords) {
    const without = coders.filter((_, k) => sets[k] === null).map((c) => c.name);
    if (without.length > 0) {
      warnings.push(
        `No hand-out record for ${without.join(' and ')}: every ${request.documentIds ? 'chosen ' : ''}document counts as given to ${without.length === 1 ? 'them' : 'each of them'}.`,
      );
    }
    if (inferred.length > 0) {
      warnings.push(`The hand-out record of ${inferred.join(' and ')} does not list its documents; taken to be the documents the study had on the day of the hand-out.`);
    }
  }
  // Two coders: both must have had the document; more: at least two, the others' values missing there.
  const documentIds = chosen.filter((id) => given.filter((g) => g.has(id)).length >= 2);
  const dropped = chosen.length - documentIds.length;
  if (dropped > 0) {
    warnings.push(
      `${plural(dropped, 'document was', 'documents were')} left out because ${coders.length === 2 ? 'only one of the two coders was' : 'fewer than two of the coders were'} given ${dropped === 1 ? 'it' : 'them'}.`,
    );
  }
  const inScope = new Set(documentIds);
  return { source, documentIds, given: given.map((g) => new Set([...g].filter((id) => inScope.has(id)))), warnings };
}

/** Per coder, the compared documents they were given but did not code at all, for the report to list. */
export function uncodedDocuments(
  scope: ResolvedScope,
  coders: readonly ScopeCoder[],
  documents: readonly ScopeDocument[],
  codedDocuments: readonly ReadonlySet<string>[],
): { coderId: string; coderName: string; documents: ScopeDocument[] }[] {
  const titleOf = new Map(documents.map((d) => [d.id, d.title] as const));
  return coders
    .map((c, k) => ({
      coderId: c.id,
      coderName: c.name,
      documents: scope.documentIds.filter((id) => scope.given[k].has(id) && !codedDocuments[k].has(id)).map((id) => ({ id, title: titleOf.get(id) ?? '?' })),
    }))
    .filter((u) => u.documents.length > 0);
}

export const SCOPE_SOURCE_WORDS: Readonly<Record<ResolvedScope['source'], string>> = {
  all: 'every document in the project',
  'handed-out': 'the documents the coders were handed',
  picked: 'the documents you chose',
};
