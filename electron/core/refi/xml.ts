import { Buffer, isUtf8 } from 'node:buffer';
import { AppError } from '../../../shared/api/errors';

/** A parsed element: namespace prefixes dropped, attribute and text entities decoded. */
export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** The element's own text (text nodes and CDATA, in order), not its children's; whitespace alone beside child elements (layout) is left out. */
  readonly text: string;
}

function badXml(what: string, detail: string): AppError {
  return new AppError('REFI_BAD_XML', `${what} cannot be read: ${detail}. Export it again from the program that made it; nothing was imported.`);
}

const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the five predefined entities and character references; any other entity is refused. */
function decodeEntities(value: string, what: string): string {
  if (!value.includes('&')) return value;
  return value.replace(/&([^;&\s]{0,32});?/g, (whole, body: string) => {
    if (!whole.endsWith(';')) throw badXml(what, 'it holds a bare “&”');
    if (body in PREDEFINED) return PREDEFINED[body];
    const m = /^#(x[0-9a-fA-F]+|[0-9]+)$/.exec(body);
    if (!m) throw badXml(what, `it uses the entity “&${body.slice(0, 20)};”, which only a DOCTYPE could define`);
    const code = m[1].startsWith('x') ? parseInt(m[1].slice(1), 16) : parseInt(m[1], 10);
    if (!Number.isFinite(code) || code > 0x10ffff || code === 0) throw badXml(what, `it holds an invalid character reference “&${body};”`);
    return String.fromCodePoint(code);
  });
}

/** How deep elements may nest: REFI-QDA needs a few dozen levels; 10,000 is an attack on the stack. */
const MAX_DEPTH = 200;

// An XML name: a letter, '_' or ':' (or any character past Latin-1), then also digits, '-', '.', '·'.
const NAME = /^[A-Za-z_:\u00C0-\uFFFF][\w.:\u00B7\u00C0-\uFFFF-]*$/;

/**
 * XML text as the scanner reads it. UTF-8 bytes are taken one byte per character (`utf8InLatin1`):
 * a plain copy, where decoding a large study's 62 MB project.qde into a string of two-byte
 * characters took half a second and made every name, GUID and number cut from it a two-byte string
 * as well. The markup is ASCII, so the scanner reads it the same way; only values, text and names
 * that hold a byte past ASCII are decoded as UTF-8 when they are taken out.
 */
export interface XmlText {
  readonly text: string;
  readonly utf8InLatin1: boolean;
}

/** Bytes that are UTF-8 (a BOM dropped) as XmlText; null for anything else (UTF-16, a legacy code page), which is decoded first. */
export function utf8Xml(bytes: Uint8Array): XmlText | null {
  const from = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = Buffer.from(bytes.buffer, bytes.byteOffset + from, bytes.byteLength - from);
  // A NUL is no XML character: such bytes are UTF-16 without a BOM, or not text (the decoder says which).
  if (body.subarray(0, 8192).includes(0) || !isUtf8(body)) return null;
  return { text: body.toString('latin1'), utf8InLatin1: true };
}

// eslint-disable-next-line no-control-regex
const NOT_ASCII = /[^\u0000-\u007f]/;

interface Building {
  readonly raw: string;
  readonly element: { name: string; attrs: Record<string, string>; children: XmlElement[]; text: string };
}

// Most elements of a large project have no attributes or no children: they share these until they get some.
const NO_ATTRS: Readonly<Record<string, string>> = Object.freeze({});
const NO_CHILDREN: readonly XmlElement[] = Object.freeze([]);

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

/**
 * One pass over the text with indexOf, building the elements as it goes: the project document of
 * a large study is tens of megabytes, and a token tree converted afterwards costs seconds. It checks
 * what well-formedness the reading depends on: tags that close in order, quoted attributes given
 * once, names, one root, no text outside it, comments, CDATA and processing instructions closed.
 */
