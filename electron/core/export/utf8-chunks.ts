/** A chunk's size in UTF-16 code units: big enough that encoding is cheap, small next to a large export. */
const CHUNK_CHARS = 1 << 20;

/**
 * Collects text written piece by piece and hands it on as UTF-8 about a megabyte at a time, so a
 * long export is never held as one string (nor as a list of its lines and then their join).
 * Pieces are whole strings, so a surrogate pair is never cut between chunks.
 */
export function utf8Chunks(emit: (bytes: Buffer, last: boolean) => void): { write(text: string): void; end(text?: string): void } {
  let pending = '';
  return {
    write(text) {
      pending += text;
      if (pending.length >= CHUNK_CHARS) {
        emit(Buffer.from(pending, 'utf8'), false);
        pending = '';
      }
    },
    end(text = '') {
      emit(Buffer.from(pending + text, 'utf8'), true);
      pending = '';
    },
  };
}
