import { z } from 'zod';
import {
  AuditChange,
  AuditStep,
  Attribute,
  Coder,
  CodebookNode,
  Colour,
  CoderRole,
  DocumentDetail,
  DocumentGroup,
  DocumentSummary,
  HistoryMove,
  HistoryState,
  Id,
  Methodology,
  Participant,
  ProjectSummary,
} from '../entities';
import { command, historyMethod, query } from '../method';

export const projectMethods = {
  'project.get': query('The open project, its settings and counts', z.object({}), ProjectSummary),
  'project.update': command(
    'Changes the project settings',
    z.object({
      title: z.string().trim().min(1).max(300).optional(),
      description: z.string().max(20_000).optional(),
      methodology: Methodology.optional(),
      blind: z.boolean().optional(),
      agreementEnabled: z.boolean().optional(),
      allowMultipleParents: z.boolean().optional(),
      allowUnitsAcrossTurns: z.boolean().optional(),
    }),
    ProjectSummary,
  ),
  'project.backup': query('Writes a verified backup copy now', z.object({}), z.object({ path: z.string() })),
  'project.rememberPlace': query(
    'Remembers where the user is (document and unit), to come back to it on reopening',
    z.object({ documentId: Id.nullable(), unitId: Id.nullable() }),
    z.object({ ok: z.boolean() }),
  ),

  'coders.list': query('Everyone who codes in this project', z.object({}), z.array(Coder)),
  'coders.create': command(
    'Adds a coder identity',
    z.object({ name: z.string().trim().min(1).max(100), initials: z.string().trim().min(1).max(4).optional(), colour: Colour.optional(), role: CoderRole.default('coder') }),
    Coder,
  ),
  'coders.setCurrent': query('Chooses who is coding now', z.object({ coderId: Id }), Coder),

  'documents.list': query('The documents with their progress', z.object({}), z.array(DocumentSummary)),
  'documents.get': query('One document with its text, turns, units and codings', z.object({ id: Id }), DocumentDetail),
  'documentGroups.list': query('Document groups', z.object({}), z.array(DocumentGroup)),

  'participants.list': query('Participants with their attribute values', z.object({}), z.array(Participant)),
  'attributes.list': query('Participant attributes', z.object({}), z.array(Attribute)),

  'codebook.list': query('Every codebook node, flat, with parent links', z.object({}), z.array(CodebookNode)),

  'history.state': query('What undo and redo would do', z.object({}), HistoryState),
  'history.undo': historyMethod('Undoes the last change, also one from an earlier session', z.object({}), HistoryMove),
  'history.redo': historyMethod('Redoes the last undone change', z.object({}), HistoryMove),

  'audit.list': query(
    'The audit log, newest first',
    z.object({ limit: z.number().int().min(1).max(10_000).default(200), beforeSeq: z.number().int().optional() }),
    z.array(AuditStep),
  ),
  'audit.changes': query('Every row one audit step changed, before and after', z.object({ stepId: Id }), z.array(AuditChange)),
} as const;
