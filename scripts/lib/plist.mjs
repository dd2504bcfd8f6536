// Reads the XML property lists electron-builder writes (Info.plist): dict, array, string, integer,
// real, true and false. Enough for checking a packaged macOS app without macOS tools.

const TOKEN = /<(\/?)(dict|array|key|string|integer|real|true|false|date|data)(\/?)>|([^<]+)/g;

const unescapeXml = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

export function parsePlist(xml) {
  const body = xml.replace(/<\?xml[^>]*>|<!DOCTYPE[^>]*>|<!--[\s\S]*?-->/g, '').replace(/<\/?plist[^>]*>/g, '');
  const tokens = [];
  for (const m of body.matchAll(TOKEN)) {
    if (m[4] !== undefined) {
      if (m[4].trim()) tokens.push({ text: unescapeXml(m[4]) });
    } else tokens.push({ close: m[1] === '/', tag: m[2], empty: m[3] === '/' });
  }
  let at = 0;
  const textUntil = (tag) => {
    let text = '';
    while (!(tokens[at].close && tokens[at].tag === tag)) text += tokens[at++].text ?? '';
    at++;
    return text;
  };
  const value = () => {
    const t = tokens[at++];
    if (!t || t.close || t.text !== undefined) throw new Error('Malformed property list.');
    if (t.tag === 'true' || t.tag === 'false') return t.tag === 'true';
    if (t.empty) return t.tag === 'dict' ? {} : t.tag === 'array' ? [] : '';
    if (t.tag === 'dict') {
      const dict = {};
      while (!(tokens[at].close && tokens[at].tag === 'dict')) {
        if (tokens[at++].tag !== 'key') throw new Error('Expected a <key> in a <dict>.');
        const key = textUntil('key');
        dict[key] = value();
      }
      at++;
      return dict;
    }
    if (t.tag === 'array') {
      const array = [];
      while (!(tokens[at].close && tokens[at].tag === 'array')) array.push(value());
      at++;
      return array;
    }
    const text = textUntil(t.tag);
    return t.tag === 'integer' || t.tag === 'real' ? Number(text) : text;
  };
  return value();
}
