import { TextDecoder } from 'node:util';
import { decodeWindows1252 } from '../../../shared/text/decode';
import { fileError } from './formats';
import { tidyParagraphs } from './read-docx';

// Destinations whose text is not body text: tables of fonts and styles, metadata, pictures, headers.
const SKIPPED_DESTINATIONS = new Set([
  'fonttbl', 'colortbl', 'stylesheet', 'info', 'pict', 'object', 'themedata', 'colorschememapping', 'datastore',
  'latentstyles', 'listtable', 'listoverridetable', 'rsidtbl', 'generator', 'xmlnstbl', 'mmathPr', 'fldinst',
  'header', 'headerl', 'headerr', 'headerf', 'footer', 'footerl', 'footerr', 'footerf', 'footnote', 'annotation',
  'pgdsctbl', 'revtbl', 'filetbl', 'bkmkstart', 'bkmkend', 'shppict', 'nonshppict', 'blipuid', 'txfieldtext',
]);

const SYMBOLS: Readonly<Record<string, string>> = {
  tab: '\t',
  emdash: '—',
  endash: '–',
  lquote: '‘',
  rquote: '’',
  ldblquote: '“',
  rdblquote: '”',
  bullet: '•',
  emspace: ' ',
  enspace: ' ',
  qmspace: ' ',
  line: '\n',
};

const SPECIAL = new Set(['{', '}', '\\', '\r', '\n']);

const PARAGRAPH_WORDS = new Set(['par', 'sect', 'page', 'row']);

interface GroupState {
  skip: boolean;
  /** How many fallback characters follow a \uN. */
  uc: number;
}

/** A small RTF reader: groups, control words, \par, \'hh in the document's code page, \uN; skips tables of fonts, styles, metadata and pictures. */
export function readRtf(fileName: string, bytes: Uint8Array): string {
  const src = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  if (!src.startsWith('{\\rtf')) {
    throw fileError('IMPORT_BAD_FILE', fileName, 'This is not a readable RTF file. Save it again as RTF or .docx.');
  }
  const reader = new RtfReader(src);
  const text = reader.read();
  // A group still open at the end means the file was cut short, and text after the document's
  // closing brace means braces that do not balance: either way some text would be lost unnoticed.
  if (reader.openGroups > 0) {
    throw fileError('IMPORT_BAD_FILE', fileName, 'This RTF file ends before its last group is closed, so it was probably cut short. Open it in Word or LibreOffice, check that the whole transcript is there, save it again and import the new copy.');
  }
  if (reader.textAfterEnd) {
    throw fileError('IMPORT_BAD_FILE', fileName, 'This RTF file’s braces do not balance: its text goes on after the end of the document. Open it in Word or LibreOffice, save it again and import the new copy.');
  }
  return text;
}

class RtfReader {
  private readonly src: string;
  private pos = 0;
  private readonly stack: GroupState[] = [];
  private state: GroupState = { skip: false, uc: 1 };
  private readonly paragraphs: string[] = [];
  private current = '';
  private pendingBytes: number[] = [];
  private decode: (bytes: Uint8Array) => string = decodeWindows1252;
  /** Fallback characters still to drop after a \uN. */
  private skipChars = 0;

  /** Set by read(): whether anything but spaces and stray closing braces follows the document's group. */
  textAfterEnd = false;

  constructor(src: string) {
    this.src = src;
  }

  get openGroups(): number {
    return this.stack.length;
  }

