import { strToU8, zipSync } from 'fflate';
import type { ImportFormat } from '../../../shared/api/methods/import';
import { makeOdt } from '../../fixtures/import/builders';

// Large, deterministic transcripts in every importable format, for the tests and the bench that
// check imports stay linear in time and memory. The same turns go into every format, so a format's
// cost can be compared with a plain-text import of the same text.

export interface Turn {
  readonly speaker: string;
  readonly text: string;
}

const SPEAKERS = ['Interviewer', 'Anna Berg', 'Ben Okafor', 'Carla Diaz'] as const;
const WORDS = (
  'we the mentor group felt first year it was really hard at times but honestly good because you ' +
  'know someone older listens and explains how exams work what to expect on wards why people care'
).split(' ');

/** A small seeded generator (mulberry32): the same seed gives the same transcript everywhere. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sentence(next: () => number): string {
  const length = 4 + Math.floor(next() * 12);
  const words: string[] = [];
  for (let i = 0; i < length; i++) words.push(WORDS[Math.floor(next() * WORDS.length)]);
  const s = words.join(' ');
  return `${s[0].toUpperCase()}${s.slice(1)}${next() < 0.15 ? '?' : '.'}`;
}

/**
 * Turns whose plain-text form (`Speaker: text`, blank line between) is about `chars` long. Short
 * turns (one brief sentence each) make the most rows per byte: the hardest case for the store.
 */
export function makeTurns(chars: number, options: { short?: boolean; seed?: number } = {}): Turn[] {
  const next = random(options.seed ?? 18);
  const turns: Turn[] = [];
  let total = 0;
  for (let i = 0; total < chars; i++) {
    const speaker = SPEAKERS[i % SPEAKERS.length];
    const count = options.short ? 1 : 1 + Math.floor(next() * 6);
    const sentences: string[] = [];
    for (let s = 0; s < count; s++) sentences.push(options.short ? (next() < 0.5 ? 'Yes.' : 'Right, I see.') : sentence(next));
    const text = sentences.join(' ');
    turns.push({ speaker, text });
    total += speaker.length + 2 + text.length + 2;
  }
  return turns;
}

export function toText(turns: readonly Turn[]): string {
  return turns.map((t) => `${t.speaker}: ${t.text}`).join('\n\n');
}

// Bold labels and some emphasis, links and code: the markup that used to take quadratic time.
export function toMarkdown(turns: readonly Turn[]): string {
  const body = turns.map((t, i) => {
    const text = i % 5 === 0 ? t.text.replace(/ (\w+) /, ' *$1* ') : i % 7 === 0 ? `${t.text} See [the notes](https://example.org/n${i}) and \`code\`.` : t.text;
    return `**${t.speaker}:** ${text}`;
  });
  return `# Focus group\n\n${body.join('\n\n')}`;
}

/**
 * The turns as one line of Markdown (a transcript pasted without its line breaks), with stray
 * unclosed brackets, `*` openers and `_` closers: work that rescans the line per opener is quadratic here.
 */
export function toMarkdownOneLine(turns: readonly Turn[]): string {
  return turns
    .map((t, i) => `**${t.speaker}:** ${t.text}${i % 3 === 0 ? ' [laughs' : ''}${i % 4 === 0 ? ' *so' : ''}${i % 5 === 0 ? ' um_' : ''}`)
    .join(' ');
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A minimal .docx as Word writes one: content types, relationships and a body of w:p paragraphs. */
export function toDocx(turns: readonly Turn[]): Uint8Array {
  return docxWithBody(turns.map((t) => `<w:p><w:r><w:t xml:space="preserve">${xmlEscape(`${t.speaker}: ${t.text}`)}</w:t></w:r></w:p>`).join(''));
}

export function docxWithBody(bodyXml: string): Uint8Array {
  const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  const types = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
  const rels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="${W}"><w:body>${bodyXml}</w:body></w:document>`;
  return zipSync({ '[Content_Types].xml': strToU8(types), '_rels/.rels': strToU8(rels), 'word/document.xml': strToU8(document) });
}

export function toOdt(turns: readonly Turn[]): Uint8Array {
  return makeOdt(turns.map((t) => `${t.speaker}: ${t.text}`));
}

function rtfEscape(s: string): string {
  return s.replace(/[\\{}]/g, (c) => `\\${c}`).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0)}?`);
}

export function toRtf(turns: readonly Turn[]): string {
  const body = turns.map((t) => `{\\b ${rtfEscape(t.speaker)}:} ${rtfEscape(t.text)}\\par\\par\n`).join('');
  return `{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Arial;}}{\\info{\\title Focus group}}\\f0\\fs22 ${body}}`;
}

/** WebVTT cues with voice tags, one cue per turn, a second apart. */
export function toVtt(turns: readonly Turn[]): string {
  return `WEBVTT\n\n${turns.map((t, i) => `${cueTime(i, '.')} --> ${cueTime(i + 1, '.')}\n<v ${t.speaker}>${t.text}`).join('\n\n')}\n`;
}

export function toSrt(turns: readonly Turn[]): string {
  return `${turns.map((t, i) => `${i + 1}\n${cueTime(i, ',')} --> ${cueTime(i + 1, ',')}\n${t.speaker}: ${t.text}`).join('\n\n')}\n`;
}

