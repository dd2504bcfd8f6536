import type { savedSearchMethods } from '../../../shared/api/methods/saved-searches';
import { SEARCH_KINDS } from '../../../shared/api/methods/search';
import type { HandlerMap } from '../handler-types';
import { deleteSavedSearch, getSavedSearch, insertSavedSearch, listSavedSearches, renameSavedSearch, requireFreeName } from '../repos/saved-searches-repo';
import { searchAll } from '../repos/search-repo';
import { ftsQuery } from './search-handlers';

export const savedSearchHandlers: HandlerMap<keyof typeof savedSearchMethods> = {
  'savedSearches.list': (_p, { project }) => listSavedSearches(project.db),
  'savedSearches.save': ({ name, query, kinds, documentIds }, ctx) => {
    const { db } = ctx.project;
    ftsQuery(query);
    requireFreeName(db, name, null);
    const id = ctx.write(`Save the search “${name}”`, () => insertSavedSearch(db, { name, query, kinds, documentIds }));
    return getSavedSearch(db, id);
  },
  'savedSearches.rename': ({ id, name }, ctx) => {
    const { db } = ctx.project;
    const before = getSavedSearch(db, id);
    requireFreeName(db, name, id);
    ctx.write(`Rename the saved search “${before.name}” to “${name}”`, () => renameSavedSearch(db, id, name));
    return getSavedSearch(db, id);
  },
  'savedSearches.delete': ({ id }, ctx) => {
    const { db } = ctx.project;
    const search = getSavedSearch(db, id);
    return { deleted: ctx.write(`Delete the saved search “${search.name}”`, () => deleteSavedSearch(db, id)) };
  },
  'savedSearches.run': ({ id, limit }, { project }) => {
    const search = getSavedSearch(project.db, id);
    const kinds = search.kinds.length > 0 ? search.kinds : SEARCH_KINDS;
    const found = searchAll(project.db, { ftsQuery: ftsQuery(search.query), kinds, documentIds: search.documentIds ?? undefined, limit });
    return { search, ...found };
  },
};
