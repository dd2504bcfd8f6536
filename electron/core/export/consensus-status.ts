import type Database from 'better-sqlite3';
import { comparePair, resolutionsByKey } from '../agreement/discrepancies';
import { listCoders } from '../repos/coders-repo';
import { stmt } from '../store/statements';

/** How far the resolver has come with one pair's discrepancies. */
export interface ConsensusStatus {
  readonly coderAId: string;
  readonly coderBId: string;
  readonly resolved: number;
  readonly total: number;
  /** At least one decision is recorded: a consensus is under way. */
  readonly started: boolean;
}

/**
 * The pair the resolver works on (that of the latest decision, else the first two people who coded)
 * and how many of its discrepancies have a decision; null with fewer than two coders.
 */
export function consensusStatus(db: Database.Database): ConsensusStatus | null {
  const latest = stmt(db, `SELECT coder_a_id AS a, coder_b_id AS b FROM resolutions WHERE coder_a_id IS NOT NULL AND coder_b_id IS NOT NULL ORDER BY decided_at DESC, rowid DESC LIMIT 1`).get() as
    | { a: string; b: string }
    | undefined;
  let pair: [string, string] | null = latest ? [latest.a, latest.b] : null;
  if (!pair) {
    const coded = new Set(stmt(db, `SELECT DISTINCT coder_id FROM codings`).pluck().all() as string[]);
    const people = listCoders(db).filter((c) => c.role !== 'consensus' && coded.has(c.id));
    if (people.length < 2) return null;
    pair = [people[0].id, people[1].id];
  }
  const cmp = comparePair(db, pair[0], pair[1]);
  const decisions = resolutionsByKey(db, pair[0], pair[1]);
  const resolved = cmp.discrepancies.filter((d) => decisions.has(d.key)).length;
  return { coderAId: pair[0], coderBId: pair[1], resolved, total: cmp.discrepancies.length, started: latest !== undefined };
}
