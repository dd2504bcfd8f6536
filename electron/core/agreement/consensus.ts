import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { Coding } from '../../../shared/api/entities';
import type { CoderView, Resolution } from '../../../shared/api/methods/agreement';
import { AppError } from '../../../shared/api/errors';
import { mergeSpans } from '../../../shared/domain/agreement';
import { insertCoder } from '../repos/coders-repo';
import { nowIso, stmt } from '../store/statements';
import type { DiscrepancyCore, PairComparison, SpanRef } from './discrepancies';

// The consensus is a coding like any other, by a pseudo-coder with the role 'consensus': reports,
// exports and the abstraction table read it with the same queries as a person's codings, while
// the coders' own codings stay untouched for the agreement figures.

export const CONSENSUS_NAME = 'Consensus';

export function findConsensusCoder(db: Database.Database): string | null {
  return (stmt(db, `SELECT id FROM coders WHERE role = 'consensus' ORDER BY created_at LIMIT 1`).pluck().get() as string | undefined) ?? null;
}

export function ensureConsensusCoder(db: Database.Database): string {
  return findConsensusCoder(db) ?? insertCoder(db, { name: CONSENSUS_NAME, initials: 'CON', colour: '#495057', role: 'consensus' }).id;
}

/** What the consensus holds on a unit: agreed codes, plus what the latest decision keeps. */
export function consensusCodesFor(core: DiscrepancyCore, decision: Resolution | undefined, coderAId: string): string[] {
  if (!decision) return [...core.common];
  const storedAIsA = decision.coderAId === null || decision.coderAId === coderAId;
  const first = storedAIsA ? core.codesA : core.codesB;
  const second = storedAIsA ? core.codesB : core.codesA;
  const other = decision.otherCodeId ? [decision.otherCodeId] : [];
  switch (decision.decision) {
    case 'keep-a':
      return [...first];
    case 'keep-b':
      return [...second];
    case 'keep-both':
      return [...new Set([...core.codesA, ...core.codesB])];
    case 'neither':
      return [...core.common];
    case 'other-code':
    case 'change-codebook':
      return [...new Set([...core.common, ...other])];
  }
}

/** The spans the consensus holds for a cluster of differing spans. */
export function consensusSpansFor(core: DiscrepancyCore, decision: Resolution | undefined, coderAId: string): SpanRef[] {
  if (!decision) return [];
  const storedAIsA = decision.coderAId === null || decision.coderAId === coderAId;
  const first = storedAIsA ? core.spansA : core.spansB;
  const second = storedAIsA ? core.spansB : core.spansA;
  const extent = (codeId: string): SpanRef[] => [{ codeId, start: core.start, end: core.end }];
  switch (decision.decision) {
    case 'keep-a':
      return [...first];
    case 'keep-b':
      return [...second];
    case 'keep-both':
      return mergedByCode([...core.spansA, ...core.spansB]);
    case 'neither':
      return [];
    case 'other-code':
    case 'change-codebook':
      return decision.otherCodeId ? extent(decision.otherCodeId) : [];
  }
}

function mergedByCode(spans: readonly SpanRef[]): SpanRef[] {
  const byCode = new Map<string, SpanRef[]>();
  for (const s of spans) byCode.set(s.codeId, [...(byCode.get(s.codeId) ?? []), s]);
  return [...byCode].flatMap(([codeId, list]) => mergeSpans(list).map((m) => ({ codeId, start: m.start, end: m.end })));
}

/** Where a rebuild looks: everything of the pair, one unit, or one stretch of a document (a span discrepancy). */
export type ConsensusScope = { readonly unitId: string } | { readonly documentId: string; readonly start: number; readonly end: number } | null;

interface Target {
  readonly documentId: string;
  readonly unitId: string | null;
  readonly codeId: string;
  readonly start: number | null;
  readonly end: number | null;
}

/**
 * Makes the consensus codings of the pair's documents (or of one unit or stretch) match agreement
 * plus decisions: adds what is missing, removes what no longer belongs. Runs inside the caller's
 * recorded step.
 */
