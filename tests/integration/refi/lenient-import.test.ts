import fs from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { makeSampleApp, makeTestApp, type TestApp } from '../support/app';
import { codedText } from './support';

// A foreign-style export written here by hand: braces and upper-case GUIDs, a Sources/ folder,
// a .qde not called project.qde, a pseudo-user, an empty <Sets/>, positions in code points over
// CRLF text with emoji, and parts Condensa cannot use (a PDF source, a missing text file).
const enc = new TextEncoder();
const G = (n: number) => `0000000${n}`.slice(-8).toUpperCase() + '-AAAA-4BBB-8CCC-DDDDDDDDDDDD';
const TEXT_A = '\ufeffDana: We had coffee ☕ first.\r\nThen 🙂 the real talk.\r\nShe listened.';
const cp = (s: string, w: string) => {
  const body = s.slice(1); // positions exclude the BOM
  const at = body.indexOf(w);
  return [Array.from(body.slice(0, at)).length, Array.from(body.slice(0, at + w.length)).length];
};
const [s1, e1] = cp(TEXT_A, 'We had coffee ☕ first');
const [s2, e2] = cp(TEXT_A, 'Then 🙂 the real talk.\r\nShe listened');

const QDE = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Foreign study" origin="QualCoder 3.5" creatingUserGUID="{${G(1)}}">
  <Users>
    <User guid="{${G(1)}}" name="Dana Ruiz"/>
    <User guid="${G(2)}" name="QualCoder"/>
  </Users>
  <CodeBook><Codes>
    <Code guid="${G(10)}" name="Support" isCodable="false" color="#F0A">
      <Description>[Category] Help from others</Description>
      <Code guid="${G(11)}" name="Practical help" isCodable="true"><NoteRef targetGUID="${G(41)}"/></Code>
    </Code>
  </Codes></CodeBook>
  <Variables>
    <Variable guid="${G(20)}" name="Age" typeOfVariable="Integer"/>
    <Variable guid="${G(21)}" name="Role" typeOfVariable="Text"><Description>Choices: Mentor | Mentee</Description></Variable>
  </Variables>
  <Cases>
    <Case guid="${G(30)}" name="Dana">
      <Description>First interviewee</Description>
      <VariableValue><VariableRef targetGUID="${G(20)}"/><IntegerValue>34</IntegerValue></VariableValue>
      <VariableValue><VariableRef targetGUID="${G(21)}"/><TextValue>Mentee</TextValue></VariableValue>
      <SelectionRef targetGUID="${G(50)}"/>
    </Case>
  </Cases>
  <Sources>
    <TextSource guid="${G(60)}" name="Interview A" plainTextPath="internal://${G(60)}.txt">
      <PlainTextSelection guid="${G(50)}" startPosition="${s1}" endPosition="${e1}" creatingUser="${G(1)}">
        <Coding guid="${G(70)}"><CodeRef targetGUID="${G(11)}"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="${G(51)}" startPosition="${s2}" endPosition="${e2}">
        <Description>The turning point</Description>
        <Coding guid="${G(71)}" creatingUser="{${G(1)}}"><CodeRef targetGUID="${G(10)}"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="${G(52)}" startPosition="0" endPosition="4">
        <Coding guid="${G(72)}"><CodeRef targetGUID="${G(99)}"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="${G(53)}" startPosition="5000" endPosition="5010"><Coding guid="${G(73)}"><CodeRef targetGUID="${G(11)}"/></Coding></PlainTextSelection>
      <NoteRef targetGUID="${G(40)}"/>
    </TextSource>
    <TextSource guid="${G(61)}" name="Inline"><PlainTextContent>Short inline text.</PlainTextContent>
      <PlainTextSelection guid="${G(54)}" startPosition="0" endPosition="5"><Coding guid="${G(74)}"><CodeRef targetGUID="${G(11)}"/></Coding></PlainTextSelection>
    </TextSource>
    <TextSource guid="${G(62)}" name="Missing" plainTextPath="internal://missing.txt"/>
    <TextSource guid="${G(63)}" name="Elsewhere" plainTextPath="absolute://C:/data/x.txt"/>
    <PDFSource guid="${G(64)}" name="Scan" path="internal://scan.pdf"/>
  </Sources>
  <Notes>
    <Note guid="${G(40)}" name="Memo on A" creatingUser="${G(1)}"><PlainTextContent>Warm, open interview.</PlainTextContent></Note>
    <Note guid="${G(41)}" name="Code memo"><PlainTextContent>Split this code?</PlainTextContent></Note>
    <Note guid="${G(42)}" name="Loose"><PlainTextContent>Nothing points here.</PlainTextContent></Note>
  </Notes>
  <Sets/>
