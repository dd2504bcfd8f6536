import type { searchMethods } from '../../../shared/api/methods/search';
import { SEARCH_KINDS } from '../../../shared/api/methods/search';
import { AppError } from '../../../shared/api/errors';
import { toFtsQuery } from '../../../shared/domain/search-query';
import type { HandlerMap } from '../handler-types';
import { applyToSpan, applyToUnits, requireCodes } from '../repos/codings-repo';
import { allTextHits, searchAll } from '../repos/search-repo';

export function ftsQuery(text: string): string {
  const q = toFtsQuery(text);
  if (!q) throw new AppError('BAD_REQUEST', 'Type at least one word (letters or digits) to search for.');
  return q;
}

export const searchHandlers: HandlerMap<keyof typeof searchMethods> = {
  'search.query': ({ query, kinds, documentIds, limit }, { project }) =>
    searchAll(project.db, { ftsQuery: ftsQuery(query), kinds: kinds ?? SEARCH_KINDS, documentIds, limit }),
  'search.autocode': ({ query, codeIds, target, documentIds }, ctx) => {
    const { db } = ctx.project;
    const coderId = ctx.project.requireCoder();
    requireCodes(db, codeIds);
    const q = ftsQuery(query);
    const found = allTextHits(db, q, documentIds);
    if (found.hits.length === 0) throw new AppError('NOT_FOUND', `Nothing in the documents matches “${query}”, so there is nothing to code.`);
    const where = target === 'units' ? `${found.units.size} unit${found.units.size === 1 ? '' : 's'}` : `${found.hits.length} passage${found.hits.length === 1 ? '' : 's'}`;
    return ctx.write(`Autocode “${query}”: ${where}`, () => {
      let added = 0;
      let unchanged = 0;
      if (target === 'units') {
        const r = applyToUnits(db, [...found.units].map(([id, documentId]) => ({ id, documentId })), codeIds, coderId);
        added = r.added.length;
        unchanged = r.unchanged;
      } else {
        for (const h of found.hits) {
          const r = applyToSpan(db, h.documentId, h.start, h.end, codeIds, coderId, true);
          added += r.added.length;
          unchanged += r.unchanged;
        }
      }
      return { hits: found.hits.length, units: found.units.size, added, unchanged };
    });
  },
};
