import { describe, it, expect } from 'vitest';
import { decodeText, normalizeNewlines, TextError } from '../../../shared/text';

function utf16(text: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const bytes: number[] = bom ? (littleEndian ? [0xff, 0xfe] : [0xfe, 0xff]) : [];
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const pair = [unit & 0xff, unit >> 8];
    bytes.push(...(littleEndian ? pair : pair.reverse()));
  }
  return Uint8Array.from(bytes);
}

function binaryCode(bytes: Uint8Array): string | undefined {
  try {
    decodeText(bytes);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(TextError);
    return (error as TextError).code;
  }
}

describe('decodeText', () => {
  it('reads plain UTF-8', () => {
    expect(decodeText(new TextEncoder().encode('Interviewer: café ✓'))).toEqual({
      text: 'Interviewer: café ✓',
      encoding: 'utf-8',
    });
  });

  it('drops a UTF-8 BOM and reports it', () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('P1: hi')]);
    expect(decodeText(bytes)).toEqual({ text: 'P1: hi', encoding: 'utf-8-bom' });
  });

  it.each([
    ['utf-16le', true, true],
    ['utf-16le', true, false],
    ['utf-16be', false, true],
    ['utf-16be', false, false],
  ] as const)('reads %s (BOM: %s)', (encoding, littleEndian, bom) => {
    const text = 'Moderator: Grüße, Zoë!\r\nP1: Ja.';
    expect(decodeText(utf16(text, littleEndian, bom))).toEqual({ text, encoding });
  });

  it('keeps astral characters in UTF-16', () => {
    expect(decodeText(utf16('P1: 🙂 ok', true, true)).text).toBe('P1: 🙂 ok');
  });

  it('reads "café" in windows-1252 bytes', () => {
    expect(decodeText(Uint8Array.from([0x63, 0x61, 0x66, 0xe9]))).toEqual({ text: 'café', encoding: 'windows-1252' });
  });

  it('falls back to windows-1252 when the bytes are not UTF-8', () => {
    // "café – “quoted”" in windows-1252: é = E9, – = 96, “ = 93, ” = 94.
    const bytes = Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x96, 0x20, 0x93, 0x71, 0x94]);
    expect(decodeText(bytes)).toEqual({ text: 'café – “q”', encoding: 'windows-1252' });
  });

  it('decodes empty input as empty UTF-8', () => {
    expect(decodeText(new Uint8Array())).toEqual({ text: '', encoding: 'utf-8' });
  });

  it('rejects a NUL byte in would-be UTF-8 text', () => {
    expect(binaryCode(new TextEncoder().encode('abc\u0000def'))).toBe('IMPORT_BINARY');
  });

  it('rejects bytes full of control characters', () => {
    const bytes = Uint8Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x41));
    expect(binaryCode(bytes)).toBe('IMPORT_BINARY');
  });

  it('rejects a typical binary header (ZIP / .docx)', () => {
    const bytes = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00]);
    expect(binaryCode(bytes)).toBe('IMPORT_BINARY');
  });

  it('throws an error object carrying code and message', () => {
    try {
      decodeText(Uint8Array.from([0, 0, 0, 1, 2, 3]));
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: 'IMPORT_BINARY', message: expect.any(String) });
    }
  });

  it('accepts tabs and form feeds as text', () => {
    expect(decodeText(new TextEncoder().encode('a\tb\fc\r\n')).text).toBe('a\tb\fc\r\n');
  });
});

describe('normalizeNewlines', () => {
  it('turns CRLF and lone CR into LF', () => {
    expect(normalizeNewlines('a\r\nb\rc\n\r\nd')).toBe('a\nb\nc\n\nd');
  });

  it('leaves LF text alone', () => {
    expect(normalizeNewlines('a\n\nb')).toBe('a\n\nb');
  });
});
