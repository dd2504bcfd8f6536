import type { importMethods } from '../../../shared/api/methods/import';
import type { HandlerMap } from '../handler-types';
import { commitExtraction, previewCacheFor, previewSources } from '../import/import-service';

export const importHandlers: HandlerMap<keyof typeof importMethods> = {
  'import.preview': async ({ sources, ...options }, { app, project }) => ({
    files: await previewSources(project.db, previewCacheFor(app), sources, options),
  }),
  'import.commit': ({ previewId, ...options }, ctx) => {
    const cache = previewCacheFor(ctx.app);
    const extraction = cache.get(previewId);
    const result = commitExtraction(ctx.project.db, extraction, { ...options, coderId: ctx.project.currentCoderId }, (summary, work) => ctx.write(summary, work));
    cache.drop(previewId);
    return result;
  },
};
