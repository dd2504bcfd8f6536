import type { ImportFormat } from '../../../shared/api/methods/import';
import { decodeText, isTextError, normalizeNewlines, parseCsv, parseSrt, parseWebVtt, type ParsedTranscript } from '../../../shared/text';
import { AppError } from '../../../shared/api/errors';
import { detectFormat, fileError } from './formats';
import { readDocx } from './read-docx';
import { readOdt } from './read-odt';
import { decodeHtml, looksLikeHtml, readHtml } from './read-html';
import { readPdf } from './read-pdf';
import { readRtf } from './read-rtf';

interface ExtractionBase {
  readonly fileName: string;
  readonly sizeBytes: number;
  readonly encoding: string | null;
  /** The title the file gives itself (a web page's <title>), if any. */
  readonly title?: string | null;
}

/** A file read into what turn detection works on: plain text, Markdown source, subtitle turns or CSV rows. */
export type Extraction = ExtractionBase &
  (
    | { readonly kind: 'text'; readonly format: Exclude<ImportFormat, 'markdown' | 'webvtt' | 'srt' | 'csv'>; readonly text: string }
    | { readonly kind: 'markdown'; readonly format: 'markdown'; readonly source: string }
    | { readonly kind: 'subtitles'; readonly format: 'webvtt' | 'srt'; readonly parsed: ParsedTranscript }
    | { readonly kind: 'csv'; readonly format: 'csv'; readonly rows: readonly (readonly string[])[] }
  );

/** Reads a file's bytes by its format; every refusal is an AppError that names the file. */
export async function extractFile(fileName: string, bytes: Uint8Array): Promise<Extraction> {
  const format = detectFormat(fileName, bytes);
  const base = { fileName, sizeBytes: bytes.length };
  try {
    switch (format) {
      case 'docx':
        return { ...base, kind: 'text', format, encoding: null, text: documentText(fileName, await readDocx(fileName, bytes)) };
      case 'odt':
        return { ...base, kind: 'text', format, encoding: null, text: documentText(fileName, readOdt(fileName, bytes)) };
      case 'rtf':
        return { ...base, kind: 'text', format, encoding: null, text: documentText(fileName, readRtf(fileName, bytes)) };
      case 'pdf':
        return { ...base, kind: 'text', format, encoding: null, text: documentText(fileName, await readPdf(fileName, bytes)) };
      case 'html':
        return htmlExtraction(fileName, bytes);
      default:
        return decodedExtraction(fileName, format, bytes);
    }
  } catch (err) {
    throw asFileError(fileName, err);
  }
}

// A document may carry control characters (an RTF \'00, a PDF's unmapped glyph): they are no text,
// and stored ones would break exports, so they go; form and line feeds become line breaks.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000e-\u001f\u007f]/g;
// eslint-disable-next-line no-control-regex
const PAGE_AND_LINE_FEEDS = /[\u000b\u000c]/g;

/** The text of a word-processor document or PDF, without control characters; refused when there is none. */
function documentText(fileName: string, text: string): string {
  const clean = normalizeNewlines(text).replace(CONTROL_CHARACTERS, '').replace(PAGE_AND_LINE_FEEDS, '\n');
  if (clean.trim() === '') {
    throw fileError('IMPORT_EMPTY', fileName, 'The document holds no text (only empty paragraphs, pictures or formatting). Choose the file that holds the transcript.');
  }
  return clean;
}

// Pasted transcripts often come from Markdown pages: bold labels or escaped timestamps give them away.
const LOOKS_LIKE_MARKDOWN = /^\*\*[^*\n]{1,40}:\*\*|^\\\[\d/m;

/** Pasted text: read like a plain-text file, or as Markdown when it is Markdown. */
export function extractPasted(name: string, pasted: string): Extraction {
  const text = normalizeNewlines(pasted);
  const base = { fileName: name, sizeBytes: pasted.length, encoding: null };
  if (text.trim() === '') throw fileError('IMPORT_EMPTY', name, 'There is no text to import. Paste the transcript first.');
  if (LOOKS_LIKE_MARKDOWN.test(text)) return { ...base, kind: 'markdown', format: 'markdown', source: text };
  return { ...base, kind: 'text', format: 'text', text };
}

function htmlExtraction(fileName: string, bytes: Uint8Array): Extraction {
  const decoded = decodeHtml(bytes);
  const page = readHtml(fileName, decoded.text);
  return { fileName, sizeBytes: bytes.length, encoding: decoded.encoding, title: page.title, kind: 'text', format: 'html', text: documentText(fileName, page.text) };
}

function decodedExtraction(fileName: string, format: ImportFormat, bytes: Uint8Array): Extraction {
  const decoded = decodeText(bytes);
  const text = normalizeNewlines(decoded.text);
  const base = { fileName, sizeBytes: bytes.length, encoding: decoded.encoding };
  if (text.trim() === '') throw fileError('IMPORT_EMPTY', fileName, 'The file holds no text. Choose the file that holds the transcript.');
  if (format === 'markdown') return { ...base, kind: 'markdown', format, source: text };
  if (format === 'webvtt') return { ...base, kind: 'subtitles', format, parsed: parseWebVtt(text) };
  if (format === 'srt') return { ...base, kind: 'subtitles', format, parsed: parseSrt(text) };
  if (format === 'csv') return { ...base, kind: 'csv', format, rows: parseCsv(text) };
  // A page saved from a browser as .txt reads as HTML; a .txt that is really WebVTT as subtitles.
  if (looksLikeHtml(text)) return htmlExtraction(fileName, bytes);
  if (/^WEBVTT(?:[ \t\n]|$)/.test(text.replace(/^\ufeff/, ''))) return { ...base, kind: 'subtitles', format: 'webvtt', parsed: parseWebVtt(text) };
  return { ...base, kind: 'text', format: 'text', text };
}

const TEXT_ERROR_HINTS: Readonly<Record<string, string>> = {
  IMPORT_BINARY: 'Choose the transcript itself, saved as text (.txt), Word (.docx), OpenDocument (.odt), RTF, PDF, a web page (.html), subtitles (.vtt, .srt) or CSV.',
  IMPORT_BAD_TIMING: 'Fix that line in a text editor (or export the subtitles again) and import again.',
  IMPORT_CSV_RAGGED: 'Every row needs the same number of columns; fix the row in a spreadsheet and save it as CSV again.',
  IMPORT_BAD_FILE: 'Fix it in a text editor or export the file again, then import again.',
};

/** Text-module errors become AppErrors naming the file; AppErrors already name it. */
export function asFileError(fileName: string, err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (isTextError(err)) {
    const hint = TEXT_ERROR_HINTS[err.code] ?? '';
    return fileError(err.code, fileName, `${err.message}${hint ? ` ${hint}` : ''}`);
  }
  const message = err instanceof Error ? err.message : String(err);
  return fileError('IMPORT_BAD_FILE', fileName, `This file could not be read (${message.slice(0, 200)}).`);
}
