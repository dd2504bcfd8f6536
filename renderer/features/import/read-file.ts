import { IMPORT_MAX_BYTES, tooLargeMessage } from '../../../shared/api/methods/import';
import { uploadFile } from '../../api/connection';

export type SentFile = { readonly ok: true; readonly name: string; readonly path: string } | { readonly ok: false; readonly name: string; readonly message: string };

/**
 * A transcript chosen in the browser's file input, streamed to the server (browser mode) so the
 * import names it by path; refused here already when it is over the import limit.
 */
export async function sendTranscript(file: File): Promise<SentFile> {
  if (file.size > IMPORT_MAX_BYTES) return { ok: false, name: file.name, message: tooLargeMessage(file.name, file.size) };
  return sendFile(file);
}

/** Any chosen file streamed to the server: its path there, or why it could not be sent. */
export async function sendFile(file: File): Promise<SentFile> {
  try {
    return { ok: true, name: file.name, path: await uploadFile(file) };
  } catch (err) {
    return { ok: false, name: file.name, message: err instanceof Error ? err.message : String(err) };
  }
}
