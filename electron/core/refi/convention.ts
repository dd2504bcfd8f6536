import { hash } from 'node:crypto';
import { z } from 'zod';
import { ATTRIBUTE_TYPES, CODER_ROLES, DOCUMENT_KINDS, levelWord, MEMO_TARGETS, METHODOLOGIES, NODE_LEVELS, THEME_STATUSES, type Methodology, type NodeLevel } from '../../../shared/domain/vocabulary';
import { isGuid } from './model';

// How Condensa writes what REFI-QDA has no element for (docs/refi-convention.md explains it for
// people). Two layers: what every QDA program can show (level prefixes in code descriptions,
// meaning units as selections with a "Condensation" note) and one project note, the Condensa
// exchange record, that only Condensa reads back.

export const UNIT_SELECTION_NAME = 'Meaning unit';
export const CONDENSATION_NOTE_NAME = 'Condensation';
export const INTERPRETATION_NOTE_NAME = 'Interpretation';
export const RECORD_NOTE_NAME = 'Condensa exchange record';
export const RECORD_NOTE_DESCRIPTION =
  'Written by Condensa so that a Condensa-to-Condensa round trip keeps what REFI-QDA has no element for (levels, criteria, meaning units, turns, decisions). Other programs can ignore it.';
export const RECORD_FORMAT = 'condensa-refi';
export const RECORD_VERSION = 1;

// Every method's word reads back as its level: a meta-synthesis's "[Component]" is a category.
const LEVEL_BY_LABEL = new Map<string, NodeLevel>(METHODOLOGIES.flatMap((m) => NODE_LEVELS.map((l): [string, NodeLevel] => [levelWord(m, l).toLowerCase(), l])));

export interface NodeText {
  readonly level: NodeLevel;
  readonly definition: string;
  readonly inclusion: string;
  readonly exclusion: string;
}

/**
 * A code's Description as other programs show it: "[Category] definition", then the inclusion and
 * exclusion criteria as paragraphs. Codes (the bottom level) carry no prefix.
 */
export function renderNodeDescription(n: NodeText, methodology: Methodology = 'content-analysis'): string {
  const head = n.level === 'code' ? '' : `[${levelWord(methodology, n.level)}]`;
  const parts: string[] = [];
  const first = head && n.definition ? `${head} ${n.definition}` : head || n.definition;
  if (first) parts.push(first);
  if (n.inclusion) parts.push(`Inclusion: ${n.inclusion}`);
  if (n.exclusion) parts.push(`Exclusion: ${n.exclusion}`);
  return parts.join('\n\n');
}

/** Reads a Description back: the level prefix if any, the criteria paragraphs if present. */
export function parseNodeDescription(text: string | null, fallback: NodeLevel): NodeText {
  let rest = text ?? '';
  let level = fallback;
  const m = /^\[([A-Za-z]+)\](?: |\n\n|$)/.exec(rest);
  if (m && LEVEL_BY_LABEL.has(m[1].toLowerCase())) {
    level = LEVEL_BY_LABEL.get(m[1].toLowerCase())!;
    rest = rest.slice(m[0].length);
  }
  const take = (label: string): string => {
    const marker = `${label}: `;
    const at = rest.startsWith(marker) ? 0 : rest.lastIndexOf(`\n\n${marker}`);
    if (at < 0) return '';
    const begin = at === 0 ? marker.length : at + 2 + marker.length;
    const value = rest.slice(begin);
    rest = rest.slice(0, at);
    return value;
  };
  const exclusion = take('Exclusion');
  const inclusion = take('Inclusion');
  return { level, definition: rest, inclusion, exclusion };
}

/** Every id Condensa writes must be a GUID; ids that are not (none today) get a stable one. */
export function guidOf(id: string): string {
  return isGuid(id) ? id.toLowerCase() : derivedGuid('id', id);
}

/** A GUID derived from a name (RFC 4122 version 5 layout), for elements Condensa has no row for. */
export function derivedGuid(kind: string, id: string): string {
  const h = hash('sha1', `condensa:${kind}:${id}`, 'buffer');
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

const Row = z.record(z.string(), z.unknown());

/** The exchange record: offsets in it count code points, like REFI-QDA selections. */
export const CondensaRecord = z.object({
  format: z.literal(RECORD_FORMAT),
  version: z.number().int(),
  project: z.object({
    id: z.string(),
    methodology: z.enum(METHODOLOGIES),
    blind: z.boolean(),
    agreementEnabled: z.boolean(),
    allowMultipleParents: z.boolean(),
    allowUnitsAcrossTurns: z.boolean(),
  }),
  coders: z.record(z.string(), z.object({ initials: z.string(), colour: z.string(), role: z.enum(CODER_ROLES), createdAt: z.string() })),
  nodes: z.record(
    z.string(),
    z.object({
      level: z.enum(NODE_LEVELS),
      definition: z.string(),
      inclusion: z.string(),
      exclusion: z.string(),
      colour: z.string(),
      status: z.enum(THEME_STATUSES).nullable(),
      shortcut: z.string().nullable(),
      sort: z.number(),
      exampleUnitId: z.string().nullable(),
      createdAt: z.string(),
      links: z.array(z.object({ id: z.string(), parentId: z.string(), sort: z.number() })),
    }),
  ),
  groups: z.record(z.string(), z.object({ sort: z.number() })),
  documents: z.record(
    z.string(),
    z.object({
      kind: z.enum(DOCUMENT_KINDS),
      sourceName: z.string().nullable(),
      sourceFormat: z.string().nullable(),
      sessionName: z.string(),
      sessionDate: z.string().nullable(),
      facilitator: z.string(),
      durationMinutes: z.number().nullable(),
      /** The study's reference number (meta-synthesis); records written before it was kept have none. */
      reference: z.string().nullable().optional(),
      sort: z.number(),
      createdAt: z.string(),
    }),
  ),
  attributes: z.record(z.string(), z.object({ type: z.enum(ATTRIBUTE_TYPES), choices: z.array(z.string()), sort: z.number() })),
  participants: z.record(z.string(), z.object({ pseudonym: z.string(), sort: z.number(), createdAt: z.string() })),
  turns: z.record(
    z.string(),
    z.array(
      z.object({
        id: z.string(),
        participantId: z.string().nullable(),
        speakerLabel: z.string().nullable(),
        start: z.number().int(),
        end: z.number().int(),
        timestamp: z.string().nullable(),
        isFacilitator: z.boolean(),
      }),
    ),
  ),
  memos: z.record(z.string(), z.object({ targetType: z.enum(MEMO_TARGETS), targetId: z.string() })),
  /** A meaning unit coded by several coders has one selection per coder: each further selection's GUID → the unit's. */
  unitSelections: z.record(z.string(), z.string()).optional(),
  journal: z.record(z.string(), z.object({ date: z.string() })),
  /** Rows of tables REFI-QDA has nothing for, column names as in the project file. */
  tables: z.record(z.string(), z.array(Row)),
});
export type CondensaRecord = z.infer<typeof CondensaRecord>;

/** Tables copied whole through the record; their offset columns are converted to code points. */
export const RECORD_TABLES = ['quotes', 'resolutions', 'saved_searches', 'map_positions', 'node_name_history'] as const;
export const OFFSET_COLUMNS: Readonly<Record<string, readonly string[]>> = { resolutions: ['start', 'end'] };
