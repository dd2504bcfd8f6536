import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import { assertSafeArchive, DocumentArchive } from '../../../electron/core/import/archive-check';
import { withDeclaredSize } from '../../integration/import/big-inputs';

const WORDS = { what: 'Word document', damaged: 'This .docx cannot be read.' };

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

// Text that compresses well but not absurdly (under the 200:1 ratio check), as XML does.
function prose(bytes: number): string {
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; n < bytes; i++) {
    const s = `<w:p>Turn ${i}: we talked about the ${i % 97} mentors and week ${i % 13}.</w:p>`;
    parts.push(s);
    n += s.length;
  }
  return parts.join('');
}

describe('DocumentArchive: entries are inflated here, every byte counted', () => {
  const xml = prose(300_000);
  const zip = zipSync({ 'word/document.xml': strToU8(xml), 'word/styles.xml': strToU8('<w:styles/>') });

  it('reads the parts of a sound archive exactly', () => {
    const archive = DocumentArchive.open('f.docx', zip, WORDS);
    expect(new TextDecoder().decode(archive.read('word/document.xml') ?? new Uint8Array())).toBe(xml);
    expect(archive.read('word/missing.xml')).toBeNull();
  });

  it('refuses a part that unpacks to more than its directory declares, as unsafe, naming the file', () => {
    const lying = withDeclaredSize(zip, 'word/document.xml', 2048);
    const archive = DocumentArchive.open('lying.docx', lying, WORDS);
    const err = refusal(() => archive.read('word/document.xml'));
    expect(err.code).toBe('IMPORT_UNSAFE_ARCHIVE');
    expect(err.message).toMatch(/“lying\.docx”: This Word document was refused for safety: .*unpacks to more than the 2048 bytes it declares.*Ask for a fresh copy/);
  });

  it('refuses a part that unpacks to less than it declares as damaged (never a silently short text)', () => {
    const short = withDeclaredSize(zip, 'word/document.xml', xml.length + 5000);
    const err = refusal(() => DocumentArchive.open('short.docx', short, WORDS).read('word/document.xml'));
    expect(err.code).toBe('IMPORT_BAD_FILE');
    expect(err.message).toContain('This .docx cannot be read.');
  });

  it('refuses a part larger than the part limit, and parts that together pass the total, with the limit named', () => {
    const part = refusal(() => DocumentArchive.open('big.docx', zip, WORDS, { partMaxBytes: 100_000, totalMaxBytes: 10_000_000 }).read('word/document.xml'));
    expect(part.code).toBe('IMPORT_TOO_LARGE');
    expect(part.message).toMatch(/This Word document unpacks to more than 98 KB, more than Condensa reads from one file; nothing was imported\. Split the transcript/);

    const archive = DocumentArchive.open('big.docx', zip, WORDS, { partMaxBytes: 1_000_000, totalMaxBytes: xml.length + 5 });
    archive.read('word/document.xml');
    const total = refusal(() => archive.read('word/styles.xml'));
    expect(total.code).toBe('IMPORT_TOO_LARGE');
  });

  it('assertSafeArchive inflates every entry, so a lying size is caught before another library trusts it', () => {
    expect(() => assertSafeArchive('f.docx', zip, WORDS)).not.toThrow();
    expect(refusal(() => assertSafeArchive('f.xlsx', withDeclaredSize(zip, 'word/styles.xml', 3), WORDS)).code).toBe('IMPORT_UNSAFE_ARCHIVE');
  });
});
