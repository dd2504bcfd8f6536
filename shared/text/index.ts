export { decodeText, normalizeNewlines, type DecodedText, type TextEncoding } from './decode';
export { TextError, isTextError, type TextErrorCode } from './errors';
export {
  detectTurns,
  summarizeSpeakers,
  transcriptLines,
  type DetectTurnsOptions,
  type LineReading,
  type SpeakerSummary,
  type Turn,
  type TurnDetection,
} from './speakers';
export { isFacilitatorLabel, isPseudoLabel } from './label-words';
export { buildTranscript, type ParsedTranscript, type TranscriptEntry } from './transcript';
export { formatTimestamp, parseSrt, parseWebVtt } from './subtitles';
export {
  csvRowKind,
  parseCsv,
  sniffDelimiter,
  splitTags,
  turnsFromCsv,
  type CsvColumn,
  type CsvRowKind,
  type CsvTurns,
  type CsvDelimiter,
  type CsvOptions,
  type CsvTurnOptions,
} from './csv-turns';
export { markdownToPlain, parseMarkdown, stripMarkdown, type StrippedMarkdown } from './markdown';
export {
  segmentUnits,
  snapToWord,
  type SegmentMode,
  type SegmentOptions,
  type SnapDirection,
  type TextRange,
} from './segment';
export { paragraphDirection, textLocale, type TextDirection } from './direction';
