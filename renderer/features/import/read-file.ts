import { IMPORT_MAX_BYTES, tooLargeMessage } from '../../../shared/api/methods/import';

export type ReadFile = { readonly ok: true; readonly name: string; readonly base64: string } | { readonly ok: false; readonly name: string; readonly message: string };

/** A chosen file as base64 for the socket; refused here already when it is over the limit. */
export function readAsBase64(file: File): Promise<ReadFile> {
  if (file.size > IMPORT_MAX_BYTES) return Promise.resolve({ ok: false, name: file.name, message: tooLargeMessage(file.name, file.size) });
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result ?? '');
      resolve({ ok: true, name: file.name, base64: url.slice(url.indexOf(',') + 1) });
    };
    reader.onerror = () => resolve({ ok: false, name: file.name, message: `“${file.name}” could not be read from disk. Check that it still exists and try again.` });
    reader.readAsDataURL(file);
  });
}
