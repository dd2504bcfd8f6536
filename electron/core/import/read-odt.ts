import { XMLParser } from 'fast-xml-parser';
import { decodeEntities } from '../../../shared/text/entities';
import { DocumentArchive } from './archive-check';
import { fileError } from './formats';
import { tidyParagraphs } from './read-docx';
import { BOLD_MARKS, LABEL_STYLE_NAME, boldLabelCandidate, resolveBoldLabels, rowAsTurn } from './turn-columns';

type XmlNode = Record<string, unknown>;

const PARAGRAPHS = new Set(['text:p', 'text:h']);
// Inside these, nothing is body text.
const SKIPPED = new Set(['office:annotation', 'text:note', 'text:tracked-changes', 'draw:frame', 'text:bookmark-ref', 'office:forms']);

/**
 * The text of an OpenDocument text file, one paragraph (text:p or text:h) per block; a bold or
 * speaker-styled name opening a paragraph labels its words, and a table of turns gives a turn a row.
 */
export function readOdt(fileName: string, bytes: Uint8Array): string {
  const archive = DocumentArchive.open(fileName, bytes, { what: 'OpenDocument file', damaged: DAMAGED });
  const xml = contentXml(fileName, archive);
  const styles = archive.read('styles.xml');
  const labelStyles = labelStyleNames(xml + (styles ? new TextDecoder('utf-8').decode(styles) : ''));
  // Entities stay unexpanded (no DOCTYPE tricks); the five XML ones are decoded by hand below.
  const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, processEntities: false, trimValues: false, parseTagValue: false });
  let tree: XmlNode[];
  try {
    tree = parser.parse(xml) as XmlNode[];
  } catch {
    throw badOdt(fileName);
  }
  const paragraphs: string[] = [];
  walk(tree, paragraphs, labelStyles);
  return resolveBoldLabels(tidyParagraphs(paragraphs));
}

const TEXT_STYLE = /<style:style\b([^>]*)>([\s\S]*?)<\/style:style>/g;
const BOLD_WEIGHT = /fo:font-weight="(?:bold|[6-9]00)"/;

/** Names of the text styles that set bold or are named for speakers' labels. */
function labelStyleNames(xml: string): Set<string> {
  const names = new Set<string>();
  for (const [, attributes, body] of xml.matchAll(TEXT_STYLE)) {
    if (!/style:family="text"/.test(attributes)) continue;
    const name = /style:name="([^"]*)"/.exec(attributes)?.[1];
    const shown = /style:display-name="([^"]*)"/.exec(attributes)?.[1] ?? name ?? '';
    if (name && (BOLD_WEIGHT.test(body) || LABEL_STYLE_NAME.test(decodeEntities(shown)))) names.add(name);
  }
  return names;
}

function contentXml(fileName: string, archive: DocumentArchive): string {
  // Inflated by the archive, which refuses an entry that unpacks to more than it declares: a
  // library trusting the declared size would cut the text short without a word.
  const content = archive.read('content.xml');
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

function walk(nodes: readonly XmlNode[], paragraphs: string[], labelStyles: ReadonlySet<string>): void {
  for (const node of nodes) {
    const tag = tagOf(node);
    if (tag === null || SKIPPED.has(tag) || tag === 'table:table-header-rows') continue;
    const children = node[tag];
    if (PARAGRAPHS.has(tag)) paragraphs.push(paragraphText(children as XmlNode[], labelStyles));
    else if (tag === 'table:table-row' && Array.isArray(children)) {
      const line = rowAsTurn(cellsOf(children as XmlNode[], labelStyles));
      if (line !== null) paragraphs.push(line);
    } else if (Array.isArray(children)) walk(children as XmlNode[], paragraphs, labelStyles);
  }
}

function cellsOf(row: readonly XmlNode[], labelStyles: ReadonlySet<string>): string[] {
  const cells: string[] = [];
  for (const cell of row) {
    if (tagOf(cell) !== 'table:table-cell') continue;
    const paragraphs: string[] = [];
    walk(cell['table:table-cell'] as XmlNode[], paragraphs, labelStyles);
    cells.push(paragraphs.join('\n'));
  }
  return cells;
}

// A paragraph that opens with spans in a bold or speaker style: when they hold a name and words
// follow, the name labels them (`Mentee 3: …`), as a colon would.
function paragraphText(nodes: readonly XmlNode[], labelStyles: ReadonlySet<string>): string {
  let i = 0;
  while (i < nodes.length && tagOf(nodes[i]) === '#text' && String(nodes[i]['#text']).trim() === '') i++;
  let run = '';
  for (; i < nodes.length && isLabelSpan(nodes[i], labelStyles); i++) run += inlineText(nodes[i]['text:span'] as XmlNode[]);
  const rest = inlineText(nodes.slice(i));
  return (run !== '' ? boldLabelCandidate(run, rest) : null) ?? `${run}${rest}`;
}

function isLabelSpan(node: XmlNode, labelStyles: ReadonlySet<string>): boolean {
  if (tagOf(node) !== 'text:span' || !Array.isArray(node['text:span'])) return false;
  const style = (node[':@'] as Record<string, string> | undefined)?.['@_text:style-name'];
  return style !== undefined && labelStyles.has(style);
}

function inlineText(nodes: readonly XmlNode[]): string {
  let out = '';
  for (const node of nodes) {
    const tag = tagOf(node);
    if (tag === '#text') out += decodeEntities(String(node[tag])).replace(BOLD_MARKS, '');
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
