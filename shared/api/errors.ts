// Stable error codes: tests and the UI key on these, never on message text.
export const ERROR_CODES = [
  'BAD_REQUEST',
  'UNKNOWN_METHOD',
  'NO_PROJECT',
  'NOT_FOUND',
  'CONFLICT',
  'EDIT_CONFLICT',
  'PROJECT_LOCKED',
  'PROJECT_NEWER_SCHEMA',
  'PROJECT_NOT_SQLITE',
  'PROJECT_DAMAGED',
  'PROJECT_EXISTS',
  'PROJECT_NOT_FOUND',
  'PROJECT_READ_ONLY',
  'PROJECT_CHANGED',
  'REQUEST_TOO_LARGE',
  'DISK_FULL',
  'NOTHING_TO_UNDO',
  'NOTHING_TO_REDO',
  'IMPORT_UNSUPPORTED',
  'IMPORT_EMPTY',
  'IMPORT_BINARY',
  'IMPORT_TOO_LARGE',
  'IMPORT_BAD_FILE',
  'IMPORT_BAD_TIMING',
  'IMPORT_CSV_RAGGED',
  'IMPORT_ENCRYPTED',
  'IMPORT_NO_TEXT',
  'IMPORT_UNSAFE_ARCHIVE',
  'INVALID_RANGE',
  'INVALID_VALUE',
  'REPAIR_DROPS_WORK',
  'MEDIA_UNSUPPORTED',
  'MEDIA_NOT_FOUND',
  'EXPORT_FAILED',
  'FILE_EXISTS',
  'TARGET_PROTECTED',
  'FILE_NOT_GRANTED',
  'REFI_BAD_ARCHIVE',
  'REFI_UNSAFE_ARCHIVE',
  'REFI_BAD_XML',
  'REFI_EMPTY_CODEBOOK',
  'CODEBOOK_NO_NAMES',
  'CODEBOOK_TOO_DEEP',
  'BLIND_CODING',
  'AGREEMENT_OFF',
  'NOT_A_COPY',
  'CONSENSUS_UNFINISHED',
  'NAMES_UNCHECKED',
  'CANCELLED',
  'CONNECTION_LOST',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorPayload {
  readonly code: ErrorCode;
  readonly message: string;
  readonly details?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toPayload(): ErrorPayload {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** Rebuilds an AppError on the client side of a transport. */
export function errorFromPayload(payload: unknown): AppError {
  if (payload && typeof payload === 'object') {
    const p = payload as { code?: unknown; message?: unknown; details?: unknown };
    if (isErrorCode(p.code) && typeof p.message === 'string') return new AppError(p.code, p.message, p.details);
  }
  return new AppError('INTERNAL', 'The application answered with an unreadable error.');
}
