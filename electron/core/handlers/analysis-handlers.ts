import type { analysisMethods } from '../../../shared/api/methods/analysis';
import type { CoderContext } from '../analysis/coder-choice';
import { computeCooccurrence } from '../analysis/cooccurrence';
import { exportCooccurrence } from '../analysis/cooccurrence-export';
import { computeFrequencies, computeSources } from '../analysis/frequencies';
import { computeMatrix } from '../analysis/matrix';
import { exportMatrix } from '../analysis/matrix-export';
import { unitsUnderNode } from '../analysis/node-units';
import { listPassages } from '../analysis/passages';
import { describeThemeChange, nameHistory, resetPositions, savePositions, thematicMap, updateTheme } from '../analysis/thematic-map';
import type { HandlerMap } from '../handler-types';
import { getNode } from '../repos/codebook-repo';
import type { ProjectSession } from '../session';

function viewer(s: ProjectSession): CoderContext {
  return { currentCoderId: s.currentCoderId, blindCoderId: s.visibleCoderId };
}

export const analysisHandlers: HandlerMap<keyof typeof analysisMethods> = {
  'analysis.frequencies': (p, { project }) => computeFrequencies(project.db, p, viewer(project)),
  'analysis.sources': (p, { project }) => computeSources(project.db, p, viewer(project)),
  'analysis.matrix': (p, { project }) => computeMatrix(project.db, p, viewer(project)),
  'analysis.exportMatrix': ({ display, format, path, overwrite, ...options }, { app, project }) =>
    exportMatrix(computeMatrix(project.db, options, viewer(project)), options.level, display, format, path ? app.resolveProjectPath(path) : undefined, { overwrite }),
  'analysis.cooccurrence': (p, { project }) => computeCooccurrence(project.db, p, viewer(project)),
  'analysis.exportCooccurrence': ({ format, path, overwrite, ...options }, { app, project }) =>
    exportCooccurrence(computeCooccurrence(project.db, options, viewer(project)), options.level, format, path ? app.resolveProjectPath(path) : undefined, { overwrite }),
  'analysis.passages': ({ unitIds, ranges, node }, { project }) =>
    listPassages(project.db, node ? [...unitIds, ...unitsUnderNode(project.db, node.nodeId, node.filter, viewer(project))] : unitIds, ranges),
  'analysis.map': (p, { project }) => thematicMap(project.db, p, viewer(project)),
  'analysis.savePositions': ({ positions }, ctx) =>
    ctx.write(
      positions.length === 1 ? 'Move a node on the thematic map' : `Arrange ${positions.length} nodes on the thematic map`,
      () => ({ saved: savePositions(ctx.project.db, positions) }),
    ),
  'analysis.resetPositions': ({ ids }, ctx) => ctx.write('Lay out the thematic map again', () => ({ removed: resetPositions(ctx.project.db, ids) })),
  'analysis.updateTheme': ({ id, ...changes }, ctx) => {
    const db = ctx.project.db;
    const summary = describeThemeChange(db, id, changes);
    ctx.write(summary, () => updateTheme(db, id, changes));
    return getNode(db, id, ctx.project.visibleCoderId);
  },
  'analysis.nameHistory': ({ nodeId }, { project }) => nameHistory(project.db, nodeId),
};