class Scanner {
  /** Each raw name met, decoded and checked once. */
  private readonly names = new Map<string, string>();

  constructor(
    private readonly xml: string,
    private readonly what: string,
    private readonly utf8InLatin1: boolean,
  ) {}

  /** A piece cut from the text, as characters: UTF-8 read one byte per character is decoded here. */
  private chars(piece: string): string {
    return this.utf8InLatin1 && NOT_ASCII.test(piece) ? Buffer.from(piece, 'latin1').toString('utf8') : piece;
  }

  private fail(at: number, detail: string): never {
    let line = 1;
    for (let i = this.xml.indexOf('\n'); i >= 0 && i < at; i = this.xml.indexOf('\n', i + 1)) line += 1;
    throw badXml(this.what, `it is not well-formed XML (line ${line}: ${detail})`);
  }

  private name(raw: string, at: number): string {
    let name = this.names.get(raw);
    if (name === undefined) {
      name = this.chars(raw);
      if (!NAME.test(name)) this.fail(at, `“${name.slice(0, 40)}” is not a valid name`);
      this.names.set(raw, name);
    }
    return name;
  }

  document(): XmlElement {
    const s = this.xml;
    const n = s.length;
    const stack: Building[] = [];
    let root: XmlElement | null = null;
    let pos = 0;
    while (pos < n) {
      const lt = s.indexOf('<', pos);
      const end = lt < 0 ? n : lt;
      const next = lt < 0 ? -1 : s.charCodeAt(lt + 1);
      if (end > pos) {
        const top = stack[stack.length - 1];
        if (!top) {
          if (s.slice(pos, end).trim()) throw badXml(this.what, 'it has text outside its root element');
        } else if (!this.indentation(pos, end, top, next)) top.element.text += decodeEntities(this.chars(s.slice(pos, end)), this.what);
      }
      if (lt < 0) break;
      if (next === 47 /* / */) {
        const gt = s.indexOf('>', lt);
        if (gt < 0) this.fail(lt, 'a closing tag is not finished');
        const closing = s.slice(lt + 2, gt).trimEnd();
        const raw = this.names.get(closing) ?? this.chars(closing);
        const top = stack.pop();
        if (!top) this.fail(lt, `the closing tag </${raw.slice(0, 40)}> has no opening tag`);
        if (top.raw !== raw) this.fail(lt, `<${top.raw}> is closed by </${raw.slice(0, 40)}>`);
        pos = gt + 1;
      } else if (next === 63 /* ? */) {
        const close = s.indexOf('?>', lt + 2);
        if (close < 0) this.fail(lt, 'a processing instruction is not closed');
        pos = close + 2;
      } else if (next === 33 /* ! */) {
        if (s.startsWith('<!--', lt)) {
          const close = s.indexOf('-->', lt + 4);
          if (close < 0) this.fail(lt, 'a comment is not closed');
          pos = close + 3;
        } else if (s.startsWith('<![CDATA[', lt)) {
          const close = s.indexOf(']]>', lt + 9);
          if (close < 0) this.fail(lt, 'a CDATA section is not closed');
          const top = stack[stack.length - 1];
          if (!top) this.fail(lt, 'a CDATA section lies outside the root element');
          top.element.text += this.chars(s.slice(lt + 9, close));
          pos = close + 3;
        } else this.fail(lt, 'unexpected “<!”');
      } else {
        const parent = stack[stack.length - 1];
        if (!parent && root) throw badXml(this.what, 'it has more than one root element');
        const tag = this.openTag(lt, stack.length);
        if (!parent) root = tag.element;
        else if (parent.element.children === NO_CHILDREN) parent.element.children = [tag.element];
        else parent.element.children.push(tag.element);
        if (tag.open) stack.push(tag);
        pos = tag.end;
      }
    }
    if (stack.length) this.fail(n, `<${stack[stack.length - 1].raw}> is not closed`);
    if (!root) throw badXml(this.what, 'it has no root element');
    return root;
  }