  read(): string {
    const src = this.src;
    while (this.pos < src.length) {
      const ch = src[this.pos];
      if (ch === '{') {
        this.flushBytes();
        this.stack.push(this.state);
        this.state = { ...this.state };
        this.pos++;
        this.markDestinationStart();
      } else if (ch === '}') {
        this.flushBytes();
        this.state = this.stack.pop() ?? this.state;
        this.pos++;
        if (this.stack.length === 0) {
          // The document's own group has closed: what follows is not part of it.
          this.textAfterEnd = !/^[\s\0}]*$/.test(src.slice(this.pos));
          break;
        }
      } else if (ch === '\\') {
        this.controlSequence();
      } else if (ch === '\r' || ch === '\n') {
        this.pos++;
      } else {
        this.flushBytes();
        this.plainRun();
      }
    }
    this.flushBytes();
    this.paragraphs.push(this.current);
    return tidyParagraphs(this.paragraphs);
  }

  // `{\*\dest …}` and the known non-text destinations are skipped as a whole group.
  private markDestinationStart(): void {
    const rest = this.src.slice(this.pos, this.pos + 40);
    if (rest.startsWith('\\*')) {
      this.state.skip = true;
      return;
    }
    const word = /^\\([a-zA-Z]+)/.exec(rest);
    if (word && SKIPPED_DESTINATIONS.has(word[1])) this.state.skip = true;
  }

  private controlSequence(): void {
    const src = this.src;
    const next = src[this.pos + 1];
    if (next === undefined) {
      this.pos++;
      return;
    }
    if (next === "'") {
      const hex = src.slice(this.pos + 2, this.pos + 4);
      this.pos += 4;
      if (this.skipChars > 0) {
        this.skipChars--;
        return;
      }
      const byte = Number.parseInt(hex, 16);
      if (!Number.isNaN(byte) && !this.state.skip) this.pendingBytes.push(byte);
      return;
    }
    this.flushBytes();
    if (!/[a-zA-Z]/.test(next)) {
      this.pos += 2;
      this.controlSymbol(next);
      return;
    }
    const match = /^([a-zA-Z]{1,32})(-?\d{1,10})? ?/.exec(src.slice(this.pos + 1, this.pos + 48));
    if (!match) {
      this.pos += 2;
      return;
    }
    this.pos += 1 + match[0].length;
    this.controlWord(match[1], match[2] === undefined ? null : Number(match[2]));
  }

  private controlSymbol(symbol: string): void {
    if (symbol === '\\' || symbol === '{' || symbol === '}') this.emit(symbol);
    else if (symbol === '~') this.emit(' ');
    else if (symbol === '_') this.emit('‑');
    else if (symbol === '\r' || symbol === '\n') this.paragraphBreak();
    // \- (optional hyphen) and \* (handled at group start) print nothing.
  }

  private controlWord(word: string, param: number | null): void {
    if (word === 'bin') {
      this.pos += Math.max(0, param ?? 0);
      return;
    }
    if (word === 'ansicpg' && param !== null) {
      this.decode = decoderFor(param);
      return;
    }
    if (word === 'uc' && param !== null) {
      this.state.uc = Math.max(0, param);
      return;
    }
    if (word === 'u' && param !== null) {
      // \uN is a signed 16-bit number; the next `uc` characters are a fallback for old readers.
      this.emit(String.fromCharCode(param < 0 ? param + 65536 : param));
      this.skipChars = this.state.uc;
      return;
    }
    if (PARAGRAPH_WORDS.has(word)) {
      this.paragraphBreak();
      return;
    }
    if (word === 'cell') {
      this.emit('\t');
      return;
    }
    const symbol = SYMBOLS[word];
    if (symbol !== undefined) this.emit(symbol);
  }

  // Ordinary characters go out as one slice up to the next brace, backslash or line end: a string
  // grown a character at a time would hold a rope node per character, many times the text's size.
  private plainRun(): void {
    const src = this.src;
    let end = this.pos;
    while (end < src.length && !SPECIAL.has(src[end])) end++;
    // The fallback characters after a \uN are dropped one by one.
    while (this.skipChars > 0 && this.pos < end) {
      this.skipChars--;
      this.pos++;
    }
    if (this.pos < end && !this.state.skip) this.current += src.slice(this.pos, end);
    this.pos = end;
  }

  private emit(text: string): void {
    if (this.skipChars > 0) {
      this.skipChars--;
      return;
    }
    if (!this.state.skip) this.current += text;
  }

  private paragraphBreak(): void {
    this.skipChars = 0;
    if (this.state.skip) return;
    this.paragraphs.push(this.current);
    this.current = '';
  }

  // Consecutive \'hh bytes are decoded together, so double-byte code pages come out whole.
  private flushBytes(): void {
    if (this.pendingBytes.length === 0) return;
    const text = this.decode(new Uint8Array(this.pendingBytes));
    this.pendingBytes = [];
    if (!this.state.skip) this.current += text;
  }
}

// Node's TextDecoder reads windows-1252 as Latin-1 and drops 0x80–0x9F (€, “, ”), hence our own table for it.
function decoderFor(codePage: number): (bytes: Uint8Array) => string {
  if (codePage === 1252) return decodeWindows1252;
  const label = codePage === 65001 ? 'utf-8' : codePage === 932 ? 'shift_jis' : codePage === 936 ? 'gbk' : codePage === 949 ? 'euc-kr' : codePage === 950 ? 'big5' : `windows-${codePage}`;
  try {
    const decoder = new TextDecoder(label);
    return (bytes) => decoder.decode(bytes);
  } catch {
    return decodeWindows1252;
  }
}
