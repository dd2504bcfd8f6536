import { describe, expect, it } from 'vitest';
import { extractFile } from '../../../electron/core/import/extract';
import { decodeHtml, readHtml } from '../../../electron/core/import/read-html';
import { guessTitle } from '../../../electron/core/import/read-transcript';
import { AppError } from '../../../shared/api/errors';

const htmlText = (fileName: string, html: string) => readHtml(fileName, html).text;
const page = (body: string, head = '') => `<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`;

describe('HTML into paragraphs', () => {
  it('breaks lines at block elements and <br>, and collapses the source layout', () => {
    const text = htmlText('a.html', page('<h1>Focus   group</h1>\n<div>Anna: we\n   met<br>weekly</div><p>Ben: yes</p><ul><li>one</li><li>two</li></ul>'));
    expect(text).toBe('Focus group\n\nAnna: we met\nweekly\n\nBen: yes\n\none\n\ntwo');
  });

  it('decodes named, decimal and hex entities; a no-break space is a space', () => {
    expect(htmlText('a.html', page('<p>caf&eacute; &amp; &#8220;tea&#x201D;&nbsp;&lt;3 &hellip;</p>'))).toBe('café & “tea” <3 …');
  });

  it('drops head, scripts, styles, comments and conditional comments', () => {
    const html = page(
      '<!--[if gte mso 9]><xml><o:Words>12</o:Words></xml><![endif]--><script>var x = "<p>no</p>";</script><style>p{color:red}</style><p>Kept<!-- hidden note --> words</p><noscript>Enable JS</noscript>',
      '<title>Page title</title><style>body{}</style><script>alert(1)</script>',
    );
    expect(htmlText('a.html', html)).toBe('Kept words');
  });

  it("leaves out Word's list bullets and hidden elements", () => {
    const html = page(`<p class=MsoListParagraph><![if !supportLists]><span style='font-family:Symbol;mso-list:Ignore'>·<span>&nbsp;&nbsp;</span></span><![endif]>First point</p><p style="display: none">secret</p><p hidden>also</p>`);
    expect(htmlText('a.htm', html)).toBe('First point');
  });

  it('reads a table of turns as `Speaker: text` lines, without its header row', () => {
    const html = page('<table><thead><tr><th>Speaker</th><th>Text</th></tr></thead><tbody><tr><td><p>Anna</p></td><td><p>We met <i>weekly</i>.</p></td></tr><tr><td>Ben:</td><td>Not me.</td></tr><tr><td>00:01:02</td><td>Carla</td><td>Sometimes.</td></tr></tbody></table>');
    expect(htmlText('a.html', html)).toBe('Anna: We met weekly.\n\nBen: Not me.\n\n[00:01:02] Carla: Sometimes.');
  });

  it('a table row of two sentences is no turn: its cells are joined', () => {
    const html = page('<table><tr><td>This was the first session.</td><td>It went well.</td></tr></table>');
    expect(htmlText('a.html', html)).toBe('This was the first session. It went well.');
  });

  it('keeps a bold label on the line of its words, even when the page breaks after it', () => {
    const html = page('<p><b>Interviewer:</b><br>How was it?</p><p class=MsoNormal><strong><span>Mentee 1 (F):</span></strong></p><p class=MsoNormal>Hard.</p><p><b>Note</b> bold but no label</p>');
    expect(htmlText('a.html', html)).toBe('Interviewer: How was it?\n\nMentee 1 (F): Hard.\n\nNote bold but no label');
  });

  it('reads an opening bold run without a colon as a label only with evidence: a label\'s shape or a second paragraph', () => {
    const p = (bold: string, words: string) => `<p><b>${bold}</b> ${words}</p>`;
    const html = page(
      [
        p('Sam', 'Hard at first.'), // a name: a label because it opens another paragraph too
        p('Really', 'I did not expect it.'), // emphasis heard once: text
        p('Mentee 4', 'I never met mine.'), // a word and a number
        p('Moderadora', 'E depois?'), // a role word
        p('MARIA', 'Me too.'), // capitals
        p('Anna [00:01:02]', 'Yes.'), // a bracketed time
        '<p><b>Field Note</b><br>the recorder stopped.</p>', // a line break after the run
        p('Field Notes', 'were kept.'), // heard once, no shape: text
        p('Sam', 'Ask early.'),
        p('We were so tired that night', 'and left.'), // longer than a label can be
      ].join(''),
    );
    expect(htmlText('a.html', html).split('\n\n')).toEqual([
      'Sam: Hard at first.',
      'Really I did not expect it.',
      'Mentee 4: I never met mine.',
      'Moderadora: E depois?',
      'MARIA: Me too.',
      'Anna [00:01:02]: Yes.',
      'Field Note: the recorder stopped.',
      'Field Notes were kept.',
      'Sam: Ask early.',
      'We were so tired that night and left.',
    ]);
  });

  it('keeps the line breaks of <pre>', () => {
    expect(htmlText('a.html', page('<pre>A: one\n  B: two</pre>'))).toBe('A: one\nB: two');
  });

  it('reads elements nested deeper than the call stack would allow', () => {
    const depth = 12_000;
    const html = page(`${'<div>'.repeat(depth)}deep${'</div>'.repeat(depth)}`);
    expect(htmlText('a.html', html)).toBe('deep');
  });

  it('refuses a file named .html that holds no HTML, saying what to do', () => {
    expect(() => htmlText('notes.html', 'Anna: plain text\n\nBen: no tags here')).toThrowError(/no HTML markup.*Rename it to \.txt/);
    try {
      htmlText('notes.html', 'plain');
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('IMPORT_BAD_FILE');
    }
  });

  it('decodes a page by its declared charset when the bytes are not UTF-8', () => {
    // "سلام" in windows-1256.
    const bytes = Buffer.concat([Buffer.from('<html><head><meta charset="windows-1256"></head><body><p>'), Buffer.from([0xd3, 0xe1, 0xc7, 0xe3]), Buffer.from('</p></body></html>')]);
    const decoded = decodeHtml(bytes);
    expect(decoded.encoding).toBe('windows-1256');
    expect(htmlText('fa.html', decoded.text)).toBe('سلام');
  });

  it("takes the page's <title> as the document's title", async () => {
    expect(readHtml('a.html', page('<p>x</p>', '<title> Focus group 2 &ndash;\n transcript </title>')).title).toBe('Focus group 2 – transcript');
    expect(readHtml('a.html', page('<p>x</p>')).title).toBeNull();
    const extraction = await extractFile('fg.html', Buffer.from(page('<p>Anna: hi</p>', '<title>Focus group 2</title>')));
    expect(guessTitle(extraction)).toBe('Focus group 2');
  });

  it('a .html file and a page saved as .txt are both read as HTML; an empty page is refused', async () => {
    const html = page('<p>Anna: hello &amp; welcome</p>');
    for (const name of ['a.html', 'a.htm', 'saved.txt']) {
      const extraction = await extractFile(name, Buffer.from(html));
      expect(extraction).toMatchObject({ kind: 'text', format: 'html', text: 'Anna: hello & welcome', title: null });
    }
    await expect(extractFile('empty.html', Buffer.from(page('<script>x()</script>')))).rejects.toMatchObject({ code: 'IMPORT_EMPTY' });
  });
});
