import { AppError } from '../../../shared/api/errors';
import { ZipArchive, type ZipLimits } from '../refi/zip';
import { fileError } from './formats';

// .docx, .odt and .xlsx files are zip archives, and the libraries that read them inflate whatever
// the archive declares. Their central directory is checked first, as for a .qdpx: no entry
// reaching outside the archive, no zip bomb. The text of a very long transcript is a few MB of XML.
export const DOCUMENT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxEntryBytes: 64 * 1024 * 1024,
  maxTotalBytes: 256 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
};

export interface ArchiveWords {
  /** What the file is, for the message: "Word document", "spreadsheet". */
  readonly what: string;
  /** The sentence for a damaged archive: what to do about it. */
  readonly damaged: string;
}

/** Refuses a document archive that is damaged or unsafe before any library inflates it. */
export function assertSafeArchive(fileName: string, bytes: Uint8Array, words: ArchiveWords): void {
  try {
    ZipArchive.open(bytes, DOCUMENT_ZIP_LIMITS);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const reason = (err.details as { reason?: string } | undefined)?.reason ?? 'its zip structure is damaged';
    if (err.code === 'REFI_UNSAFE_ARCHIVE') {
      throw fileError(
        'IMPORT_UNSAFE_ARCHIVE',
        fileName,
        `This ${words.what} was refused for safety: ${reason}. No program writes such a file, so it is damaged or was made to harm the app; nothing was imported. Ask for a fresh copy of the file.`,
      );
    }
    throw fileError('IMPORT_BAD_FILE', fileName, words.damaged);
  }
}
