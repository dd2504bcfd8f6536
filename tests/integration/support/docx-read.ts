import { XMLParser } from 'fast-xml-parser';
import { strFromU8, unzipSync } from 'fflate';

// Reads a .docx back the way a test needs it: the body in order (paragraphs with their style,
// tables with rows and cells), the page setup of every section and the footers' fields.

type XmlNode = Record<string, unknown>;

// Text stays as written: "0.920" must not come back as the number 0.92.
const parser = new XMLParser({ ignoreAttributes: false, preserveOrder: true, trimValues: false, processEntities: true, htmlEntities: false, parseTagValue: false });

function tagOf(node: XmlNode): string {
  return Object.keys(node).find((k) => k !== ':@') ?? '';
}

function childrenOf(node: XmlNode): XmlNode[] {
  const value = node[tagOf(node)];
  return Array.isArray(value) ? (value as XmlNode[]) : [];
}

function attr(node: XmlNode, name: string): string | undefined {
  return (node[':@'] as Record<string, string> | undefined)?.[`@_${name}`];
}

function find(nodes: readonly XmlNode[], tag: string): XmlNode | undefined {
  return nodes.find((n) => tagOf(n) === tag);
}

function findAll(node: XmlNode, tag: string, out: XmlNode[] = []): XmlNode[] {
  for (const c of childrenOf(node)) {
    if (tagOf(c) === tag) out.push(c);
    findAll(c, tag, out);
  }
  return out;
}

/** The text of a node: every w:t inside it, in order. */
export function textOf(node: XmlNode): string {
  return findAll(node, 'w:t')
    .map((t) =>
      childrenOf(t)
        .map((x) => String((x as { '#text'?: unknown })['#text'] ?? ''))
        .join(''),
    )
    .join('');
}

export interface DocxParagraph {
  readonly kind: 'p';
  readonly text: string;
  readonly style: string | null;
}

export interface DocxRow {
  /** Marked as a header row that repeats on every page (w:tblHeader). */
  readonly header: boolean;
  /** Each cell's paragraphs joined by a line break. */
  readonly cells: readonly string[];
  readonly spans: readonly number[];
}

export interface DocxTable {
  readonly kind: 'table';
  readonly rows: readonly DocxRow[];
  /** The paragraph just before the table (its caption). */
  readonly caption: string;
  /** The section the table is in (0-based). */
  readonly section: number;
}

export interface DocxSection {
  readonly orientation: string | null;
  readonly width: number;
  readonly height: number;
}

export interface DocxContent {
  readonly blocks: readonly (DocxParagraph | DocxTable)[];
  readonly tables: readonly DocxTable[];
  readonly paragraphs: readonly DocxParagraph[];
  readonly sections: readonly DocxSection[];
  readonly footers: readonly string[];
  readonly documentXml: string;
  /** Every text of the package: body, footers, headers, core properties. */
  readonly allText: string;
}

function sectionOf(sectPr: XmlNode): DocxSection {
  const size = find(childrenOf(sectPr), 'w:pgSz');
  return { orientation: size ? (attr(size, 'w:orient') ?? null) : null, width: Number(size ? attr(size, 'w:w') : 0), height: Number(size ? attr(size, 'w:h') : 0) };
}

function rowOf(tr: XmlNode): DocxRow {
  const trPr = find(childrenOf(tr), 'w:trPr');
  const header = trPr ? find(childrenOf(trPr), 'w:tblHeader') !== undefined : false;
  const cells = childrenOf(tr).filter((c) => tagOf(c) === 'w:tc');
  return {
    header,
    cells: cells.map((tc) =>
      childrenOf(tc)
        .filter((p) => tagOf(p) === 'w:p')
        .map(textOf)
        .join('\n'),
    ),
    spans: cells.map((tc) => {
      const tcPr = find(childrenOf(tc), 'w:tcPr');
      const span = tcPr ? find(childrenOf(tcPr), 'w:gridSpan') : undefined;
      return span ? Number(attr(span, 'w:val')) : 1;
    }),
  };
}

export function readDocx(bytes: Uint8Array): DocxContent {
  const files = unzipSync(bytes);
  const documentXml = strFromU8(files['word/document.xml']);
  const root = parser.parse(documentXml) as XmlNode[];
  const document = root.find((n) => tagOf(n) === 'w:document')!;
  const body = find(childrenOf(document), 'w:body')!;
  const blocks: (DocxParagraph | DocxTable)[] = [];
  const sections: DocxSection[] = [];
  let lastParagraph = '';
  for (const node of childrenOf(body)) {
    const tag = tagOf(node);
    if (tag === 'w:p') {
      const pPr = find(childrenOf(node), 'w:pPr');
      const style = pPr ? find(childrenOf(pPr), 'w:pStyle') : undefined;
      const p: DocxParagraph = { kind: 'p', text: textOf(node), style: style ? (attr(style, 'w:val') ?? null) : null };
      blocks.push(p);
      if (p.text) lastParagraph = p.text;
      const sectPr = pPr ? find(childrenOf(pPr), 'w:sectPr') : undefined;
      if (sectPr) sections.push(sectionOf(sectPr));
    } else if (tag === 'w:tbl') {
      blocks.push({ kind: 'table', rows: childrenOf(node).filter((c) => tagOf(c) === 'w:tr').map(rowOf), caption: lastParagraph, section: sections.length });
    } else if (tag === 'w:sectPr') {
      sections.push(sectionOf(node));
    }
  }
  const footers = Object.keys(files)
    .filter((f) => /^word\/footer\d+\.xml$/.test(f))
    .map((f) => strFromU8(files[f]));
  const allText = Object.keys(files)
    .filter((f) => f.endsWith('.xml'))
    .map((f) => strFromU8(files[f]))
    .join('\n');
  return {
    blocks,
    tables: blocks.filter((b): b is DocxTable => b.kind === 'table'),
    paragraphs: blocks.filter((b): b is DocxParagraph => b.kind === 'p'),
    sections,
    footers,
    documentXml,
    allText,
  };
}

/** Whether a footer holds a PAGE field (the page number). */
export function hasPageNumberField(doc: DocxContent): boolean {
  return doc.footers.some((f) => /<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/.test(f) || /w:instr="\s*PAGE\b/.test(f));
}