</Project>`;

function foreignArchive(): Uint8Array {
  return zipSync({ 'my-study.qde': enc.encode(QDE), [`Sources/${G(60)}.txt`]: enc.encode(TEXT_A) });
}

describe('importing REFI-QDA leniently where the meaning is clear', () => {
  let t: TestApp;
  afterEach(() => t?.close());

  it('imports a hand-written foreign export and reports what it converted and skipped', async () => {
    t = makeTestApp();
    const base64 = Buffer.from(foreignArchive()).toString('base64');
    const { project, report } = await t.client.call('refi.importProject', { base64, fileName: 'foreign.qdpx', targetPath: 'foreign' });
    expect(project.settings.title).toBe('Foreign study');
    expect(project.path).toBe(path.join(t.dir, 'projects', 'foreign.condensa'));
    expect(report.positions).toMatchObject({ unit: 'code-points', newlines: 'as-in-source' });
    expect(project.counts).toMatchObject({ documents: 2, codebookNodes: 2, codes: 1, coders: 1, participants: 1, attributes: 2, codings: 3 });
    // The audit log starts with where the project came from; nothing of it can be undone.
    const steps = await t.client.call('audit.list', { limit: 10 });
    expect(steps.map((s) => [s.method, s.summary, s.changes])).toEqual([
      ['refi.importProject', `Import the project “foreign.qdpx”, made by ${report.origin}: 2 documents, 1 code, 3 codings, 4 memos`, 0],
    ]);
    expect((await t.client.call('history.state', {})).canUndo).toBe(false);

    const messages = report.items.map((i) => `${i.kind}: ${i.message}`).join('\n');
    expect(messages).toContain('skipped: The program’s own user “QualCoder” was not made a coder');
    expect(messages).toContain('skipped: Codings of a code that is not in the codebook were skipped');
    expect(messages).toContain('skipped: Selections that start beyond the end of their source were skipped');
    expect(messages).toContain('skipped: Source “Missing” was skipped');
    expect(messages).toContain('skipped: Source “Elsewhere” was skipped: its text is outside the archive');
    expect(messages).toContain('skipped: PDFSource elements are not imported');
    expect(messages).toContain('converted: Codes whose description starts with a level');
    expect(messages).toContain('converted: Sources with CRLF or CR newlines were stored with LF newlines');

    const db = t.app.requireProject().db;
    const texts = [...codedText(db).entries()].sort(([a], [b]) => a.localeCompare(b));
    expect(texts).toEqual([
      [G(70).toLowerCase(), 'We had coffee ☕ first'],
      [G(71).toLowerCase(), 'Then 🙂 the real talk.\nShe listened'],
      [G(74).toLowerCase(), 'Short'],
    ]);
    const doc = db.prepare(`SELECT text FROM documents WHERE id = ?`).pluck().get(G(60).toLowerCase());
    expect(doc).toBe('Dana: We had coffee ☕ first.\nThen 🙂 the real talk.\nShe listened.');

    const nodes = await t.client.call('codebook.list', {});
    const support = nodes.find((n) => n.name === 'Support')!;
    expect(support).toMatchObject({ level: 'category', definition: 'Help from others', colour: '#ff00aa' });
    expect(nodes.find((n) => n.name === 'Practical help')).toMatchObject({ level: 'code', parentIds: [support.id], colour: '#ff00aa' });

    const coders = await t.client.call('coders.list', {});
    expect(coders.map((c) => c.name)).toEqual(['Dana Ruiz']);
    expect(db.prepare(`SELECT DISTINCT coder_id FROM codings`).pluck().all()).toEqual([coders[0].id]);

    const [dana] = await t.client.call('participants.list', {});
    const attributes = await t.client.call('attributes.list', {});
    const byName = Object.fromEntries(attributes.map((a) => [a.name, a]));
    expect(byName.Age.type).toBe('number');
    expect(byName.Role).toMatchObject({ type: 'choice', choices: ['Mentor', 'Mentee'] });
    expect(dana).toMatchObject({ label: 'Dana', notes: 'First interviewee', values: { [byName.Age.id]: '34', [byName.Role.id]: 'Mentee' } });
    // The case's selection became Dana's turn in the interview.
    const turn = db.prepare(`SELECT participant_id, start, "end" FROM turns`).get() as { participant_id: string; start: number; end: number };
    expect(turn.participant_id).toBe(dana.id);
    expect((doc as string).slice(turn.start, turn.end)).toBe('We had coffee ☕ first');

    const memos = db.prepare(`SELECT target_type, title, body FROM memos ORDER BY title`).all();
    expect(memos).toEqual([
      { target_type: 'coding', title: '', body: 'The turning point' },
      { target_type: 'node', title: 'Code memo', body: 'Split this code?' },
      { target_type: 'project', title: 'Loose', body: 'Nothing points here.' },
      { target_type: 'document', title: 'Memo on A', body: 'Warm, open interview.' },
    ]);
  });

  it('reads a bare project.qde, and a .qdpx whose sources sit in lower-case sources/', async () => {
    t = makeTestApp();
    const inline = QDE.replace(/<TextSource guid="[^"]+" name="Interview A"[\s\S]*?<\/TextSource>/, '');
    fs.writeFileSync(path.join(t.dir, 'bare.qde'), inline);
    const bare = await t.client.call('refi.importProject', { sourcePath: path.join(t.dir, 'bare.qde'), targetPath: 'bare' });
    expect(bare.project.counts.documents).toBe(1);
    const lower = zipSync({ 'project.qde': enc.encode(QDE), [`sources/${G(60).toLowerCase()}.txt`]: enc.encode(TEXT_A) });
    const r = await t.client.call('refi.importProject', { base64: Buffer.from(lower).toString('base64'), targetPath: 'lower' });
    expect(r.project.counts.documents).toBe(2);
  });
});

describe('a refused file changes nothing', () => {
  let t: TestApp;
  afterEach(() => t?.close());

  it('keeps the open project open and unchanged, and leaves no new file behind', async () => {
    t = await makeSampleApp();
    const before = await t.client.call('project.get', {});
    const target = path.join(t.dir, 'evil.condensa');
    const cases: [Uint8Array, string][] = [
      [zipSync({ 'project.qde': enc.encode(QDE), '../../escape.txt': enc.encode('x') }), 'REFI_UNSAFE_ARCHIVE'],
      [zipSync({ 'project.qde': enc.encode('<!DOCTYPE x [<!ENTITY a SYSTEM "file:///etc/passwd">]><Project name="&a;"/>') }), 'REFI_BAD_XML'],
      [zipSync({ 'project.qde': enc.encode('<Project name="x"><Users>') }), 'REFI_BAD_XML'],
      [zipSync({ 'notes.txt': enc.encode('hello') }), 'REFI_BAD_ARCHIVE'],
      [enc.encode('%PDF-1.7 not a project'), 'REFI_BAD_XML'],
    ];
    for (const [bytes, code] of cases) {
      await expect(t.client.call('refi.importProject', { base64: Buffer.from(bytes).toString('base64'), targetPath: target })).rejects.toMatchObject({ code });
      expect(fs.existsSync(target)).toBe(false);
      await expect(t.client.call('refi.importCodebook', { base64: Buffer.from(bytes).toString('base64') })).rejects.toMatchObject({ code });
    }
    const after = await t.client.call('project.get', {});
    expect(after.path).toBe(before.path);
    expect(after.counts).toEqual(before.counts);
    await expect(t.client.call('refi.importProject', { sourcePath: path.join(t.dir, 'nope.qdpx'), targetPath: target })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(t.client.call('refi.importProject', { targetPath: target })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('refuses to overwrite an existing project file', async () => {
    t = makeTestApp();
    const base64 = Buffer.from(foreignArchive()).toString('base64');
    await t.client.call('refi.importProject', { base64, targetPath: 'twice' });
    await expect(t.client.call('refi.importProject', { base64, targetPath: 'twice' })).rejects.toMatchObject({ code: 'PROJECT_EXISTS' });
  });
});