  /**
   * Whitespace alone between `pos` and `end` beside a child element of `top`: before a start tag
   * (`next`, the character after the '<', is a name's), or after a child. It is layout, not text;
   * skipped, a large project's hundreds of thousands of such runs are never cut out and joined.
   */
  private indentation(pos: number, end: number, top: Building, next: number): boolean {
    if (top.element.children === NO_CHILDREN && (next === 47 /* / */ || next === 33 /* ! */ || next === 63 /* ? */)) return false;
    const s = this.xml;
    for (let i = pos; i < end; i += 1) if (!isSpace(s.charCodeAt(i))) return false;
    return true;
  }

  /** Reads the start tag at `lt`: its element, whether it stays open (not <…/>), and where the text after it begins. */
  private openTag(lt: number, depth: number): Building & { readonly open: boolean; readonly end: number } {
    const s = this.xml;
    const n = s.length;
    let p = lt + 1;
    while (p < n) {
      const c = s.charCodeAt(p);
      if (isSpace(c) || c === 47 || c === 62) break;
      p += 1;
    }
    const raw = this.name(s.slice(lt + 1, p), lt);
    if (depth >= MAX_DEPTH) throw badXml(this.what, `its elements nest more than ${MAX_DEPTH} deep`);
    const element = { name: raw.slice(raw.indexOf(':') + 1), attrs: NO_ATTRS as Record<string, string>, children: NO_CHILDREN as XmlElement[], text: '' };
    for (;;) {
      const before = p;
      while (p < n && isSpace(s.charCodeAt(p))) p += 1;
      if (p >= n) this.fail(lt, `the tag <${raw}> is not finished`);
      const c = s.charCodeAt(p);
      if (c === 62 /* > */) return { raw, element, open: true, end: p + 1 };
      if (c === 47 /* / */ && s.charCodeAt(p + 1) === 62) return { raw, element, open: false, end: p + 2 };
      if (p === before) this.fail(p, `the tag <${raw}> needs a space before each attribute`);
      const nameStart = p;
      while (p < n) {
        const d = s.charCodeAt(p);
        if (d === 61 || isSpace(d) || d === 47 || d === 62) break;
        p += 1;
      }
      const attr = this.name(s.slice(nameStart, p), nameStart);
      while (p < n && isSpace(s.charCodeAt(p))) p += 1;
      if (s.charCodeAt(p) !== 61 /* = */) this.fail(p, `the attribute ${attr} of <${raw}> has no value`);
      p += 1;
      while (p < n && isSpace(s.charCodeAt(p))) p += 1;
      const quote = s.charCodeAt(p);
      if (quote !== 34 && quote !== 39) this.fail(p, `the value of ${attr} is not in quotes`);
      const close = s.indexOf(quote === 34 ? '"' : "'", p + 1);
      if (close < 0) this.fail(p, `the value of ${attr} is not closed`);
      const value = s.slice(p + 1, close);
      if (value.includes('<')) this.fail(p, `the value of ${attr} holds a “<”`);
      if (!attr.startsWith('xmlns')) {
        const local = attr.slice(attr.indexOf(':') + 1);
        if (element.attrs === NO_ATTRS) element.attrs = {};
        else if (Object.hasOwn(element.attrs, local)) this.fail(nameStart, `<${raw}> has the attribute ${local} twice`);
        element.attrs[local] = decodeEntities(this.chars(value), this.what);
      }
      p = close + 1;
    }
  }
}

/**
 * Parses untrusted XML. A DOCTYPE (the only way to declare entities, internal or external) is
 * refused outright; so is anything that is not well-formed.
 */
export function parseXml(xml: string | XmlText, what: string): XmlElement {
  const { text, utf8InLatin1 } = typeof xml === 'string' ? { text: xml, utf8InLatin1: false } : xml;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (/<!DOCTYPE|<!ENTITY/i.test(body)) {
    throw badXml(what, 'it contains a DOCTYPE or entity declaration, which REFI-QDA files never need (refused for safety)');
  }
  return new Scanner(body, what, utf8InLatin1).document();
}

