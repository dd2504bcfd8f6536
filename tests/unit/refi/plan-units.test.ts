import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { planProjectImport } from '../../../electron/core/refi/import-study';
import { openProjectPackage } from '../../../electron/core/refi/package';

// Meaning units from another program's file (no Condensa record): one code applied twice to a unit
// by one coder is kept once; the same code by another coder, in the same selection or in a
// selection of their own over the same range, is kept as theirs.
const G = (n: number) => `00000000-0000-4000-8000-${`${n}`.padStart(12, '0')}`;
const TEXT = 'We had coffee first. Then the real talk.';

const QDE = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Units" origin="Other 1.0">
  <Users><User guid="${G(1)}" name="Ana"/><User guid="${G(2)}" name="Ben"/></Users>
  <CodeBook><Codes><Code guid="${G(10)}" name="Coffee" isCodable="true"/><Code guid="${G(11)}" name="Talk" isCodable="true"/></Codes></CodeBook>
  <Sources>
    <TextSource guid="${G(20)}" name="A" plainTextPath="internal://${G(20)}.txt">
      <PlainTextSelection guid="${G(30)}" name="Meaning unit" startPosition="0" endPosition="20" creatingUser="${G(1)}">
        <Coding guid="${G(40)}" creatingUser="${G(1)}"><CodeRef targetGUID="${G(10)}"/></Coding>
        <Coding guid="${G(41)}" creatingUser="${G(1)}"><CodeRef targetGUID="${G(10)}"/></Coding>
        <Coding guid="${G(42)}" creatingUser="${G(2)}"><CodeRef targetGUID="${G(10)}"/></Coding>
        <Coding guid="${G(43)}" creatingUser="${G(1)}"><CodeRef targetGUID="${G(11)}"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="${G(31)}" name="Meaning unit" startPosition="0" endPosition="20" creatingUser="${G(2)}">
        <Coding guid="${G(44)}"><CodeRef targetGUID="${G(11)}"/></Coding>
        <Coding guid="${G(45)}"><CodeRef targetGUID="${G(11)}"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="${G(32)}" name="Meaning unit" startPosition="21" endPosition="40" creatingUser="${G(2)}">
        <Coding guid="${G(46)}"><CodeRef targetGUID="${G(10)}"/></Coding>
      </PlainTextSelection>
    </TextSource>
  </Sources>
</Project>`;

describe('planning meaning units and their codings', () => {
  it('keeps a code once per unit and coder, and each coder’s own', () => {
    const enc = new TextEncoder();
    const opened = openProjectPackage(zipSync({ 'project.qde': enc.encode(QDE), [`sources/${G(20)}.txt`]: enc.encode(TEXT) }));
    const plan = planProjectImport(opened.project, opened.files, opened.readNotes, 'units.qdpx');
    const rows = (table: string) => plan.tables.find((t) => t.table === table)!.rows;
    const units = rows('meaning_units');
    expect(units.map((u) => [u.start, u.end])).toEqual([
      [0, 20],
      [21, 40],
    ]);
    const coder = new Map(rows('coders').map((c) => [c.id, c.name]));
    const code = new Map([
      [G(10), 'Coffee'],
      [G(11), 'Talk'],
    ]);
    const unitOf = new Map(units.map((u, i) => [u.id, i + 1]));
    const got = rows('codings').map((c) => `${unitOf.get(c.unit_id as string)} ${code.get(c.code_id as string)} ${coder.get(c.coder_id)}`);
    expect(got.sort()).toEqual(['1 Coffee Ana', '1 Coffee Ben', '1 Talk Ana', '1 Talk Ben', '2 Coffee Ben']);
    expect(plan.report.items.find((i) => /applied twice/.test(i.message))?.count).toBe(2);
  });
});
