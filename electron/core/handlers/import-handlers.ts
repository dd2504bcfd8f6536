import type { importMethods } from '../../../shared/api/methods/import';
import type { HandlerMap } from '../handler-types';
import type { StoreResult } from '../import/store-transcript';
import { commitExtractionAside, previewCacheFor, previewSources } from '../import/import-service';

export const importHandlers: HandlerMap<keyof typeof importMethods> = {
  'import.preview': async ({ sources, ...options }, { app, project }) => ({
    files: await previewSources(project.db, previewCacheFor(app), sources, options),
  }),
  // A long transcript's meaning units are worked out beside the other calls; only the write waits its turn.
  'import.commit': async ({ previewId, ...options }, ctx) => {
    const cache = previewCacheFor(ctx.app);
    const extraction = cache.get(previewId);
    const result = await commitExtractionAside(
      () => ctx.project.db,
      extraction,
      { ...options, coderId: ctx.project.currentCoderId },
      (work) => ctx.beside(work),
      (summary, work) => ctx.write<StoreResult>(summary, work),
    );
    cache.drop(previewId);
    return result;
  },
};
