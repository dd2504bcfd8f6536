import { zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../support/app';

// Notes on passages as f4, ATLAS.ti and MAXQDA write them: a NoteRef or a Description on a
// PlainTextSelection that holds no coding, a note on a coded passage, and a note with no text.
const enc = new TextEncoder();
const G = (n: number) => `${String(n).padStart(8, '0')}-5555-4666-8777-888888888888`;
const TEXT = 'We met on Mondays. She never rushed me. I still call her when I doubt.';
const range = (w: string) => `startPosition="${TEXT.indexOf(w)}" endPosition="${TEXT.indexOf(w) + w.length}"`;

const QDE = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Notes" origin="f4analyse 3">
  <Users><User guid="${G(90)}" name="Ida"/></Users>
  <CodeBook><Codes><Code guid="${G(1)}" name="Patience" isCodable="true"/></Codes></CodeBook>
  <Sources>
    <TextSource guid="${G(50)}" name="Interview" plainTextPath="internal://${G(50)}.txt">
      <PlainTextSelection guid="${G(60)}" name="Meaning unit" ${range('She never rushed me.')} creatingUser="${G(90)}"/>
      <PlainTextSelection guid="${G(61)}" ${range('She never rushed me.')}><NoteRef targetGUID="${G(70)}"/></PlainTextSelection>
      <PlainTextSelection guid="${G(62)}" ${range('never rushed')}><NoteRef targetGUID="${G(71)}"/></PlainTextSelection>
      <PlainTextSelection guid="${G(63)}" ${range('I still call her')}><NoteRef targetGUID="${G(72)}"/></PlainTextSelection>
      <PlainTextSelection guid="${G(64)}" ${range('I still call her')}><Description>ATLAS.ti-style comment</Description></PlainTextSelection>
      <PlainTextSelection guid="${G(65)}" ${range('We met on Mondays.')} creatingUser="${G(90)}"><Coding guid="${G(80)}"><CodeRef targetGUID="${G(1)}"/></Coding><NoteRef targetGUID="${G(73)}"/></PlainTextSelection>
      <PlainTextSelection guid="${G(66)}" ${range('when I doubt')}><NoteRef targetGUID="${G(74)}"/></PlainTextSelection>
    </TextSource>
  </Sources>
  <Notes>
    <Note guid="${G(70)}" name="On the unit"><PlainTextContent>Patience, again.</PlainTextContent></Note>
    <Note guid="${G(71)}"><PlainTextContent>Inside the unit.</PlainTextContent></Note>
    <Note guid="${G(72)}" name="Free passage"><PlainTextContent>Still in touch.</PlainTextContent></Note>
    <Note guid="${G(73)}"><PlainTextContent>On the coding.</PlainTextContent></Note>
    <Note guid="${G(74)}"><PlainTextContent>  </PlainTextContent></Note>
  </Notes>
</Project>`;

describe('notes on passages stay on their passage', () => {
  let t: TestApp;
  afterEach(() => t?.close());

  it('become memos on the unit or coding there (or a new unit over a free passage); notes without text are reported, not made memos', async () => {
    t = makeTestApp();
    const bytes = zipSync({ 'project.qde': enc.encode(QDE), [`sources/${G(50)}.txt`]: enc.encode(TEXT) });
    const { report } = await t.client.call('refi.importProject', { base64: Buffer.from(bytes).toString('base64'), targetPath: 'notes' });
    const db = t.app.requireProject().db;
    const memos = db
      .prepare(
        `SELECT m.body, m.target_type AS type,
                coalesce((SELECT substr(d.text, u.start + 1, u."end" - u.start) FROM meaning_units u JOIN documents d ON d.id = u.document_id WHERE u.id = m.target_id),
                         (SELECT substr(d.text, c.start + 1, c."end" - c.start) FROM codings c JOIN documents d ON d.id = c.document_id WHERE c.id = m.target_id)) AS passage
         FROM memos m ORDER BY m.body`,
      )
      .all();
    expect(memos).toEqual([
      { body: 'ATLAS.ti-style comment', type: 'unit', passage: 'I still call her' },
      { body: 'Inside the unit.', type: 'unit', passage: 'She never rushed me.' },
      { body: 'On the coding.', type: 'coding', passage: 'We met on Mondays.' },
      { body: 'Patience, again.', type: 'unit', passage: 'She never rushed me.' },
      { body: 'Still in touch.', type: 'unit', passage: 'I still call her' },
    ]);
    // The two notes on the free passage share one new unit; the existing unit is not doubled.
    expect(db.prepare(`SELECT count(*) FROM meaning_units`).pluck().get()).toBe(2);
    const items = new Map(report.items.map((i) => [i.message, i]));
    expect(items.get('Notes without any text were not made memos')?.count).toBe(1);
    expect(items.get('Notes on passages no meaning unit covered became memos on new meaning units over those passages')?.count).toBe(1);
    expect(items.get('Notes on passages became memos on the meaning units over those passages')?.count).toBe(2);
  });
});
