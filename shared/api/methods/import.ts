import { z } from 'zod';
import { filePath } from '../file-paths';
import { DocumentKind, Id } from '../entities';
import { command, query } from '../method';

/** Files above this size are refused before they are read (the browser-mode socket is sized to carry them: MAX_SOCKET_MESSAGE_BYTES). */
export const IMPORT_MAX_BYTES = 40 * 1024 * 1024;
const MAX_BASE64_CHARS = 64 * 1024 * 1024;

export const IMPORT_FORMATS = ['text', 'markdown', 'webvtt', 'srt', 'csv', 'docx', 'odt', 'rtf', 'pdf', 'html'] as const;
export const ImportFormat = z.enum(IMPORT_FORMATS);
/** The file name endings the import dialogs offer (the browser's file input and the desktop's open dialog). */
export const IMPORT_FILE_EXTENSIONS = ['txt', 'text', 'md', 'markdown', 'docx', 'odt', 'rtf', 'pdf', 'html', 'htm', 'vtt', 'srt', 'csv', 'tsv'] as const;
export type ImportFormat = z.infer<typeof ImportFormat>;

export const SEGMENT_MODES = ['sentence', 'turn', 'paragraph', 'none'] as const;
export const SegmentChoice = z.enum(SEGMENT_MODES);
export type SegmentChoice = z.infer<typeof SegmentChoice>;

/** The words shown when a file is over the limit; the renderer checks before uploading, the core after. */
export function tooLargeMessage(fileName: string, bytes: number): string {
  const mb = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;
  return `“${fileName}” is ${mb(bytes)}; Condensa imports files up to ${mb(IMPORT_MAX_BYTES)}. Split the transcript into parts and import them one by one.`;
}

const FileName = z.string().trim().min(1).max(500);

/** Where the text comes from: a path (desktop, CLI), the bytes of a chosen file (browser), pasted text, or an earlier preview. */
export const ImportSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('path'), path: filePath() }),
  z.object({ kind: z.literal('bytes'), name: FileName, base64: z.string().max(MAX_BASE64_CHARS) }),
  z.object({ kind: z.literal('text'), name: FileName.default('Pasted text'), text: z.string().max(IMPORT_MAX_BYTES) }),
  z.object({ kind: z.literal('preview'), previewId: Id }),
]);
export type ImportSource = z.input<typeof ImportSource>;

/** Which CSV columns hold the speaker, the text and the time (0-based); null speaker: the rows name nobody. */
export const CsvChoice = z.object({
  hasHeader: z.boolean(),
  speakerColumn: z.number().int().min(0).nullable(),
  textColumn: z.number().int().min(0),
  timestampColumn: z.number().int().min(0).nullable().default(null),
  /** A column of `;`-separated tags, offered as codes of the turns' meaning units. */
  tagColumn: z.number().int().min(0).nullable().default(null),
  /** Import the tags as codings (by the current coder; missing codes are made). */
  importTags: z.boolean().default(false),
  /** Leave out rows that are not speech: a lone link, a note. */
  skipNonSpeech: z.boolean().default(false),
});
export type CsvChoice = z.input<typeof CsvChoice>;

export const CSV_ROW_KINDS = ['speech', 'link', 'note', 'empty'] as const;
export type CsvRowKind = (typeof CSV_ROW_KINDS)[number];

/** How the text is read into turns: detection off gives one speakerless turn per paragraph. */
export const ReadOptions = z.object({
  detect: z.boolean().default(true),
  csv: CsvChoice.optional(),
  /** Lines of the text (0-based, as the preview's `lines` number them) the user says are a speaker's label. */
  labelLines: z.array(z.number().int().min(0)).max(100_000).default([]),
  /** Lines the user says are no label, whatever their shape. */
  notLabelLines: z.array(z.number().int().min(0)).max(100_000).default([]),
  /** Every paragraph is this one person's (a monologue, a diary): for a text in which no label is found. */
  oneSpeaker: z.string().trim().min(1).max(200).optional(),
});
export type ReadOptions = z.input<typeof ReadOptions>;

export const SpeakerPreview = z.object({
  label: z.string(),
  turnCount: z.number(),
  isFacilitator: z.boolean(),
  /** A label that is no person (“Break”): suggested as a non-participant. */
  isPseudo: z.boolean(),
  /** One turn only: found by the shape of its line, the label the user should check first. */
  heardOnce: z.boolean(),
  /** The start of the label's first turn, so the user can tell a speaker from a line of prose. */
  firstWords: z.string(),
  /** The lines that carry this label (as `lines` numbers them; up to 50), so it can be marked as no label. */
  lines: z.array(z.number()),
  /**
   * Participants already in the project under the same label, with the sessions they speak in. A
   * label is a new person by default (each session numbers its speakers afresh); these are offered,
   * never applied, and the dialog suggests one that speaks in the same group.
   */
  sameLabel: z.array(
    z.object({
      participantId: Id,
      label: z.string(),
      pseudonym: z.string(),
      sessions: z.array(z.object({ documentId: Id, title: z.string(), groupId: Id.nullable() })),
    }),
  ),
});
export type SpeakerPreview = z.infer<typeof SpeakerPreview>;

