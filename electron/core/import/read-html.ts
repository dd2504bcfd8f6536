import { parse, type DefaultTreeAdapterTypes as Html } from 'parse5';
import { decodeText, type DecodedText } from '../../../shared/text/decode';
import { fileError } from './formats';
import { BOLD_MARKS, boldLabelCandidate, resolveBoldLabels, rowAsTurn } from './turn-columns';
import { tidyParagraphs } from './read-docx';

// Saved web pages and Word's "Save as HTML" read into paragraphs: block elements and <br> break
// lines, the parser decodes every entity, and what a reader never sees (head, scripts, styles,
// comments, Word's conditional blocks and list bullets, hidden elements) is left out. A table row
// of turns (speaker cell, text cell) becomes a `Speaker: text` line, and a bold label opening a
// paragraph stays on the line of the words it introduces.

const SKIPPED = new Set([
  'head', 'title', 'script', 'style', 'template', 'noscript', 'xml', 'svg', 'math', 'iframe', 'object',
  'embed', 'canvas', 'audio', 'video', 'select', 'button', 'input', 'textarea',
]);
const BLOCKS = new Set([
  'html', 'body', 'address', 'article', 'aside', 'blockquote', 'center', 'dd', 'details', 'dialog', 'div',
  'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'hgroup', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'ul', 'table',
  'caption', 'thead', 'tbody', 'tfoot',
]);
const BOLD = new Set(['b', 'strong']);
// Word marks its list numbers and bullets (drawn in the Symbol font) this way; they are no words.
const HIDDEN_STYLE = /display\s*:\s*none|mso-list\s*:\s*ignore|visibility\s*:\s*hidden/i;
const BOLD_STYLE = /font-weight\s*:\s*(?:bold|[6-9]00)/i;
const HTML_WHITESPACE = /[ \t\n\r\f\u00a0]+/g;
const LOOKS_LIKE_HTML = /<(?:!doctype\s+html|html|head|body|meta|p|div|br|table|span|b|strong|h[1-6]|font)[\s>/]/i;
const SNIFF_CHARS = 64 * 1024;
const DECLARED_CHARSET = /<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)/i;

/** The bytes of an .html file as text: by BOM or UTF-8 as any text file, else by the page's declared charset. */
export function decodeHtml(bytes: Uint8Array): DecodedText | { text: string; encoding: string } {
  const decoded = decodeText(bytes);
  if (decoded.encoding !== 'windows-1252') return decoded;
  const declared = DECLARED_CHARSET.exec(Buffer.from(bytes.subarray(0, 4096)).toString('latin1'))?.[1]?.toLowerCase();
  if (!declared || declared === 'windows-1252') return decoded;
  try {
    return { text: new TextDecoder(declared).decode(bytes), encoding: declared };
  } catch {
    // A charset the runtime does not know: windows-1252 is what browsers fall back to as well.
    return decoded;
  }
}

/** True when a text is an HTML page (a .txt saved from a browser, say). */
export function looksLikeHtml(text: string): boolean {
  return /^\ufeff?\s*<(?:!doctype\s+html|html)[\s>]/i.test(text.slice(0, 1024));
}

interface Paragraph {
  text: string;
  /** Length of `text` when a bold label ending in a colon closed, while nothing else was written yet. */
  labelEnd: number;
  /** A bold element opened before any text of the paragraph. */
  boldFromStart: boolean;
  /** Length of `text` when a bold run without a colon closed, while nothing else was written yet. */
  boldEnd: number;
  /** The opening run is in a character style named for speakers (STYLED_RUN, from read-docx). */
  styled: boolean;
}

/** Put before a run's text by read-docx when the run's style is named for speakers' labels. */
export const STYLED_RUN = '\ufdd3';

interface Row {
  readonly cells: string[];
  header: boolean;
}

/** Collects the paragraphs of one flow: the page, or a table cell while it is read. */
class Flow {
  readonly paragraphs: string[] = [];
  current: Paragraph = { text: '', labelEnd: -1, boldFromStart: false, boldEnd: -1, styled: false };
  /** A paragraph that held only a bold label: it opens the next one. */
  private pendingLabel = '';

  write(raw: string): void {
    if (raw.includes(STYLED_RUN)) this.current.styled = true;
    const text = raw.replace(BOLD_MARKS, '');
    // A paragraph starts at its first visible character.
    this.current.text += this.current.text === '' ? text.trimStart() : text;
  }

  lineBreak(): void {
    const p = this.current;
    // A label and its words stay on one line, however the page breaks them.
    if (p.labelEnd >= 0 && p.text.trimEnd().length === p.labelEnd) p.text = `${p.text.trimEnd()} `;
    else p.text += '\n';
  }

  end(): void {
    const p = this.current;
    // A bold name opening a paragraph may label the words after it, colon or not (Word's bold label
    // runs); whether it does is decided once the whole document is read (resolveBoldLabels).
    const candidate = p.boldEnd > 0 && p.labelEnd < 0 ? boldLabelCandidate(p.text.slice(0, p.boldEnd), p.text.slice(p.boldEnd), p.styled) : null;
    if (candidate !== null) p.text = candidate;
    const text = p.text
      .split('\n')
      .map((line) => line.replace(/ {2,}/g, ' ').trim())
      .join('\n')
      .replace(/^\n+|\n+$/g, '');
    this.current = { text: '', labelEnd: -1, boldFromStart: false, boldEnd: -1, styled: false };
    if (text === '') return;
    if (p.labelEnd >= 0 && text.length === p.labelEnd && text.endsWith(':')) {
      this.pendingLabel = `${this.pendingLabel}${text} `;
      return;
    }
    this.paragraphs.push(`${this.pendingLabel}${text}`);
    this.pendingLabel = '';
  }

