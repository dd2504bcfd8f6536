import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { AppError } from '../../../shared/api/errors';

/** A parsed element: namespace prefixes dropped, attribute and text entities decoded. */
export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** The element's own text (text nodes and CDATA, in order), not its children's. */
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

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // Entities stay off: no DOCTYPE can define one and nothing expands; we decode the predefined five.
  processEntities: false,
  htmlEntities: false,
  removeNSPrefix: true,
  cdataPropName: '#cdata',
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: 200,
});

function convert(node: OrderedNode, what: string): XmlElement | null {
  const name = Object.keys(node).find((k) => k !== ':@');
  if (!name || name === '#text' || name === '#cdata' || name.startsWith('?') || name.startsWith('!')) return null;
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(node[':@'] ?? {})) {
    if (k.startsWith('xmlns')) continue;
    attrs[k] = decodeEntities(String(v), what);
  }
  const children: XmlElement[] = [];
  let text = '';
  for (const child of (node[name] as OrderedNode[]) ?? []) {
    if ('#text' in child) text += decodeEntities(String(child['#text']), what);
    else if ('#cdata' in child) text += ((child['#cdata'] as { '#text'?: unknown }[]) ?? []).map((c) => String(c['#text'] ?? '')).join('');
    else {
      const el = convert(child, what);
      if (el) children.push(el);
    }
  }
  return { name, attrs, children, text };
}

/**
 * Parses untrusted XML. A DOCTYPE (the only way to declare entities, internal or external) is
 * refused outright; so is anything that is not well-formed.
 */
export function parseXml(xml: string, what: string): XmlElement {
  const body = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  if (/<!DOCTYPE|<!ENTITY/i.test(body)) {
    throw badXml(what, 'it contains a DOCTYPE or entity declaration, which REFI-QDA files never need (refused for safety)');
  }
  const valid = XMLValidator.validate(body);
  if (valid !== true) throw badXml(what, `it is not well-formed XML (line ${valid.err.line}: ${valid.err.msg})`);
  let ordered: OrderedNode[];
  try {
    ordered = parser.parse(body) as OrderedNode[];
  } catch (err) {
    throw badXml(what, err instanceof Error ? err.message : 'the parser failed');
  }
  const roots: XmlElement[] = [];
  for (const n of ordered) {
    if ('#text' in n) {
      if (String(n['#text']).trim()) throw badXml(what, 'it has text outside its root element');
      continue;
    }
    const el = convert(n, what);
    if (el) roots.push(el);
  }
  if (roots.length !== 1) throw badXml(what, roots.length === 0 ? 'it has no root element' : 'it has more than one root element');
  return roots[0];
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

/** A small streaming XML writer: strings go into one array, joined once at the end. */
export class XmlWriter {
  private readonly parts: string[] = ['<?xml version="1.0" encoding="utf-8"?>\n'];
  private depth = 0;

  private static attrs(attrs: Attrs): string {
    let out = '';
    for (const k in attrs) {
      const v = attrs[k];
      if (v === null || v === undefined) continue;
      out += ` ${k}="${typeof v === 'string' ? escapeAttr(v) : String(v)}"`;
    }
    return out;
  }

  private indent(): string {
    return '  '.repeat(this.depth);
  }

  open(name: string, attrs: Attrs = {}): this {
    this.parts.push(`${this.indent()}<${name}${XmlWriter.attrs(attrs)}>\n`);
    this.depth += 1;
    return this;
  }

  close(name: string): this {
    this.depth -= 1;
    this.parts.push(`${this.indent()}</${name}>\n`);
    return this;
  }

  empty(name: string, attrs: Attrs = {}): this {
    this.parts.push(`${this.indent()}<${name}${XmlWriter.attrs(attrs)}/>\n`);
    return this;
  }

  /** An element holding text exactly as given (no indentation inside it). */
  text(name: string, value: string, attrs: Attrs = {}): this {
    this.parts.push(`${this.indent()}<${name}${XmlWriter.attrs(attrs)}>${escapeText(value)}</${name}>\n`);
    return this;
  }

  toString(): string {
    return this.parts.join('');
  }
}