export const CsvPreview = z.object({
  columns: z.array(z.string()),
  rows: z.number(),
  sample: z.array(z.array(z.string())),
  /** What each sample row holds: speech, or a row that is no speech (left out on request; empty rows always). */
  sampleKinds: z.array(z.enum(CSV_ROW_KINDS)),
  /** How many rows of each kind that is not speech. */
  nonSpeech: z.object({ link: z.number(), note: z.number(), empty: z.number() }),
  /** The rows that are not speech (up to 50): 1-based row after the header, kind and text. */
  nonSpeechRows: z.array(z.object({ row: z.number(), kind: z.enum(CSV_ROW_KINDS), text: z.string() })),
  /** The tags of the tag column, offered as codes, with how many turns carry each. */
  tags: z.array(z.object({ name: z.string(), turns: z.number() })),
  choice: z.object({
    hasHeader: z.boolean(),
    speakerColumn: z.number().nullable(),
    textColumn: z.number(),
    timestampColumn: z.number().nullable(),
    tagColumn: z.number().nullable(),
    importTags: z.boolean(),
    skipNonSpeech: z.boolean(),
  }),
});
export type CsvPreview = z.infer<typeof CsvPreview>;

/** What the transcript's opening lines said about the session (title, date, place, "Moderator: NAME"). */
export const TranscriptHeader = z.object({
  title: z.string().nullable(),
  sessionName: z.string().nullable(),
  sessionDate: z.string().nullable(),
  place: z.string().nullable(),
  facilitator: z.string().nullable(),
  durationMinutes: z.number().nullable(),
  /** The header as written: kept in the document's notes, so nothing read from it is lost. */
  lines: z.array(z.string()),
});
export type TranscriptHeader = z.infer<typeof TranscriptHeader>;

export const ImportPreview = z.object({
  previewId: Id,
  fileName: z.string(),
  format: ImportFormat,
  encoding: z.string().nullable(),
  sizeBytes: z.number(),
  title: z.string(),
  kind: DocumentKind,
  detect: z.boolean(),
  textLength: z.number(),
  turns: z.number(),
  speakers: z.array(SpeakerPreview),
  csv: CsvPreview.nullable(),
  /** Header lines taken off the start of the text as the document's details; null when there were none. */
  header: TranscriptHeader.nullable(),
  excerpt: z.string(),
  /**
   * The lines of a text transcript as speaker detection read them, so the user can mark any as a
   * label or as no label: every line that is or looks like a label, and the opening lines (the
   * first 400 with text), each cut to 200 characters. Null for subtitles and tables.
   */
  lines: z
    .array(
      z.object({
        line: z.number(),
        text: z.string(),
        role: z.enum(['timestamp', 'text', 'label']),
        speaker: z.string().nullable(),
        labelShape: z.boolean(),
        decided: z.enum(['label', 'text']).nullable(),
      }),
    )
    .nullable(),
  /** How many lines with text the document has (the list above may hold fewer). */
  lineCount: z.number(),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportError = z.object({ code: z.string(), message: z.string() });

export const PreviewOutcome = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), fileName: z.string(), preview: ImportPreview }),
  z.object({ ok: z.literal(false), fileName: z.string(), error: ImportError }),
]);
export type PreviewOutcome = z.infer<typeof PreviewOutcome>;

/** What the user decided about one detected label. Labels left out keep the suggestions. */
export const SpeakerDecision = z.object({
  label: z.string(),
  /** Map to this existing participant (the same person in another session). */
  participantId: Id.nullable().optional(),
  /**
   * The user says a label already in the project names the same person here: the label is mapped to
   * the participant of that label when the file is imported (one an earlier file of the same import
   * made included). Left out, a label without participantId is a new participant.
   */
  sameLabelSamePerson: z.boolean().optional(),
  /** The participant's label when a new one is made; labels given the same name become one participant. */
  name: z.string().trim().min(1).max(200).optional(),
  isFacilitator: z.boolean().optional(),
  /** false: the label is no person (a break, a narrator): its turns stay, without a participant or units. */
  participant: z.boolean().optional(),
});
export type SpeakerDecision = z.input<typeof SpeakerDecision>;

export const DocumentFields = z.object({
  title: z.string().trim().min(1).max(300).optional(),
  kind: DocumentKind.optional(),
  sessionName: z.string().max(300).optional(),
  sessionDate: z.string().max(40).nullable().optional(),
  facilitator: z.string().max(300).optional(),
  durationMinutes: z.number().min(0).max(100_000).nullable().optional(),
  notes: z.string().max(100_000).optional(),
  groupId: Id.nullable().optional(),
});
export type DocumentFields = z.input<typeof DocumentFields>;

export const CommitOptions = ReadOptions.extend({
  segment: SegmentChoice.default('sentence'),
  /** Facilitators' turns stay visible; they become meaning units only when asked. */
  unitsInFacilitatorTurns: z.boolean().default(false),
  speakers: z.array(SpeakerDecision).max(5_000).default([]),
  document: DocumentFields.extend({ newGroupName: z.string().trim().min(1).max(200).optional() }).default({}),
});
export type CommitOptions = z.input<typeof CommitOptions>;

export const ImportResult = z.object({
  documentId: Id,
  title: z.string(),
  turns: z.number(),
  units: z.number(),
  participantsCreated: z.number(),
  participantsMapped: z.number(),
  /** Codings made from a CSV's tag column, and the codes made for tags not yet in the codebook. */
  codings: z.number(),
  codesCreated: z.number(),
});
export type ImportResult = z.infer<typeof ImportResult>;

export const importMethods = {
  'import.preview': query(
    'Reads files (or pasted text) and shows what an import would make: speakers, turns, title and kind; nothing is stored',
    ReadOptions.extend({ sources: z.array(ImportSource).min(1).max(200) }),
    z.object({ files: z.array(PreviewOutcome) }),
  ),
  'import.commit': command(
    'Imports one previewed file as a document with its participants, turns and meaning units, in one step',
    CommitOptions.extend({ previewId: Id }),
    ImportResult,
  ),
} as const;
