import { z } from 'zod';
import { DocumentGroup, DocumentSummary, Id, Offset, Turn } from '../entities';
import { command } from '../method';
import { DocumentFields } from './import';

/** What a repair did: the turn it leaves the caret in, and meaning units it split or removed (units removed had nothing on them). */
const TurnRepair = z.object({ documentId: Id, turnId: Id, unitsSplit: z.number(), unitsRemoved: z.number() });

const GroupName = z.string().trim().min(1).max(200);

/** A reference number as the author's reference list prints it ("45", "12a"); empty or null clears it. */
const Reference = z.string().trim().max(40).nullable();

export const documentMethods = {
  'documents.update': command(
    'Changes a document’s title, kind, session details, notes, group or reference number',
    DocumentFields.extend({ id: Id, reference: Reference.optional() }),
    DocumentSummary,
  ),
  'documents.numberByOrder': command(
    'Gives the documents without a reference number the next numbers, in the order of the document list (after the highest number already set)',
    z.object({}),
    z.object({ numbered: z.number().int() }),
  ),
  'documents.delete': command(
    'Removes a document with its turns, meaning units and codings',
    z.object({ id: Id }),
    z.object({ deleted: z.boolean(), units: z.number(), codings: z.number() }),
  ),
  'documentGroups.create': command('Makes a document group', z.object({ name: GroupName }), DocumentGroup),
  'documentGroups.rename': command('Renames a document group', z.object({ id: Id, name: GroupName }), DocumentGroup),
  'documentGroups.delete': command(
    'Removes a document group; its documents stay, ungrouped',
    z.object({ id: Id }),
    z.object({ deleted: z.boolean(), documents: z.number() }),
  ),
  'turns.update': command(
    'Changes who speaks in turns (the participant) or whether they are a facilitator’s',
    z.object({ turnIds: z.array(Id).min(1).max(50_000), participantId: Id.nullable().optional(), isFacilitator: z.boolean().optional() }),
    z.array(Turn),
  ),
  // Repairs of the transcript (#19): each is one undo step; everything anchored in the text moves with its words.
  'turns.editText': command(
    'Corrects the words of a turn (a mistyped word); units, codings and decisions stay on their words',
    z.object({ turnId: Id, text: z.string().max(40_000_000) }),
    TurnRepair,
  ),
  'turns.split': command(
    'Splits a turn at the caret; the words after it become a turn of their own, spoken by the participant given (null: the same speaker) or by a new participant of that label',
    z.object({ turnId: Id, at: Offset, participantId: Id.nullable(), newSpeaker: z.string().trim().min(1).max(200).optional() }),
    TurnRepair,
  ),
  'turns.mergeWithNext': command('Merges a turn with the next one, under the first one’s speaker', z.object({ turnId: Id }), TurnRepair),
  'turns.markNotSpeech': command(
    'Marks a line of a turn (start–end) or the whole turn as not speech (a title, a note, a stage direction), or as speech again',
    z.object({ turnId: Id, start: Offset.optional(), end: Offset.optional(), notSpeech: z.boolean().default(true) }),
    TurnRepair,
  ),
} as const;
