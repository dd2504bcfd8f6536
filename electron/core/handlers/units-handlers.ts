import type { unitMethods } from '../../../shared/api/methods/units';
import type { HandlerMap } from '../handler-types';
import { createUnit, deleteUnits, mergeWithNext, planSegment, resizeUnit, segmentDocument, splitUnit } from '../units/units-service';

const MODE_WORDS = { sentence: 'by sentence', turn: 'by turn', paragraph: 'by paragraph', none: 'into no units' } as const;

export const unitHandlers: HandlerMap<keyof typeof unitMethods> = {
  'units.planSegment': ({ documentId, mode, unitsInFacilitatorTurns }, { project }) =>
    planSegment(project.db, documentId, mode, unitsInFacilitatorTurns),
  'units.segment': ({ documentId, mode, unitsInFacilitatorTurns }, ctx) =>
    ctx.write(
      (plan) => `Segment a document ${MODE_WORDS[mode]} (${plan.units} units, ${plan.codingsDropped} codings dropped)`,
      () => segmentDocument(ctx.project.db, documentId, mode, unitsInFacilitatorTurns),
    ),
  'units.create': ({ documentId, start, end }, ctx) => ctx.write('Make a meaning unit', () => createUnit(ctx.project.db, documentId, start, end)),
  'units.split': ({ unitId, at }, ctx) => ctx.write('Split a meaning unit', () => splitUnit(ctx.project.db, unitId, at)),
  'units.merge': ({ unitId }, ctx) => ctx.write('Merge two meaning units', () => mergeWithNext(ctx.project.db, unitId)),
  'units.resize': ({ unitId, start, end }, ctx) => ctx.write('Move a meaning unit’s boundary', () => resizeUnit(ctx.project.db, unitId, start, end)),
  'units.delete': ({ unitIds }, ctx) =>
    ctx.write(
      (r) => `Remove ${r.deleted === 1 ? 'a meaning unit' : `${r.deleted} meaning units`}`,
      () => ({ deleted: deleteUnits(ctx.project.db, unitIds) }),
    ),
};
