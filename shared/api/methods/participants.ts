import { z } from 'zod';
import { filePath } from '../file-paths';
import { Attribute, AttributeType, Id, Participant } from '../entities';
import { command, query } from '../method';

const Label = z.string().trim().min(1).max(200);
const AttributeName = z.string().trim().min(1).max(200);
const Choices = z.array(z.string().trim().min(1).max(200)).max(500);
const IdList = z.array(Id).min(1).max(50_000);

/** A table of attribute values from a file: a path (desktop, CLI) or the bytes of a chosen file (browser). */
export const TableSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('path'), path: filePath() }),
  z.object({ kind: z.literal('bytes'), name: z.string().trim().min(1).max(500), base64: z.string().max(32 * 1024 * 1024) }),
]);
export type TableSource = z.input<typeof TableSource>;

export const AttributeTable = z.object({
  fileName: z.string(),
  columns: z.array(z.string()),
  rows: z.array(z.array(z.string())),
  /** The column whose values match most participant labels. */
  keyColumn: z.number(),
  matched: z.number(),
  /** Per column: the existing attribute with that name, else a suggested type for a new one. */
  suggestions: z.array(z.object({ attributeId: Id.nullable(), type: AttributeType })),
});
export type AttributeTable = z.infer<typeof AttributeTable>;

export const ColumnMapping = z.object({
  column: z.number().int().min(0),
  /** Fill this existing attribute; without it a new attribute is made (name and type below). */
  attributeId: Id.nullable().optional(),
  name: AttributeName.optional(),
  type: AttributeType.optional(),
});

export const SummaryRow = z.object({
  key: z.string(),
  label: z.string(),
  participants: z.number(),
  /** attributeId → value → number of participants; "" counts those without a value. */
  counts: z.record(z.string(), z.record(z.string(), z.number())),
});
export type SummaryRow = z.infer<typeof SummaryRow>;

export const participantMethods = {
  'participants.create': command(
    'Adds a participant',
    z.object({ label: Label, pseudonym: z.string().trim().max(200).default(''), notes: z.string().max(20_000).default('') }),
    Participant,
  ),
  'participants.update': command(
    'Changes a participant’s label, pseudonym or notes',
    z.object({ id: Id, label: Label.optional(), pseudonym: z.string().trim().max(200).optional(), notes: z.string().max(20_000).optional() }),
    Participant,
  ),
  'participants.delete': command(
    'Removes participants; their turns keep the label as spoken',
    z.object({ ids: IdList }),
    z.object({ deleted: z.number() }),
  ),
  'participants.setValue': command(
    'Sets one attribute for one or many participants (null clears it)',
    z.object({ participantIds: IdList, attributeId: Id, value: z.string().max(2_000).nullable() }),
    z.object({ changed: z.number() }),
  ),
  'attributes.create': command(
    'Adds a participant attribute',
    z.object({ name: AttributeName, type: AttributeType, choices: Choices.default([]) }),
    Attribute,
  ),
  'attributes.update': command(
    'Renames an attribute, changes its type or its choices',
    z.object({ id: Id, name: AttributeName.optional(), type: AttributeType.optional(), choices: Choices.optional() }),
    Attribute,
  ),
  'attributes.delete': command('Removes an attribute and its values', z.object({ id: Id }), z.object({ deleted: z.boolean(), values: z.number() })),
  'participants.readAttributeTable': query(
    'Reads a CSV or XLSX table of participant attributes and matches its rows to participants by label',
    z.object({ source: TableSource, sheet: z.string().max(200).optional() }),
    AttributeTable,
  ),
  'participants.importAttributes': command(
    'Sets attribute values from a CSV or XLSX table keyed on participant label',
    z.object({
      source: TableSource,
      sheet: z.string().max(200).optional(),
      keyColumn: z.number().int().min(0),
      columns: z.array(ColumnMapping).min(1).max(500),
      /** Rows whose label matches nobody make new participants. */
      createMissing: z.boolean().default(false),
    }),
    z.object({ updated: z.number(), created: z.number(), attributesCreated: z.number(), values: z.number(), unmatched: z.array(z.string()) }),
  ),
  'participants.summary': query(
    'A participants table as papers print it: per session (or group) the number of participants and counts of attribute values',
    z.object({ by: z.enum(['document', 'group']).default('document'), attributeIds: z.array(Id).max(50).default([]) }),
    z.object({ rows: z.array(SummaryRow), total: SummaryRow }),
  ),
} as const;
