import type { Coder } from '../../../shared/api/entities';
import type { exchangeMethods } from '../../../shared/api/methods/exchange';
import { AppError } from '../../../shared/api/errors';
import { makeCoderCopy, type Handout } from '../exchange/coder-copy';
import { mergeReturnedCopy, readReturnedCopy, type Merged } from '../exchange/merge';
import { HANDOUTS_KEY, MERGES_KEY, readList, readOrigin } from '../exchange/snapshot';
import type { HandlerMap } from '../handler-types';
import { getCoder } from '../repos/coders-repo';
import { stmt } from '../store/statements';
import { PROJECT_EXTENSION } from '../store/project-file';

function withExtension(p: string): string {
  return p.toLowerCase().endsWith(PROJECT_EXTENSION) ? p : `${p}${PROJECT_EXTENSION}`;
}

export const exchangeHandlers: HandlerMap<keyof typeof exchangeMethods> = {
  'exchange.makeCoderCopy': ({ path, coderId, includeOthersCodings }, { app, project }) =>
    makeCoderCopy(project, { target: withExtension(app.resolveProjectPath(path)), coderId: coderId ?? null, includeOthersCodings }),
  'exchange.merge': ({ path }, ctx) => {
    const returned = readReturnedCopy(ctx.app.resolveProjectPath(path), ctx.project.file.path);
    const who = returned.origin?.coderName ? `${returned.origin.coderName}’s copy` : 'a returned copy';
    // Long work: it tells how far it is, and a cancel rolls the whole merge back.
    return ctx.app.tasks.run('exchange.merge', 'The merge was cancelled. Nothing was merged.', (step) =>
      ctx.writeAsync(
        (r) => `Merge ${who}${r.conflicts.length ? ` (${r.conflicts.length} conflict${r.conflicts.length === 1 ? '' : 's'})` : ''}`,
        () => mergeReturnedCopy(ctx.project.db, returned, ctx.project.currentCoderId, step),
      ),
    );
  },
  'exchange.info': (_p, { project }) => ({
    copy: readOrigin(project.db),
    handouts: readList<Handout>(project.db, HANDOUTS_KEY),
    merges: readList<Merged>(project.db, MERGES_KEY),
  }),
  'coders.update': ({ id, name, initials, colour, role }, ctx) => {
    const db = ctx.project.db;
    const before = getCoder(db, id);
    if (before.role === 'consensus') throw new AppError('BAD_REQUEST', 'The consensus pseudo-coder is made by the resolutions and cannot be edited.');
    const after: Coder = {
      ...before,
      name: name ?? before.name,
      initials: (initials ?? before.initials).toUpperCase(),
      colour: colour ?? before.colour,
      role: role ?? before.role,
    };
    ctx.write(`Change coder ${after.name}`, () => {
      stmt(db, `UPDATE coders SET name = ?, initials = ?, colour = ?, role = ? WHERE id = ?`).run(after.name, after.initials, after.colour, after.role, id);
    });
    return after;
  },
};
