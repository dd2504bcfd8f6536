import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { openCodebook, openProjectPackage } from '../../../electron/core/refi/package';
import { escapeAttr, escapeText, parseXml, utf8Xml, XmlWriter } from '../../../electron/core/refi/xml';

const enc = new TextEncoder();

function refusal(xml: string): { code: string; message: string } {
  try {
    openProjectPackage(zipSync({ 'project.qde': enc.encode(xml) }));
  } catch (err) {
    return { code: (err as { code: string }).code, message: (err as Error).message };
  }
  return { code: 'accepted', message: '' };
}

const LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<Project xmlns="urn:QDA-XML:project:1.0" name="&lol4;"/>`;

const EXTERNAL = `<?xml version="1.0"?>
<!DOCTYPE Project [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
<Project xmlns="urn:QDA-XML:project:1.0" name="x"><Description>&secret;</Description></Project>`;

describe('XML from a .qdpx is untrusted', () => {
  it('refuses entity expansion (billion laughs) before parsing', () => {
    const r = refusal(LAUGHS);
    expect(r.code).toBe('REFI_BAD_XML');
    expect(r.message).toContain('DOCTYPE');
  });

  it('refuses an external entity, and reads no file', () => {
    const r = refusal(EXTERNAL);
    expect(r.code).toBe('REFI_BAD_XML');
    expect(r.message).not.toContain('root:');
  });

  it('refuses an entity reference that no DOCTYPE defines', () => {
    expect(refusal('<Project name="&secret;"/>').code).toBe('REFI_BAD_XML');
  });

  it('refuses malformed XML with a line number, and a root that is not a project', () => {
    const r = refusal('<Project name="x"><Users><User guid="1"></Users></Project>');
    expect(r.code).toBe('REFI_BAD_XML');
    expect(r.message).toMatch(/line 1/);
    expect(refusal('<Project name="x"/><Project name="y"/>').code).toBe('REFI_BAD_XML');
    expect(refusal('<html><body/></html>').message).toContain('<html>');
    expect(() => openCodebook(enc.encode('<Project name="x"><CodeBook><Codes><Code guid="x" name="c" isCodable="true"/></Codes></CodeBook></Project>'))).not.toThrow();
  });

  it('decodes the predefined entities, character references and CDATA, and keeps whitespace', () => {
    const root = parseXml('<a t="x &amp; &quot;y&quot; &#x1F642;"><d>  two\n lines &lt;&#10;</d><c><![CDATA[<raw &amp;>]]></c></a>', 'test');
    expect(root.attrs.t).toBe('x & "y" 🙂');
    expect(root.children[0].text).toBe('  two\n lines <\n');
    expect(root.children[1].text).toBe('<raw &amp;>');
  });

  it('leaves out whitespace alone beside child elements (layout), and keeps all other text', () => {
    const root = parseXml('<a>\n  <b>  </b>\n  <c>x <i/> y</c>\n  <d> <![CDATA[z]]> </d>\n  <e>\n  <!-- c -->\n</e>\n</a>', 'test');
    expect(root.text).toBe('');
    expect(root.children.map((c) => [c.name, c.text])).toEqual([
      ['b', '  '],
      ['c', 'x  y'],
      ['d', ' z '],
      ['e', '\n  \n'],
    ]);
  });

  it('reads UTF-8 bytes as the same elements as their decoded text: names, values, text and CDATA past ASCII, entities beside them', () => {
    const xml = '\ufeff<Projekt größe="Ärger &#233; 🙂" n="ok"><Größe>Café – naïve &amp; 日本語</Größe><c><![CDATA[<ü>]]></c><d>&#xE9;é</d></Projekt>';
    const bytes = enc.encode(xml);
    const read = utf8Xml(bytes);
    expect(read?.utf8InLatin1).toBe(true);
    const root = parseXml(read!, 'test');
    expect(root).toEqual(parseXml(xml, 'test'));
    expect(root.name).toBe('Projekt');
    expect(root.attrs.größe).toBe('Ärger é 🙂');
    expect(root.children.map((c) => [c.name, c.text])).toEqual([
      ['Größe', 'Café – naïve & 日本語'],
      ['c', '<ü>'],
      ['d', 'éé'],
    ]);
    // Not UTF-8 (windows-1252 bytes, UTF-16): left to the decoder.
    expect(utf8Xml(Uint8Array.from([0x3c, 0x61, 0x3e, 0xe9, 0x3c, 0x2f, 0x61, 0x3e]))).toBeNull();
    expect(utf8Xml(Uint8Array.from(Buffer.from('<a/>', 'utf16le')))).toBeNull();
    expect(refusal('<Projekt><Größe></Grösse></Projekt>').message).toContain('<Größe> is closed by </Grösse>');
  });

  it('writes text that reads back exactly, including CR, quotes and astral characters', () => {
    const tricky = 'a < b && "c" \'d\'\r\n\ttab 🙂 \u0001';
    const w = new XmlWriter().open('r', { v: tricky }).text('t', tricky).close('r');
    const back = parseXml(w.toString(), 'test');
    const expected = tricky.replace('\u0001', '\ufffd');
    expect(back.attrs.v).toBe(expected);
    expect(back.children[0].text).toBe(expected);
    expect(escapeText('\ud800x')).toBe('\ufffdx');
    expect(escapeAttr('\n')).toBe('&#10;');
  });
});
