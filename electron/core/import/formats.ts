import { AppError, type ErrorCode } from '../../../shared/api/errors';
import type { ImportFormat } from '../../../shared/api/methods/import';

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const RTF_MAGIC = [0x7b, 0x5c, 0x72, 0x74, 0x66]; // {\rtf
// An encrypted .docx/.xlsx is an OLE compound file with a stream of this name (UTF-16LE in its directory).
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

const EXTENSIONS: Readonly<Record<string, ImportFormat>> = {
  txt: 'text',
  text: 'text',
  md: 'markdown',
  markdown: 'markdown',
  vtt: 'webvtt',
  srt: 'srt',
  csv: 'csv',
  tsv: 'csv',
  docx: 'docx',
  odt: 'odt',
  rtf: 'rtf',
  pdf: 'pdf',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
};

const OLD_OFFICE: Readonly<Record<string, string>> = {
  xls: 'an Excel 97–2003 .xls; save it as .csv or .xlsx',
  ppt: 'a PowerPoint 97–2003 .ppt; copy its text into a .docx',
  msg: 'an Outlook message; save its text as .txt',
};

/** An error the user can act on, naming the file it is about. */
export function fileError(code: ErrorCode, fileName: string, sentence: string): AppError {
  return new AppError(code, `“${fileName}”: ${sentence}`);
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

function holds(bytes: Uint8Array, needle: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(needle) >= 0;
}

/** Decides how to read a file from its first bytes, then its extension; refuses what cannot be read. */
export function detectFormat(fileName: string, bytes: Uint8Array): ImportFormat {
  const ext = extensionOf(fileName);
  if (bytes.length === 0) throw fileError('IMPORT_EMPTY', fileName, 'The file is empty (0 bytes). Choose the file that holds the transcript.');
  if (startsWith(bytes, OLE_MAGIC)) {
    if (holds(bytes, ENCRYPTED_PACKAGE)) {
      throw fileError('IMPORT_ENCRYPTED', fileName, 'The document is protected by a password. Open it in Word, remove the password (File › Info › Protect Document) and import again.');
    }
    const other = OLD_OFFICE[ext];
    if (other) throw fileError('IMPORT_UNSUPPORTED', fileName, `This file is ${other}, then import again.`);
    throw fileError('IMPORT_UNSUPPORTED', fileName, 'This file is a Word 97–2003 .doc; save it as .docx and import again.');
  }
  if (startsWith(bytes, ZIP_MAGIC)) return zipFormat(fileName, ext, bytes);
  if (startsWith(bytes, PDF_MAGIC)) return 'pdf';
  if (startsWith(bytes, RTF_MAGIC)) return 'rtf';
  const byName = EXTENSIONS[ext];
  if (byName === 'docx' || byName === 'odt') {
    throw fileError('IMPORT_BAD_FILE', fileName, `This is not a readable .${ext} file (it may be damaged, cut short or renamed). Open it in your word processor, save it again and import the new copy.`);
  }
  if (byName === 'pdf') throw fileError('IMPORT_BAD_FILE', fileName, 'This is not a readable PDF (it may be damaged or renamed). Save it again from the program that made it.');
  if (byName === 'rtf') throw fileError('IMPORT_BAD_FILE', fileName, 'This is not a readable RTF file (it does not start with “{\\rtf”). Save it again as RTF or .docx.');
  return byName ?? 'text';
}

function zipFormat(fileName: string, ext: string, bytes: Uint8Array): ImportFormat {
  if (ext === 'docx' || ext === 'odt') return ext;
  if (holds(bytes, Buffer.from('word/document.xml'))) return 'docx';
  if (holds(bytes, Buffer.from('application/vnd.oasis.opendocument.text'))) return 'odt';
  if (ext === 'xlsx') throw fileError('IMPORT_UNSUPPORTED', fileName, 'This is a spreadsheet; save the sheet of turns as .csv and import that.');
  if (ext === 'qdpx') throw fileError('IMPORT_UNSUPPORTED', fileName, 'This is a REFI-QDA project from a QDA program; open it with File › Import REFI-QDA Project… instead.');
  throw fileError('IMPORT_UNSUPPORTED', fileName, 'This is a zip archive, not a transcript. Unpack it and import the files inside.');
}
