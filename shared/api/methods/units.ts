import { z } from 'zod';
import { Id, MeaningUnit, Offset } from '../entities';
import { command, query } from '../method';
import { SegmentChoice } from './import';

const SegmentParams = z.object({
  documentId: Id,
  mode: SegmentChoice,
  unitsInFacilitatorTurns: z.boolean().default(false),
});

/** What re-segmenting would do to a document's units and codings. */
export const SegmentPlan = z.object({
  units: z.number(),
  /** Units whose range survives unchanged: they keep their condensation and codings. */
  unitsKept: z.number(),
  codings: z.number(),
  codingsKept: z.number(),
  codingsDropped: z.number(),
  condensationsDropped: z.number(),
});
export type SegmentPlan = z.infer<typeof SegmentPlan>;

export const unitMethods = {
  'units.planSegment': query('Says what re-segmenting a document would keep and drop, without doing it', SegmentParams, SegmentPlan),
  'units.segment': command(
    'Splits a document into meaning units again (by sentence, turn or paragraph, or none); units with the same range keep their codings',
    SegmentParams,
    SegmentPlan,
  ),
  'units.create': command(
    'Makes a meaning unit from a stretch of text (widened to whole words)',
    z.object({ documentId: Id, start: Offset, end: Offset }),
    MeaningUnit,
  ),
  'units.split': command(
    'Splits a meaning unit in two at a word boundary; both halves keep its codings',
    z.object({ unitId: Id, at: Offset }),
    z.object({ first: MeaningUnit, second: MeaningUnit }),
  ),
  'units.merge': command(
    'Merges a meaning unit with the next one in the document',
    z.object({ unitId: Id }),
    MeaningUnit,
  ),
  'units.resize': command(
    'Moves a meaning unit’s boundaries (snapped to word boundaries)',
    z.object({ unitId: Id, start: Offset, end: Offset }),
    MeaningUnit,
  ),
  'units.delete': command('Removes meaning units with their codings; the text stays', z.object({ unitIds: z.array(Id).min(1).max(50_000) }), z.object({ deleted: z.number() })),
} as const;
