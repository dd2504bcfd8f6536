// A subset of the application's error codes (shared/api/errors.ts), so a caller can rethrow a
// TextError as an AppError without translating the code.
export type TextErrorCode = 'IMPORT_BINARY' | 'IMPORT_BAD_TIMING' | 'IMPORT_CSV_RAGGED' | 'IMPORT_BAD_FILE';

export class TextError extends Error {
  readonly code: TextErrorCode;

  constructor(code: TextErrorCode, message: string) {
    super(message);
    this.name = 'TextError';
    this.code = code;
  }
}

export function isTextError(value: unknown): value is TextError {
  return value instanceof TextError;
}
