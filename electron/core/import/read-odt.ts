import { XMLParser } from 'fast-xml-parser';
import { decodeEntities } from '../../../shared/text/entities';
import { DocumentArchive } from './archive-check';
import { fileError } from './formats';
import { tidyParagraphs } from './read-docx';

type XmlNode = Record<string, unknown>;

const PARAGRAPHS = new Set(['text:p', 'text:h']);
// Inside these, nothing is body text.
const SKIPPED = new Set(['office:annotation', 'text:note', 'text:tracked-changes', 'draw:frame', 'text:bookmark-ref', 'office:forms']);

/** The text of an OpenDocument text file, one paragraph (text:p or text:h) per block. */
export function readOdt(fileName: string, bytes: Uint8Array): string {
  const xml = contentXml(fileName, bytes);
  // Entities stay unexpanded (no DOCTYPE tricks); the five XML ones are decoded by hand below.
  const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, processEntities: false, trimValues: false, parseTagValue: false });
  let tree: XmlNode[];
  try {
    tree = parser.parse(xml) as XmlNode[];
  } catch {
    throw badOdt(fileName);
  }
  const paragraphs: string[] = [];
  walk(tree, paragraphs);
  return tidyParagraphs(paragraphs);
}

function contentXml(fileName: string, bytes: Uint8Array): string {
  // Inflated by the archive, which refuses an entry that unpacks to more than it declares: a
  // library trusting the declared size would cut the text short without a word.
  const content = DocumentArchive.open(fileName, bytes, { what: 'OpenDocument file', damaged: DAMAGED }).read('content.xml');
  if (!content) throw badOdt(fileName);
  const xml = new TextDecoder('utf-8').decode(content);
  // LibreOffice never writes a DOCTYPE into content.xml; one there only serves entity tricks.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    throw fileError('IMPORT_BAD_FILE', fileName, 'This .odt declares XML entities (a DOCTYPE), which OpenDocument files never do; it was refused for safety. Open it in LibreOffice, save it again and import the new copy.');
  }
  return xml;
}

const DAMAGED = 'This .odt cannot be read (it may be damaged or cut short). Open it in LibreOffice, save it again and import the new copy.';

function badOdt(fileName: string) {
  return fileError('IMPORT_BAD_FILE', fileName, DAMAGED);
}

function tagOf(node: XmlNode): string | null {
  for (const key of Object.keys(node)) if (key !== ':@') return key;
  return null;
}

function walk(nodes: readonly XmlNode[], paragraphs: string[]): void {
  for (const node of nodes) {
    const tag = tagOf(node);
    if (tag === null || SKIPPED.has(tag)) continue;
    const children = node[tag];
    if (PARAGRAPHS.has(tag)) paragraphs.push(inlineText(children as XmlNode[]));
    else if (Array.isArray(children)) walk(children as XmlNode[], paragraphs);
  }
}

function inlineText(nodes: readonly XmlNode[]): string {
  let out = '';
  for (const node of nodes) {
    const tag = tagOf(node);
    if (tag === '#text') out += decodeEntities(String(node[tag]));
    else if (tag === 'text:s') out += ' '.repeat(spaceCount(node));
    else if (tag === 'text:tab') out += '\t';
    else if (tag === 'text:line-break') out += '\n';
    else if (tag !== null && !SKIPPED.has(tag) && Array.isArray(node[tag])) out += inlineText(node[tag] as XmlNode[]);
  }
  return out;
}

function spaceCount(node: XmlNode): number {
  const attrs = node[':@'] as Record<string, string> | undefined;
  const n = Number(attrs?.['@_text:c'] ?? 1);
  return Number.isInteger(n) && n > 0 && n < 1000 ? n : 1;
}