export function rebuildConsensus(
  db: Database.Database,
  cmp: PairComparison,
  decisions: ReadonlyMap<string, readonly Resolution[]>,
  scope: ConsensusScope = null,
): { consensusCoderId: string; added: number; removed: number } {
  const consensusId = ensureConsensusCoder(db);
  const inUnit = (unitId: string) => !scope || ('unitId' in scope && scope.unitId === unitId);
  const inStretch = (documentId: string, start: number, end: number) =>
    !scope || ('documentId' in scope && scope.documentId === documentId && start < scope.end && end > scope.start);
  const target = new Map<string, Target>();
  const byUnit = new Map(cmp.discrepancies.filter((d) => d.unitId).map((d) => [d.unitId!, d] as const));
  for (const u of cmp.units) {
    if (!inUnit(u.id)) continue;
    const core = byUnit.get(u.id);
    const codes = core ? consensusCodesFor(core, latest(decisions, core.key), cmp.coderA.id) : [...cmp.unitCodes.get(u.id)!.a];
    for (const codeId of codes) target.set(`u|${u.id}|${codeId}`, { documentId: u.documentId, unitId: u.id, codeId, start: null, end: null });
  }
  const addSpan = (documentId: string, s: SpanRef) => {
    if (inStretch(documentId, s.start, s.end)) target.set(`s|${documentId}|${s.codeId}|${s.start}|${s.end}`, { documentId, unitId: null, codeId: s.codeId, start: s.start, end: s.end });
  };
  for (const [documentId, spans] of cmp.agreedSpans) for (const s of spans) addSpan(documentId, s);
  for (const core of cmp.discrepancies) {
    if (core.unitId || !inStretch(core.documentId, core.start, core.end)) continue;
    for (const s of consensusSpansFor(core, latest(decisions, core.key), cmp.coderA.id)) addSpan(core.documentId, s);
  }

  const inScope = new Set(cmp.documents.map((d) => d.id));
  const existing = (
    stmt(db, `SELECT id, document_id AS documentId, unit_id AS unitId, code_id AS codeId, start, "end" FROM codings WHERE coder_id = ?`).all(consensusId) as (Target & { id: string })[]
  ).filter((c) => inScope.has(c.documentId) && (c.unitId ? inUnit(c.unitId) : inStretch(c.documentId, c.start!, c.end!)));
  let removed = 0;
  for (const c of existing) {
    const key = c.unitId ? `u|${c.unitId}|${c.codeId}` : `s|${c.documentId}|${c.codeId}|${c.start}|${c.end}`;
    if (target.delete(key)) continue;
    stmt(db, `DELETE FROM codings WHERE id = ?`).run(c.id);
    removed += 1;
  }
  const now = nowIso();
  const insert = stmt(db, `INSERT INTO codings (id, code_id, coder_id, document_id, unit_id, start, "end", created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  for (const t of target.values()) insert.run(randomUUID(), t.codeId, consensusId, t.documentId, t.unitId, t.start, t.end, now);
  return { consensusCoderId: consensusId, added: target.size, removed };
}

function latest(decisions: ReadonlyMap<string, readonly Resolution[]>, key: string): Resolution | undefined {
  const list = decisions.get(key);
  return list?.[list.length - 1];
}

/** Codings as one view shows them. In blind mode only the current coder's own. */
export function codingsForView(db: Database.Database, view: CoderView, documentId: string | undefined, blindCoderId: string | null): { coderId: string | null; codings: Coding[] } {
  let coderId: string | null;
  if (blindCoderId !== null) {
    if (view !== 'all' && view !== blindCoderId) {
      throw new AppError('BLIND_CODING', 'Blind coding is on: you see only your own codings until the comparison is opened (Compare tab).');
    }
    coderId = blindCoderId;
  } else if (view === 'consensus') {
    coderId = findConsensusCoder(db);
    if (!coderId) return { coderId: null, codings: [] };
  } else {
    coderId = view === 'all' ? null : view;
  }
  const where = [documentId ? 'document_id = @doc' : '1', coderId ? 'coder_id = @coder' : `coder_id NOT IN (SELECT id FROM coders WHERE role = 'consensus')`].join(' AND ');
  const codings = stmt(
    db,
    `SELECT id, code_id AS codeId, coder_id AS coderId, document_id AS documentId, unit_id AS unitId, start, "end" FROM codings WHERE ${where} ORDER BY created_at, id`,
  ).all({ ...(documentId ? { doc: documentId } : {}), ...(coderId ? { coder: coderId } : {}) }) as Coding[];
  return { coderId, codings };
}
