import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/api/errors';
import type { ParsedAnalysisFilter } from '../../../shared/api/methods/analysis';
import { type CoderContext, NO_CODER_CONTEXT, resolveCoders } from './coder-choice';
import { loadCodedRows } from './coded-rows';
import { loadCodebookIndex } from './codebook-index';

/**
 * The meaning units a node's frequency counts: units carrying the node or any code beneath it,
 * by the coders and in the documents and speakers the filter keeps, in unit order.
 */
export function unitsUnderNode(db: Database.Database, nodeId: string, filter: ParsedAnalysisFilter, ctx: CoderContext = NO_CODER_CONTEXT): string[] {
  const codebook = loadCodebookIndex(db);
  if (!codebook.position.has(nodeId)) throw new AppError('NOT_FOUND', 'That node is not in the codebook any more; reopen the analysis to see the current codebook.');
  const rows = loadCodedRows(db, filter, resolveCoders(db, filter.coder, ctx));
  const under = rows.codeIds.map((id) => codebook.selfAndAncestors(id).includes(nodeId));
  const units = new Set<number>();
  for (let i = 0; i < rows.length; i++) if (rows.unit[i] >= 0 && under[rows.code[i]]) units.add(rows.unit[i]);
  return [...units].sort((a, b) => a - b).map((u) => rows.study.unitIds[u]);
}
