import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../../electron/cli/main';
import { makeSampleApp, makeTestApp, type TestApp } from '../support/app';

// A content analysis built the way NVivo, ATLAS.ti and MAXQDA users build one: categories as
// non-codable folders, subcategories as codable parents, codes as leaves, no level written anywhere.
const enc = new TextEncoder();
const G = (n: number) => `${String(n).padStart(8, '0')}-1111-4222-8333-444444444444`;
const TEXT = 'I felt lost at first. My mentor showed me the wards. Later I taught the new ones myself.';
const at = (w: string) => [TEXT.indexOf(w), TEXT.indexOf(w) + w.length];

const CODES = `
    <Code guid="${G(1)}" name="Becoming a nurse" isCodable="false">
      <Code guid="${G(2)}" name="Finding one's feet" isCodable="true">
        <Code guid="${G(3)}" name="Feeling lost" isCodable="true"/>
        <Code guid="${G(4)}" name="Being shown around" isCodable="true"/>
      </Code>
      <Code guid="${G(5)}" name="Passing it on" isCodable="true">
        <Code guid="${G(6)}" name="Teaching newcomers" isCodable="true"><Description>Teaching those who came after.</Description></Code>
      </Code>
    </Code>
    <Code guid="${G(7)}" name="Loose code" isCodable="true"/>`;

