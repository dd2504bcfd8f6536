import { AppError } from '../../../shared/api/errors';
import { ZipArchive, type ZipEntry, type ZipLimits } from '../refi/zip';
import { fileError } from './formats';

// .docx, .odt and .xlsx files are zip archives whose directory may lie about how large an entry
// unpacks. Entries are inflated here, never by the libraries that read them, and every byte is
// counted as it comes out: inflation stops at the entry's declared size (a larger one is refused
// as unsafe) and no file may unpack to more than these limits, whatever it declares.

/**
 * The most one part of a document (document.xml, content.xml) may unpack to: some 8 MB of text
 * (2,000 pages), and mammoth needs about 30× a part's size in memory while it reads it.
 */
export const DOCUMENT_PART_MAX_BYTES = 32 * 1024 * 1024;
/** The most all the parts read from one document may unpack to together. */
export const DOCUMENT_MAX_UNPACKED_BYTES = 128 * 1024 * 1024;

// The structure checks of the directory: entry count, names, compression ratio. Sizes are judged
// below with messages of their own; these caps only stop absurd declarations early.
export const DOCUMENT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxEntryBytes: 1024 * 1024 * 1024,
  maxTotalBytes: 4 * 1024 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
};

export interface UnpackLimits {
  readonly partMaxBytes: number;
  readonly totalMaxBytes: number;
}

export const DOCUMENT_UNPACK_LIMITS: UnpackLimits = { partMaxBytes: DOCUMENT_PART_MAX_BYTES, totalMaxBytes: DOCUMENT_MAX_UNPACKED_BYTES };

export interface ArchiveWords {
  /** What the file is, for the message: "Word document", "spreadsheet". */
  readonly what: string;
  /** The sentence for a damaged archive: what to do about it. */
  readonly damaged: string;
}

function sizeWords(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round(n / (1024 * 1024))} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}

/** A document archive whose entries are inflated on demand, each byte counted against the limits. */
export class DocumentArchive {
  private readonly zip: ZipArchive;
  private readonly fileName: string;
  private readonly words: ArchiveWords;
  private readonly limits: UnpackLimits;
  private unpacked = 0;

  private constructor(zip: ZipArchive, fileName: string, words: ArchiveWords, limits: UnpackLimits) {
    this.zip = zip;
    this.fileName = fileName;
    this.words = words;
    this.limits = limits;
  }

  /** Reads the directory; refuses a damaged or unsafe archive before anything is inflated. */
  static open(fileName: string, bytes: Uint8Array, words: ArchiveWords, limits: UnpackLimits = DOCUMENT_UNPACK_LIMITS): DocumentArchive {
    try {
      return new DocumentArchive(ZipArchive.open(bytes, DOCUMENT_ZIP_LIMITS), fileName, words, limits);
    } catch (err) {
      throw archiveError(fileName, words, err);
    }
  }

  get entryNames(): readonly string[] {
    return this.zip.entries.map((e) => e.name);
  }

  has(name: string): boolean {
    return this.zip.find(name) !== undefined;
  }

  /** The bytes of one entry, or null when there is none of that name. */
  read(name: string): Uint8Array | null {
    const entry = this.zip.find(name);
    return entry ? this.inflate(entry) : null;
  }

  private inflate(entry: ZipEntry): Uint8Array {
    const { partMaxBytes, totalMaxBytes } = this.limits;
    if (entry.size > partMaxBytes || this.unpacked + entry.size > totalMaxBytes) {
      throw tooLarge(this.fileName, this.words, entry.size > partMaxBytes ? partMaxBytes : totalMaxBytes);
    }
    let out: Uint8Array;
    try {
      // Stops one byte past the declared size and refuses the entry: the counting happens in zlib.
      out = this.zip.read(entry);
    } catch (err) {
      throw archiveError(this.fileName, this.words, err);
    }
    this.unpacked += out.byteLength;
    return out;
  }
}

/** The refusal of a document that unpacks to more than a limit: no program needs that for a transcript. */
function tooLarge(fileName: string, words: ArchiveWords, limit: number): AppError {
  return fileError(
    'IMPORT_TOO_LARGE',
    fileName,
    `This ${words.what} unpacks to more than ${sizeWords(limit)}, more than Condensa reads from one file; nothing was imported. Split the transcript into parts (or save it as plain text) and import them one by one.`,
  );
}

function archiveError(fileName: string, words: ArchiveWords, err: unknown): AppError {
  if (!(err instanceof AppError)) return fileError('IMPORT_BAD_FILE', fileName, words.damaged);
  if (err.code === 'IMPORT_TOO_LARGE' || err.code === 'IMPORT_UNSAFE_ARCHIVE' || err.code === 'IMPORT_BAD_FILE') return err;
  const reason = (err.details as { reason?: string } | undefined)?.reason ?? 'its zip structure is damaged';
  if (err.code === 'REFI_UNSAFE_ARCHIVE') {
    return fileError(
      'IMPORT_UNSAFE_ARCHIVE',
      fileName,
      `This ${words.what} was refused for safety: ${reason}. No program writes such a file, so it is damaged or was made to harm the app; nothing was imported. Ask for a fresh copy of the file.`,
    );
  }
  return fileError('IMPORT_BAD_FILE', fileName, words.damaged);
}

/**
 * Refuses a document archive that is damaged or unsafe before a library that trusts its directory
 * inflates it: every entry is inflated once here, so a declared size that lies is caught.
 */
export function assertSafeArchive(fileName: string, bytes: Uint8Array, words: ArchiveWords): void {
  const archive = DocumentArchive.open(fileName, bytes, words);
  for (const name of archive.entryNames) archive.read(name);
}