export function childrenNamed(el: XmlElement | undefined, name: string): XmlElement[] {
  return el ? el.children.filter((c) => c.name === name) : [];
}

export function firstChild(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}

// ---- writing ------------------------------------------------------------------------------

// XML 1.0 cannot carry these at all, not even as references: they become U+FFFD.
// eslint-disable-next-line no-control-regex
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// Most values (GUIDs, numbers, plain words) need no escaping: one test skips the replacements.
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[&<>"\u0000-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

export function escapeText(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(INVALID_XML_CHARS, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

export function escapeAttr(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  return escapeText(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

export type Attrs = Readonly<Record<string, string | number | boolean | null | undefined>>;

/** Bytes gathered before they are handed on: large enough that hand-overs are few, small enough to stay young. */
const CHUNK_BYTES = 1 << 20;

const INDENTS: string[] = [];

function indentOf(depth: number): string {
  return (INDENTS[depth] ??= '  '.repeat(depth));
}

/**
 * A small streaming XML writer. Each line is encoded to UTF-8 straight into a buffer of a
 * megabyte, handed on when full: the project document of a large study (65 MB) never exists as
 * one string, and no megabyte-long string of a hundred thousand pieces is built only to be
 * encoded (that cost more than the writing itself).
 */
export class XmlWriter {
  private readonly chunks: Buffer[] = [];
  private buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  private depth = 0;

  /** `sink`, when given, takes each megabyte as it is filled (and `rest()` the last bytes); else the writer keeps them. */
  constructor(private readonly sink?: (chunk: Buffer) => void) {
    this.put('<?xml version="1.0" encoding="utf-8"?>\n');
  }

  private static attrs(attrs: Attrs): string {
    let out = '';
    for (const k in attrs) {
      const v = attrs[k];
      if (v === null || v === undefined) continue;
      out += ` ${k}="${typeof v === 'string' ? escapeAttr(v) : String(v)}"`;
    }
    return out;
  }

  private put(line: string): void {
    // UTF-8 takes at most three bytes for each UTF-16 code unit.
    if (this.used + line.length * 3 > this.buffer.length) {
      this.hand(this.rest());
      if (line.length * 3 > this.buffer.length) {
        this.hand(Buffer.from(line, 'utf8'));
        return;
      }
    }
    this.used += this.buffer.write(line, this.used);
  }

  private hand(chunk: Buffer): void {
    if (chunk.length === 0) return;
    if (this.sink) this.sink(chunk);
    else this.chunks.push(chunk);
  }

  /** What was written since the last chunk, encoded. */
  rest(): Buffer {
    const chunk = this.buffer.subarray(0, this.used);
    this.buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    this.used = 0;
    return chunk;
  }

  open(name: string, attrs: Attrs = {}): this {
    this.put(`${indentOf(this.depth)}<${name}${XmlWriter.attrs(attrs)}>\n`);
    this.depth += 1;
    return this;
  }

  close(name: string): this {
    this.depth -= 1;
    this.put(`${indentOf(this.depth)}</${name}>\n`);
    return this;
  }

  empty(name: string, attrs: Attrs = {}): this {
    this.put(`${indentOf(this.depth)}<${name}${XmlWriter.attrs(attrs)}/>\n`);
    return this;
  }

  /** An element holding text exactly as given (no indentation inside it). */
  text(name: string, value: string, attrs: Attrs = {}): this {
    this.put(`${indentOf(this.depth)}<${name}${XmlWriter.attrs(attrs)}>${escapeText(value)}</${name}>\n`);
    return this;
  }

  toString(): string {
    return Buffer.concat([...this.chunks, this.rest()]).toString('utf8');
  }
}