function foreignQdpx(): Uint8Array {
  const sel = (n: number, w: string, code: number) => {
    const [s, e] = at(w);
    return `<PlainTextSelection guid="${G(n)}" startPosition="${s}" endPosition="${e}" creatingUser="${G(90)}"><Coding guid="${G(n + 100)}" creatingUser="${G(90)}"><CodeRef targetGUID="${G(code)}"/></Coding></PlainTextSelection>`;
  };
  const qde = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Nested study" origin="NVivo 14">
  <Users><User guid="${G(90)}" name="Kim Lee"/></Users>
  <CodeBook><Codes>${CODES}</Codes></CodeBook>
  <Sources>
    <TextSource guid="${G(50)}" name="Interview 1" plainTextPath="internal://${G(50)}.txt">
      ${sel(60, 'I felt lost at first', 3)}
      ${sel(61, 'My mentor showed me the wards', 4)}
      ${sel(62, 'Later I taught the new ones myself', 6)}
    </TextSource>
  </Sources>
</Project>`;
  return zipSync({ 'project.qde': enc.encode(qde), [`sources/${G(50)}.txt`]: enc.encode(TEXT) });
}

const QDC = `<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="MAXQDA 24"><Codes>${CODES}</Codes></CodeBook>`;

const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');
const levelsOf = async (t: TestApp) => Object.fromEntries((await t.client.call('codebook.list', {})).map((n) => [n.name, n.level]));

describe('levels on import: a nested codebook from another program', () => {
  let t: TestApp;
  afterEach(() => t?.close());

  it('auto reads the tree bottom-up (category > subcategory > code) and the category table is full with no manual step', async () => {
    t = makeTestApp();
    const r = await t.client.call('refi.importProject', { base64: b64(foreignQdpx()), targetPath: 'nested' });
    expect(await levelsOf(t)).toEqual({
      'Becoming a nurse': 'category',
      "Finding one's feet": 'subcategory',
      'Passing it on': 'subcategory',
      'Feeling lost': 'code',
      'Being shown around': 'code',
      'Teaching newcomers': 'code',
      'Loose code': 'code',
    });
    expect(r.report.items.map((i) => i.message).join('\n')).toMatch(/Levels were read from the nesting of the codebook.*1 category, 2 subcategories/);
    const nodes = await t.client.call('codebook.list', {});
    expect(nodes.find((n) => n.name === 'Teaching newcomers')!.definition).toBe('Teaching those who came after.');

    const table = await t.client.call('reports.preview', { kind: 'categories', options: {} });
    expect(table.sheets[0].columns).toEqual(['Category', 'Subcategory']);
    expect(table.sheets[0].rows).toEqual([
      ['Becoming a nurse', "Finding one's feet"],
      ['Becoming a nurse', 'Passing it on'],
    ]);
    expect(table.warnings).toEqual([]);
  });

  it('a four-level tree reaches theme; thematic analysis uses its own words (subtheme, theme)', async () => {
    t = makeTestApp();
    const deep = `<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
      <Code guid="${G(20)}" name="Top" isCodable="false"><Code guid="${G(21)}" name="Mid" isCodable="false">
      <Code guid="${G(22)}" name="Low" isCodable="true"><Code guid="${G(23)}" name="Leaf" isCodable="true"/></Code></Code></Code>
      <Code guid="${G(24)}" name="Empty folder" isCodable="false"/></Codes></CodeBook>`;
    await t.client.call('project.create', { path: t.file('ca.condensa'), title: 'CA' });
    await t.client.call('refi.importCodebook', { base64: b64(deep) });
    expect(await levelsOf(t)).toEqual({ Top: 'theme', Mid: 'category', Low: 'subcategory', Leaf: 'code', 'Empty folder': 'subcategory' });

    await t.client.call('project.create', { path: t.file('ta.condensa'), title: 'TA', methodology: 'thematic-analysis' });
    const r = await t.client.call('refi.importCodebook', { base64: b64(deep) });
    // Three levels above codes, two in the method: the deepest nest shares the top level, and the report says so.
    expect(await levelsOf(t)).toEqual({ Top: 'theme', Mid: 'theme', Low: 'subtheme', Leaf: 'code', 'Empty folder': 'subtheme' });
    expect(r.report.items.find((i) => /deeper than the method has levels/.test(i.message))?.count).toBe(1);
  });

  it('descriptions and none leave a prefix-free tree as codes; depth ignores prefixes; prefixes are never left in a definition', async () => {
    t = makeTestApp();
    for (const levels of ['descriptions', 'none'] as const) {
      await t.client.call('refi.importProject', { base64: b64(foreignQdpx()), targetPath: `nested-${levels}`, levels });
      expect(new Set(Object.values(await levelsOf(t)))).toEqual(new Set(['code']));
    }
    const prefixed = `<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
      <Code guid="${G(30)}" name="Said theme" isCodable="false"><Description>[Theme] Told in words</Description><Code guid="${G(31)}" name="Under it" isCodable="true"/></Code></Codes></CodeBook>`;
    await t.client.call('project.create', { path: t.file('p.condensa'), title: 'P' });
    await t.client.call('refi.importCodebook', { base64: b64(prefixed) });
    expect(await levelsOf(t)).toEqual({ 'Said theme': 'theme', 'Under it': 'code' });
    await t.client.call('project.create', { path: t.file('q.condensa'), title: 'Q' });
    await t.client.call('refi.importCodebook', { base64: b64(prefixed), levels: 'depth' });
    expect(await levelsOf(t)).toEqual({ 'Said theme': 'subcategory', 'Under it': 'code' });
    expect((await t.client.call('codebook.list', {})).find((n) => n.name === 'Said theme')!.definition).toBe('Told in words');
  });

  it('previews the levels before anything is written, and the user’s corrections are what gets imported', async () => {
    t = makeTestApp();
    const bytes = b64(foreignQdpx());
    const preview = await t.client.call('refi.previewLevels', { base64: bytes, kind: 'project' });
    expect(t.app.project).toBeNull();
    expect(fs.readdirSync(t.dir).filter((f) => f.endsWith('.condensa'))).toEqual([]);
    expect(preview.mode).toBe('depth');
    expect(preview.origin).toBe('NVivo 14');
    const row = (name: string) => preview.nodes.find((n) => n.name === name)!;
    expect(row('Becoming a nurse')).toMatchObject({ level: 'category', basis: 'depth', depth: 0, codable: false, parentGuid: null, match: 'new' });
    expect(row('Passing it on')).toMatchObject({ level: 'subcategory', basis: 'depth', depth: 1, parentGuid: G(1) });
    expect(row('Teaching newcomers')).toMatchObject({ level: 'code', basis: 'none', depth: 2 });
    expect(preview.nodes.map((n) => n.name)).toEqual(['Becoming a nurse', "Finding one's feet", 'Feeling lost', 'Being shown around', 'Passing it on', 'Teaching newcomers', 'Loose code']);

    // The user says "Becoming a nurse" is a theme; the preview shows it, and the import does it.
    const changed = await t.client.call('refi.previewLevels', { base64: bytes, kind: 'project', levelOverrides: { [G(1)]: 'theme' } });
    expect(changed.nodes.find((n) => n.guid === G(1))).toMatchObject({ level: 'theme', basis: 'chosen' });
    const thematic = await t.client.call('refi.previewLevels', { base64: bytes, kind: 'project', methodology: 'thematic-analysis' });
    expect(thematic.nodes.find((n) => n.guid === G(2))!.level).toBe('subtheme');
    await t.client.call('refi.importProject', { base64: bytes, targetPath: 'chosen', levelOverrides: { [G(1)]: 'theme' } });
    expect((await levelsOf(t))['Becoming a nurse']).toBe('theme');
    expect((await levelsOf(t))['Passing it on']).toBe('subcategory');
  });

  it('a Condensa export keeps its own levels under auto (the record wins), and the preview says so', async () => {
    t = await makeSampleApp();
    const before = await levelsOf(t);
    const out = await t.client.call('refi.exportProject', { path: 'sample.qdpx', includeBytes: true });
    const preview = await t.client.call('refi.previewLevels', { base64: out.base64!, kind: 'project' });
    expect(new Set(preview.nodes.map((n) => n.basis))).toEqual(new Set(['record']));
    expect(Object.fromEntries(preview.nodes.map((n) => [n.name, n.level]))).toEqual(before);
  });
});

describe('a .qdc codebook into an existing project: merged by GUID, then by name on request', () => {
  let t: TestApp;
  afterEach(() => t?.close());

  it('keeps codes the project has, hangs the file’s new codes under them, and previews which is which', async () => {
    t = makeTestApp();
    await t.client.call('project.create', { path: t.file('merge.condensa'), title: 'Merge' });
    // The project already has the category (same name, its own id) and one code by GUID.
    const category = await t.client.call('codebook.create', { name: 'becoming a nurse ', level: 'theme' });
    await t.client.call('refi.importCodebook', { base64: b64(`<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="${G(7)}" name="Loose code (ours)" isCodable="true"/></Codes></CodeBook>`) });

    const byGuid = await t.client.call('refi.previewLevels', { base64: b64(QDC), kind: 'codebook' });
    expect(byGuid.nodes.find((n) => n.guid === G(7))).toMatchObject({ match: 'guid', basis: 'existing', level: 'code' });
    expect(byGuid.nodes.find((n) => n.guid === G(1))).toMatchObject({ match: 'new', level: 'category' });

    const byName = await t.client.call('refi.previewLevels', { base64: b64(QDC), kind: 'codebook', matchByName: true });
    expect(byName.nodes.find((n) => n.guid === G(1))).toMatchObject({ match: 'name', basis: 'existing', level: 'theme' });
    expect((await t.client.call('codebook.list', {})).length).toBe(2);

    const r = await t.client.call('refi.importCodebook', { base64: b64(QDC), matchByName: true });
    expect(r.report.counts.codes).toBe(5);
    const nodes = await t.client.call('codebook.list', {});
    expect(nodes.length).toBe(7);
    expect(nodes.filter((n) => /becoming a nurse/i.test(n.name)).map((n) => n.id)).toEqual([category.id]);
    const feet = nodes.find((n) => n.name === "Finding one's feet")!;
    expect(feet.parentIds).toEqual([category.id]);
    expect(feet.level).toBe('subcategory');
    expect(nodes.find((n) => n.id === G(7))!.name).toBe('Loose code (ours)');

    // Without the request, the same name makes a second node (GUIDs differ).
    await t.client.call('history.undo', {});
    await t.client.call('refi.importCodebook', { base64: b64(QDC) });
    expect((await t.client.call('codebook.list', {})).filter((n) => /becoming a nurse/i.test(n.name)).length).toBe(2);
  });
});

describe('condensa import-qdpx --levels', () => {
  let dir = '';
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('takes the level rule from the command line and refuses an unknown one', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'condensa-levels-cli-'));
    fs.writeFileSync(path.join(dir, 'nested.qdpx'), foreignQdpx());
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s), env: { CONDENSA_HOME: path.join(dir, 'home') }, cwd: dir };
    expect(await runCli(['import-qdpx', 'nested.qdpx', '-o', 'flat.condensa', '--levels', 'none'], io)).toBe(EXIT.ok);
    expect(await runCli(['import-qdpx', 'nested.qdpx', '-o', 'tree.condensa', '--levels', 'depth', '--json'], io)).toBe(EXIT.ok);
    expect(JSON.parse(out[out.length - 1]).report.items.map((i: { message: string }) => i.message).join('\n')).toMatch(/1 category, 2 subcategories/);
    expect(await runCli(['import-qdpx', 'nested.qdpx', '-o', 'x.condensa', '--levels', 'guess'], io)).toBe(EXIT.usage);
    expect(err.join('\n')).toContain('--levels takes one of auto, descriptions, depth, none');
    expect(fs.existsSync(path.join(dir, 'x.condensa'))).toBe(false);
  });
});

describe('bad codebooks are refused or trimmed with a message, never a crash', () => {
  let t: TestApp;
  afterEach(() => t?.close());

  const codebook = (codes: string) => b64(`<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>${codes}</Codes></CodeBook>`);

  it('a parent-link cycle in an exchange record, 10,000 levels of nesting, a 100,000-character name, a GUID used twice', async () => {
    t = await makeSampleApp();
    // A record that makes a category the child of one of its own codes.
    const out = await t.client.call('refi.exportProject', { path: 'sample.qdpx', includeBytes: true });
    const files = unzipSync(Buffer.from(out.base64!, 'base64'));
    const qde = new TextDecoder().decode(files['project.qde']);
    const nodes = await t.client.call('codebook.list', {});
    const code = nodes.find((n) => n.level === 'code' && n.parentIds.length > 0)!;
    const parent = code.parentIds[0];
    const cyclic = qde.replace(/("nodes":\{)/, (m) => m).replace(
      new RegExp(`("${parent}":\\{[^{}]*"links":\\[)`),
      (m) => `${m}{"id":"${G(777)}","parentId":"${code.id}","sort":0}${/"links":\[$/.test(m) && !m.endsWith('[]') ? ',' : ''}`,
    );
    expect(cyclic).not.toBe(qde);
    files['project.qde'] = new TextEncoder().encode(cyclic.replace(/,\]/g, ']'));
    const r = await t.client.call('refi.importProject', { base64: b64(zipSync(files)), targetPath: 'cyclic' });
    expect(r.report.items.find((i) => /own ancestor/.test(i.message))?.count).toBe(1);
    const copy = await t.client.call('codebook.list', {});
    expect(copy.find((n) => n.id === parent)!.parentIds).not.toContain(code.id);

    await t.client.call('project.create', { path: t.file('bad.condensa'), title: 'Bad' });
    let deep = '';
    for (let i = 0; i < 10_000; i += 1) deep += `<Code guid="${G(100_000 + i)}" name="L${i}" isCodable="true">`;
    const refused = await t.client.call('refi.importCodebook', { base64: codebook(`${deep}${'</Code>'.repeat(10_000)}`) }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'REFI_BAD_XML' });
    expect((refused as Error).message).toMatch(/Export it again/);

    const long = await t.client.call('refi.importCodebook', { base64: codebook(`<Code guid="${G(1)}" name="${'n'.repeat(100_000)}" isCodable="true"/>`) });
    expect(long.report.items.map((i) => i.message)).toContain('Code names longer than 500 characters were cut to that length');
    expect((await t.client.call('codebook.list', {}))[0].name).toHaveLength(500);

    const twice = await t.client.call('refi.importCodebook', {
      base64: codebook(`<Code guid="${G(2)}" name="A" isCodable="false"><Code guid="${G(2)}" name="B" isCodable="true"/></Code>`),
    });
    expect(twice.report.items.find((i) => /GUIDs used twice/.test(i.message))?.count).toBe(1);
    const after = await t.client.call('codebook.list', {});
    expect(after.find((n) => n.name === 'B')!.parentIds).toEqual([G(2)]);
  });
});
