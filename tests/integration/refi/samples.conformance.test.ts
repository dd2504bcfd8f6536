import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { isWordBoundary } from '../../../shared/domain/offsets';
import { makeTestApp, type TestApp } from '../support/app';

// Real exports from other programs, beside the repository and never copied into it.
const DIR = path.resolve(__dirname, '../../../../shared/data/refi/samples');
const present = existsSync(DIR);
if (!present) console.warn('SKIPPED: ../shared/data/refi/samples absent — REFI-QDA sample conformance tests not run');
const suite = present ? describe : describe.skip;
const sample = (name: string) => path.join(DIR, name);

const NVIVO = 'nvivo-win-12.6-oltas0517.qdpx';
const CODED_SOURCE = '68bbdc14-c361-4432-b4dd-ae1dbfc12890';
const OTHER_SOURCE = 'ddbebe1b-306f-4271-acdd-ae1da7c06fcd';

// Read by hand in the source file (selection GUID → the words NVivo shows). Each is a whole
// YouTube comment; most sit after dozens of emoji, where reading positions as code points would
// shift them by that many characters. The last one ends with the comment's CRLF, stored as LF.
const VERIFIED: Readonly<Record<string, string>> = {
  '0ec440ef-ff02-4617-b9dd-ae1dc0faf5ff':
    'Na mi van? Nem mertétek kötelezővé tenni? Adtam volna a harminc centis pengével egyből két oltást is. Egyet szívre, egyet meg nyakon. Akkor biztis hogy nem haltok meg covidban.',
  '152f678d-c71a-423c-addd-ae1dc0ad94a6': 'Rohadt életbe, hogy az emberre rá akarnak erőszakolni valamit, ami csak ajánlott 😤😤😤',
  '5971f61e-f65f-4c83-8add-ae1dc1401e72': 'Mocskos fidess propagandisták!🤮',
  'd3b80e30-e53d-48b5-90dd-ae1dc14a981d': 'A. HAZUGSÁG FOLYIK 👍👍👍👍',
  '67b4794a-4e10-41c0-88dd-ae1dc13325c9': 'Ursula mondjon le!',
  '4564453f-9b18-4f18-97dd-ae1dc129497a': 'Tényleg',
  'e3a6e477-2b94-48fd-a9dd-ae1f25874146': '@@szilagyitamas2823 És milyen igazad lett!☝️👌👍👍👍\n',
};

// The three selections the coders themselves cut inside a word (checked by hand: the first two
// abut each other, so the positions are right and the cut is the coder's).
const CUT_BY_THE_CODER: Readonly<Record<string, { starts: string; ends: string }>> = {
  '1f7cdeb8-49ab-4a96-bbdd-ae1dc2115ce2': { starts: 'avitsatok ki ha rosszul értem', ends: 'dolgozótól ujra és ujra.' },
  '9ee54e83-9c9d-4bf3-b1dd-ae1dc26ef856': { starts: 'A statisztikákból az látszik', ends: 'nem holmi hiede' },
  '6db718ec-4186-488b-83dd-ae1dc0942aaa': { starts: 'A n á czi birodalom', ends: 'a NÉP kizsigerelésére, A' },
};

/** Selection GUID → the GUID of the one coding inside it, read straight from the XML. */
function codingOfSelection(qde: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of qde.matchAll(/<PlainTextSelection guid="([^"]+)"[\s\S]*?<Coding guid="([^"]+)"/g)) map.set(m[1], m[2]);
  return map;
}

function astralCount(text: string): number {
  let n = 0;
  for (const ch of text) if (ch.codePointAt(0)! > 0xffff) n += 1;
  return n;
}