  finish(): string[] {
    this.end();
    if (this.pendingLabel !== '') this.paragraphs.push(this.pendingLabel.trim());
    this.pendingLabel = '';
    return this.paragraphs;
  }
}

type Frame =
  | { readonly enter: Html.ChildNode; readonly inPre: boolean }
  | { readonly leave: () => void };

function attribute(element: Html.Element, name: string): string {
  return element.attrs.find((a) => a.name === name)?.value ?? '';
}

function isElement(node: Html.ChildNode): node is Html.Element {
  return 'tagName' in node;
}

/** The paragraphs of an HTML page, a blank line between them, and its <title>; refused when the file is no HTML. */
export function readHtml(fileName: string, text: string): { readonly text: string; readonly title: string | null } {
  if (!LOOKS_LIKE_HTML.test(text.slice(0, SNIFF_CHARS))) {
    throw fileError(
      'IMPORT_BAD_FILE',
      fileName,
      'This file is named as a web page but holds no HTML markup (it may be plain text saved under another name). Rename it to .txt and import again.',
    );
  }
  const document = parse(text);
  return { text: resolveBoldLabels(tidyParagraphs(htmlParagraphs(document))), title: pageTitle(document) };
}

/** The paragraphs of HTML another reader wrote (mammoth's, from a .docx), as readHtml reads a page's. */
export function htmlText(html: string): string {
  return resolveBoldLabels(tidyParagraphs(htmlParagraphs(parse(html))));
}

const MAX_TITLE = 300;

function pageTitle(document: Html.Document): string | null {
  const html = document.childNodes.find(isElement);
  const head = html?.childNodes.find((n): n is Html.Element => isElement(n) && n.tagName === 'head');
  const title = head?.childNodes.find((n): n is Html.Element => isElement(n) && n.tagName === 'title');
  const words = (title?.childNodes ?? []).map((n) => (n.nodeName === '#text' ? (n as Html.TextNode).value : '')).join('').replace(HTML_WHITESPACE, ' ').trim();
  return words === '' || words.length > MAX_TITLE ? null : words;
}

function htmlParagraphs(document: Html.Document): string[] {
  const flows: Flow[] = [new Flow()];
  const rows: Row[] = [];
  const flow = () => flows[flows.length - 1];
  // An explicit stack instead of recursion: a page may nest elements deeper than the call stack allows.
  const stack: Frame[] = [...document.childNodes].reverse().map((enter) => ({ enter, inPre: false }));
  const pushChildren = (element: Html.Element, inPre: boolean) => {
    const children = element.tagName === 'template' ? [] : element.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push({ enter: children[i], inPre });
  };
  for (let frame = stack.pop(); frame; frame = stack.pop()) {
    if ('leave' in frame) {
      frame.leave();
      continue;
    }
    const node = frame.enter;
    if (node.nodeName === '#text') {
      const value = (node as Html.TextNode).value;
      flow().write(frame.inPre ? value.replace(/\u00a0/g, ' ') : value.replace(HTML_WHITESPACE, ' '));
      continue;
    }
    if (!isElement(node)) continue; // comments (Word's conditional blocks too) and doctypes
    const tag = node.tagName;
    if (SKIPPED.has(tag) || node.attrs.some((a) => a.name === 'hidden') || HIDDEN_STYLE.test(attribute(node, 'style'))) continue;
    const inPre = frame.inPre || tag === 'pre';
    if (tag === 'br') {
      flow().lineBreak();
      continue;
    }
    if (tag === 'tr') {
      flow().end();
      rows.push({ cells: [], header: true });
      stack.push({ leave: () => writeRow(flow(), rows.pop()) });
    } else if ((tag === 'td' || tag === 'th') && rows.length > 0) {
      const row = rows[rows.length - 1];
      if (tag === 'td') row.header = false;
      flows.push(new Flow());
      stack.push({ leave: () => row.cells.push((flows.pop() ?? new Flow()).finish().join('\n')) });
    } else if (BLOCKS.has(tag)) {
      flow().end();
      stack.push({ leave: () => flow().end() });
    } else if (BOLD.has(tag) || BOLD_STYLE.test(attribute(node, 'style'))) {
      const target = flow();
      const at = target.current;
      const opensParagraph = at.text.trim() === '';
      // Word splits one label into several bold runs ("Mentee", " 3"): a run right after one continues it.
      const continuesLabel = at.boldEnd >= 0 && at.text.trimEnd().length === at.boldEnd;
      if (opensParagraph) at.boldFromStart = true;
      stack.push({
        leave: () => {
          const p = target.current;
          const label = p.text.trimEnd();
          if (!(opensParagraph || continuesLabel) || !p.boldFromStart || p.labelEnd >= 0) return;
          if (label.endsWith(':')) p.labelEnd = label.length;
          else p.boldEnd = label.length;
        },
      });
    }
    pushChildren(node, inPre);
  }
  return flows[0].finish();
}

/** A row of a table of turns as one paragraph: `Speaker: text`, `[time] Speaker: text`, or its cells. */
function writeRow(target: Flow, row: Row | undefined): void {
  if (!row || row.header) return;
  const line = rowAsTurn(row.cells);
  if (line === null) return;
  target.write(line);
  target.end();
}
