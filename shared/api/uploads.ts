// Browser mode has no file dialog the core can read from: a chosen file goes to the server as the raw
// body of one PUT, which the server streams into a file of its own and answers with that file's path.
// The contract then names the path, as the desktop app names a file picked in its dialog.

/** Where a page sends a file: `PUT /upload?name=<file name>`, the token in UPLOAD_TOKEN_HEADER. */
export const UPLOAD_PATH = '/upload';
export const UPLOAD_TOKEN_HEADER = 'x-condensa-token';

/** The server's answer to an upload: the file written, with the name the page gave it. */
export interface UploadAnswer {
  readonly path: string;
  readonly bytes: number;
}