suite('REFI-QDA samples from other programs', () => {
  let t: TestApp;
  afterEach(() => t?.close());

  it('imports the NVivo 12.6 export: every coding, on the words NVivo showed, emoji intact', async () => {
    t = makeTestApp();
    const { project, report } = await t.client.call('refi.importProject', { sourcePath: sample(NVIVO), targetPath: 'nvivo.condensa' });
    expect(report.origin).toBe('NVivo for Windows 12.6');
    expect(report.positions).toMatchObject({ unit: 'utf16', newlines: 'as-in-source', selections: 303, onWordBoundaries: 300 });
    expect(report.positions!.explanation).toMatch(/Read as Unicode code points over the source text \(as the REFI-QDA standard counts\): 49\./);
    // 152 nested nodes, no level written anywhere: the parents become levels above the 120 leaves.
    expect(project.counts).toMatchObject({ codings: 303, codes: 120, documents: 2, coders: 2 });
    expect(report.items.filter((i) => i.kind === 'skipped')).toEqual([]);
    const tree = await t.client.call('codebook.list', {});
    expect(tree.length).toBe(152);
    const parents = new Set(tree.flatMap((n) => n.parentIds));
    expect(tree.filter((n) => n.level !== 'code').every((n) => parents.has(n.id))).toBe(true);
    expect(tree.filter((n) => n.level === 'code').some((n) => parents.has(n.id))).toBe(false);

    const db = t.app.requireProject().db;
    const files = unzipSync(readFileSync(sample(NVIVO)));
    const qde = new TextDecoder().decode(files['project.qde']);
    const codingOf = codingOfSelection(qde);
    expect(codingOf.size).toBe(303);

    // The stored text is the source minus its BOM, with CRLF turned into LF; every emoji survives.
    const docText = (id: string) => db.prepare(`SELECT text FROM documents WHERE id = ?`).pluck().get(id) as string;
    for (const guid of [CODED_SOURCE, OTHER_SOURCE]) {
      const raw = new TextDecoder('utf-8', { ignoreBOM: true }).decode(files[`Sources/${guid}.txt`]);
      expect(raw.charCodeAt(0)).toBe(0xfeff);
      const text = docText(guid);
      expect(text).toBe(raw.slice(1).replace(/\r\n/g, '\n'));
      expect(text).not.toContain('\r');
      expect(text).not.toContain('\ufffd');
      expect(astralCount(text)).toBe(astralCount(raw));
    }
    expect(astralCount(docText(CODED_SOURCE))).toBe(892);

    const codings = db.prepare(`SELECT id, start, "end", document_id FROM codings`).all() as { id: string; start: number; end: number; document_id: string }[];
    const byId = new Map(codings.map((c) => [c.id, c]));
    const text = docText(CODED_SOURCE);
    const covered = (selection: string) => {
      const c = byId.get(codingOf.get(selection)!)!;
      return text.slice(c.start, c.end);
    };
    for (const [selection, expected] of Object.entries(VERIFIED)) expect({ selection, text: covered(selection) }).toEqual({ selection, text: expected });

    // Every selection starts and ends on a word boundary, except the three the coders cut inside a word.
    const offBoundary = [...codingOf.entries()]
      .filter(([, coding]) => {
        const c = byId.get(coding)!;
        return !(isWordBoundary(text, c.start) && isWordBoundary(text, c.end));
      })
      .map(([selection]) => selection)
      .sort();
    expect(offBoundary).toEqual(Object.keys(CUT_BY_THE_CODER).sort());
    for (const [selection, { starts, ends }] of Object.entries(CUT_BY_THE_CODER)) {
      expect(covered(selection).startsWith(starts)).toBe(true);
      expect(covered(selection).endsWith(ends)).toBe(true);
    }

    // Codings keep the coder their <Coding creatingUser> names (in this file, Gergo for all 303);
    // both users of the project become coders.
    const perCoder = db.prepare(`SELECT c.name, count(g.id) AS n FROM coders c LEFT JOIN codings g ON c.id = g.coder_id GROUP BY c.name ORDER BY c.name`).all();
    expect(perCoder).toEqual([
      { name: 'Gergo', n: 303 },
      { name: 'floriansipos', n: 0 },
    ]);
    // The hierarchy: 152 codes, nested as in NVivo.
    const nested = db.prepare(`SELECT count(*) FROM codebook_links`).pluck().get() as number;
    const roots = db.prepare(`SELECT count(*) FROM codebook_nodes WHERE id NOT IN (SELECT child_id FROM codebook_links)`).pluck().get() as number;
    expect(nested + roots).toBe(152);
    expect(db.prepare(`SELECT definition FROM codebook_nodes WHERE id = '5067d381-1dc9-4816-81dd-ae1dbfea2ad7'`).pluck().get()).toBe('COVID vay nem COVID');
  });

  it('imports the empty ATLAS.ti project without its pseudo-user and without a Sources folder', async () => {
    t = makeTestApp();
    const { project, report } = await t.client.call('refi.importProject', { sourcePath: sample('atlasti-23.2-empty.qdpx'), targetPath: 'atlas-empty' });
    expect(project.settings.title).toBe('blank-atlas-project');
    expect(project.counts).toMatchObject({ coders: 1, documents: 0, codes: 0 });
    expect((await t.client.call('coders.list', {})).map((c) => c.name)).toEqual(['Enric Llagostera']);
    expect(report.items.map((i) => i.message).join('\n')).toContain('“ATLAS.ti” was not made a coder');
  });

  it('imports the ATLAS.ti codebook with upper-case GUIDs, nested', async () => {
    t = makeTestApp();
    const { project } = await t.client.call('refi.importProject', { sourcePath: sample('atlasti-23.2-codes-only.qdpx'), targetPath: 'atlas-codes' });
    expect(project.counts.codes).toBe(2);
    const nodes = await t.client.call('codebook.list', {});
    const parent = nodes.find((n) => n.name === 'Commits')!;
    expect(parent.id).toBe('a182cd3a-d83c-4d8c-bc80-26d9103ec6d6');
    expect(parent.level).toBe('subcategory');
    expect(nodes.filter((n) => n.parentIds.includes(parent.id)).map((n) => n.name).sort()).toEqual(['2022-02-11T10:39:25Z cdbfd92', '2022-05-10T02:05:59Z 19e4dce']);
  });

  it('imports the Taguette codebook despite its empty <Sets/>', async () => {
    t = makeTestApp();
    await t.client.call('project.create', { path: t.file('taguette.condensa'), title: 'Taguette codes' });
    const { report } = await t.client.call('refi.importCodebook', { sourcePath: sample('taguette-1.4.1-codebook.qdc') });
    expect(report.origin).toBe('Taguette 1.4.1');
    expect(report.counts.codes).toBe(3);
    const nodes = await t.client.call('codebook.list', {});
    expect(nodes.map((n) => n.name).sort()).toEqual(['CodeBook', 'Variables', 'xsd:element name']);
    expect(nodes.every((n) => n.level === 'code' && n.parentIds.length === 0)).toBe(true);
  });
});
