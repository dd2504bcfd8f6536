import type Database from 'better-sqlite3';
import type { CoderChoice } from '../../../shared/api/methods/analysis';
import { AppError } from '../../../shared/api/errors';
import { stmt } from '../store/statements';

/** Who is looking: the current coder, and in blind mode the only coder whose codings they may see. */
export interface CoderContext {
  readonly currentCoderId: string | null;
  readonly blindCoderId: string | null;
}

export const NO_CODER_CONTEXT: CoderContext = { currentCoderId: null, blindCoderId: null };

export interface ResolvedCoders {
  readonly ids: readonly string[];
  /** In words, for table notes and exports: "Consensus coding", "All coders (2)". */
  readonly label: string;
}

function coderName(db: Database.Database, id: string): string {
  const name = stmt(db, `SELECT name FROM coders WHERE id = ?`).pluck().get(id) as string | undefined;
  if (name === undefined) throw new AppError('NOT_FOUND', 'That coder is not part of this project.');
  return name;
}

/** Turns a coder choice into coder ids. Blind coding always narrows to the coder's own codings. */
export function resolveCoders(db: Database.Database, choice: CoderChoice, ctx: CoderContext = NO_CODER_CONTEXT): ResolvedCoders {
  if (ctx.blindCoderId) return { ids: [ctx.blindCoderId], label: `${coderName(db, ctx.blindCoderId)} (blind coding: only your codings)` };
  if (choice === 'current') {
    if (!ctx.currentCoderId) throw new AppError('CONFLICT', 'Choose who is coding first (click the coder in the status bar), or pick a coder for the analysis.');
    return { ids: [ctx.currentCoderId], label: coderName(db, ctx.currentCoderId) };
  }
  if (choice === 'consensus') {
    const ids = stmt(db, `SELECT id FROM coders WHERE role = 'consensus' ORDER BY created_at`).pluck().all() as string[];
    return { ids, label: ids.length ? 'Consensus coding' : 'Consensus coding (none yet: resolve the discrepancies first)' };
  }
  if (choice === 'all') {
    const ids = stmt(db, `SELECT id FROM coders WHERE role <> 'consensus' ORDER BY created_at`).pluck().all() as string[];
    return { ids, label: `All coders (${ids.length})` };
  }
  return { ids: [choice], label: coderName(db, choice) };
}
