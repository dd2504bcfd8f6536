import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDocx } from '../../../electron/core/import/read-docx';
import { readOdt } from '../../../electron/core/import/read-odt';

// Word and OpenDocument transcripts mark speakers by formatting and tables, not by a colon.
const WILD = path.resolve(__dirname, '../../fixtures/import/wild');
const read = (name: string) => fs.readFileSync(path.join(WILD, name));

describe('Word and OpenDocument labels and tables', () => {
  it('a bold label run opens its turn; bold inside a sentence and footnotes are no label', async () => {
    const text = await readDocx('bold-runs-en.docx', read('bold-runs-en.docx'));
    expect(text.split('\n\n')).toEqual([
      'Moderator: Thanks for coming. Who met their mentor in the first week?',
      'Mentee 1: I did, at the induction. It helped a lot.',
      'Mentee 2: Mine wrote to me before term. Really early.',
      'Moderator: And the rest of you?',
      // The label in two runs ("Mentee ", "3") is one label.
      'Mentee 3: Only in the second month, to be honest.',
      'Mentee 4: I never met mine.',
      'Mentee 1: We should ask early; nobody minds.',
    ]);
  });

  it('a run in a character style named Speaker is a label, bold or not', async () => {
    const text = await readDocx('speaker-style-de.docx', read('speaker-style-de.docx'));
    expect(text.split('\n\n')[1]).toBe('Befragte 3: Anstrengend, aber die Mentorin hat geholfen.');
  });

  it('a table of turns with a time column gives one turn a row, its header row left out', async () => {
    const text = await readDocx('table-turns-es.docx', read('table-turns-es.docx'));
    expect(text.split('\n\n').slice(0, 3)).toEqual(['Entrevista 7', '[00:00:04] Entrevistadora: ¿Cómo fue tu primer año de medicina?', '[00:00:09] Participante 2: Difícil al principio. No conocía a nadie.']);
  });

  it('OpenDocument: bold spans label their words, a table of turns gives a turn a row', () => {
    expect(readOdt('bold-spans-pt.odt', read('bold-spans-pt.odt')).split('\n\n')[2]).toBe('Aluno 2: Eu quase desisti em outubro.');
    expect(readOdt('table-turns-fr.odt', read('table-turns-fr.odt')).split('\n\n')).toEqual([
      'Entretien 12',
      'Enquêtrice: Comment s’est passée la première année ?',
      'Participant 6: Difficilement. Je travaillais le soir.',
      'Enquêtrice: Et le tutorat ?',
      'Participant 6: Mon tuteur m’a appris à faire des fiches.',
      'Enquêtrice: Merci beaucoup.',
    ]);
  });
});

describe('a Word table whose every row says it is a header (w:tblHeader w:val="false")', () => {
  it('reads its body rows as turns', async () => {
    const { Document, Packer, Paragraph, Table, TableCell, TableRow } = await import('docx');
    const row = (cells: string[]) => new TableRow({ tableHeader: false, children: cells.map((c) => new TableCell({ children: [new Paragraph(c)] })) });
    const bytes = await Packer.toBuffer(new Document({ sections: [{ children: [new Table({ rows: [row(['Speaker', 'Text']), row(['Anna', 'It was hard.']), row(['Ben', 'Same here.'])] })] }] }));
    expect(await readDocx('all-header.docx', bytes)).toBe('Anna: It was hard.\n\nBen: Same here.');
  });
});
