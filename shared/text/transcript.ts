import { summarizeSpeakers, type SpeakerSummary, type Turn } from './speakers';

/** A document as the app stores it (plain text, LF newlines) with its turns. */
export interface ParsedTranscript {
  readonly text: string;
  readonly turns: readonly Turn[];
  readonly speakers: readonly SpeakerSummary[];
}

export interface TranscriptEntry {
  readonly speaker: string | null;
  readonly text: string;
  readonly timestamp: string | null;
}

/**
 * Lays entries out as `Speaker: text` (or just `text`), one entry per line, a blank line between
 * entries. Entry text must not contain a blank line: that would read as a new turn.
 */
export function buildTranscript(entries: readonly TranscriptEntry[]): ParsedTranscript {
  const parts: string[] = [];
  const turns: Turn[] = [];
  let offset = 0;
  for (const entry of entries) {
    if (parts.length > 0) {
      parts.push('\n\n');
      offset += 2;
    }
    const label = entry.speaker === null ? '' : `${entry.speaker}:`;
    const prefix = label === '' ? '' : `${label} `;
    const labelStart = offset;
    const start = offset + prefix.length;
    parts.push(prefix, entry.text);
    offset = start + entry.text.length;
    turns.push({
      speaker: entry.speaker,
      start,
      end: offset,
      labelStart: entry.speaker === null ? start : labelStart,
      labelEnd: entry.speaker === null ? start : labelStart + label.length,
      timestamp: entry.timestamp,
    });
  }
  return { text: parts.join(''), turns, speakers: summarizeSpeakers(turns) };
}

/** Collapses runs of spaces and tabs, trims each line and drops blank lines, so no blank line splits a turn. */
export function tidyEntryText(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}