function cueTime(second: number, comma: string): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(second / 3600))}:${pad(Math.floor(second / 60) % 60)}:${pad(second % 60)}${comma}000`;
}

/** A page as Word's "Save as HTML" writes one: mso styles, conditional comments, a bold label per paragraph, entities. */
export function toHtml(turns: readonly Turn[]): string {
  const body = turns
    .map((t, i) => `<p class=MsoNormal><b><span lang=EN-GB>${xmlEscape(t.speaker)}:</span></b><span lang=EN-GB> ${xmlEscape(t.text).replace(/'/g, '&#39;')}${i % 4 === 0 ? '&nbsp;<!--[if !supportLists]-->&hellip;<!--[endif]-->' : ''}<o:p></o:p></span></p>`)
    .join('\n');
  return `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta charset="utf-8"><style><!-- p.MsoNormal {margin:0cm} --></style><!--[if gte mso 9]><xml><o:DocumentProperties></o:DocumentProperties></xml><![endif]--></head><body lang=EN-GB><div class=WordSection1>\n${body}\n</div></body></html>`;
}

export function toCsv(turns: readonly Turn[]): string {
  return `speaker,text\n${turns.map((t) => `${t.speaker},"${t.text.replace(/"/g, '""')}"`).join('\n')}\n`;
}

/** A PDF of many pages in Helvetica, 50 lines a page, a blank line between turns. */
export function toPdf(turns: readonly Turn[]): Uint8Array {
  const lines: string[] = [];
  for (const t of turns) {
    const words = `${t.speaker}: ${t.text}`.split(' ');
    let line = '';
    for (const w of words) {
      if (line.length + w.length > 90) {
        lines.push(line);
        line = '';
      }
      line = line ? `${line} ${w}` : w;
    }
    lines.push(line, '');
  }
  const pages: string[] = [];
  for (let i = 0; i < lines.length; i += 50) {
    const esc = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);
    pages.push(`BT /F1 11 Tf 14 TL 56 760 Td ${lines.slice(i, i + 50).map((l) => `(${esc(l)}) Tj T*`).join(' ')} ET`);
  }
  // Objects: 1 catalog, 2 pages, 3 font, then a page and its content stream per page.
  const objects: string[] = ['<< /Type /Catalog /Pages 2 0 R >>', '', '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>'];
  const kids: string[] = [];
  pages.forEach((content) => {
    const pageNumber = objects.length + 1;
    kids.push(`${pageNumber} 0 R`);
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageNumber + 1} 0 R >>`);
    objects.push(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
  });
  objects[1] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${kids.length} >>`;
  const parts: string[] = ['%PDF-1.4\n'];
  let offset = parts[0].length;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    const obj = `${i + 1} 0 obj\n${o}\nendobj\n`;
    offsets.push(offset);
    parts.push(obj);
    offset += obj.length;
  });
  parts.push(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`);
  parts.push(`trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`);
  return Buffer.from(parts.join(''), 'latin1');
}

export const BIG_FORMATS = ['text', 'markdown', 'docx', 'odt', 'rtf', 'pdf', 'html', 'webvtt', 'srt', 'csv'] as const satisfies readonly ImportFormat[];
export type BigFormat = (typeof BIG_FORMATS)[number];

const EXTENSION: Readonly<Record<BigFormat, string>> = { text: 'txt', markdown: 'md', docx: 'docx', odt: 'odt', rtf: 'rtf', pdf: 'pdf', html: 'html', webvtt: 'vtt', srt: 'srt', csv: 'csv' };

/** The file name and bytes of these turns in a format. */
export function writeFormat(format: BigFormat, turns: readonly Turn[]): { readonly name: string; readonly bytes: Uint8Array | string } {
  const name = `transcript.${EXTENSION[format]}`;
  switch (format) {
    case 'text':
      return { name, bytes: toText(turns) };
    case 'markdown':
      return { name, bytes: toMarkdown(turns) };
    case 'docx':
      return { name, bytes: toDocx(turns) };
    case 'odt':
      return { name, bytes: toOdt(turns) };
    case 'rtf':
      return { name, bytes: toRtf(turns) };
    case 'pdf':
      return { name, bytes: toPdf(turns) };
    case 'html':
      return { name, bytes: toHtml(turns) };
    case 'webvtt':
      return { name, bytes: toVtt(turns) };
    case 'srt':
      return { name, bytes: toSrt(turns) };
    case 'csv':
      return { name, bytes: toCsv(turns) };
  }
}

/**
 * A copy of a zip whose directory and local header declare `declared` bytes for one entry,
 * whatever it really unpacks to: what a crafted file does to slip past a check of declared sizes.
 */
export function withDeclaredSize(zip: Uint8Array, entryName: string, declared: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const name = Buffer.from(entryName, 'utf8');
  let patched = 0;
  for (let p = 0; p + 46 < out.length; p++) {
    const sig = view.getUint32(p, true);
    const isCentral = sig === 0x02014b50;
    const isLocal = sig === 0x04034b50;
    if (!isCentral && !isLocal) continue;
    const nameAt = p + (isCentral ? 46 : 30);
    const nameLength = view.getUint16(p + (isCentral ? 28 : 26), true);
    if (nameLength !== name.length || !Buffer.from(out.subarray(nameAt, nameAt + nameLength)).equals(name)) continue;
    view.setUint32(p + (isCentral ? 24 : 22), declared, true);
    patched++;
  }
  if (patched !== 2) throw new Error(`expected a local and a central record for ${entryName}, found ${patched}`);
  return out;
}
