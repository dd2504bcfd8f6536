import { z } from 'zod';
import { DocumentGroup, DocumentSummary, Id, Turn } from '../entities';
import { command } from '../method';
import { DocumentFields } from './import';

const GroupName = z.string().trim().min(1).max(200);

export const documentMethods = {
  'documents.update': command('Changes a document’s title, kind, session details, notes or group', DocumentFields.extend({ id: Id }), DocumentSummary),
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
} as const;
